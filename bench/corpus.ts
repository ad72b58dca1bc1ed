import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/**
 * A synthetic guide of `count` pages under docs/bench/, each with a ports
 * table, a files table, a compose snippet and two fail2ban files (a filter
 * and its jail), all valid, so `npm run check` and the build do their full work.
 */
export function writeCorpus(siteDir: string, count: number): void {
  const dir = path.join(siteDir, 'docs/bench');
  mkdirSync(dir, {recursive: true});
  for (let index = 1; index <= count; index += 1) {
    const port = 20000 + index;
    const fence = '```';
    writeFileSync(
      path.join(dir, `page-${index}.md`),
      [
        '---',
        `title: Bench page ${index}`,
        '---',
        '',
        `# Bench page ${index}`,
        '',
        `A page of the benchmark corpus for :term[MTA] number ${index}.`,
        '',
        `::::ports{title="Ports ${index}" open}`,
        '',
        `${fence}yaml`,
        `- port: ${port}`,
        '  protocol: TCP',
        '  state: PUBLIC',
        `  purpose: "Service ${index}, from :term[MUA]s"`,
        `  service: svc${index}`,
        `- port: ${port + 5000}`,
        '  protocol: TCP',
        '  state: DISABLE',
        '  purpose: Plaintext, off',
        `  service: svc${index}`,
        fence,
        '',
        '::::',
        '',
        `::::files{title="Files ${index}" service=svc${index}}`,
        '',
        `${fence}yaml`,
        '- path: /var/log/svc',
        '  purpose: Logs',
        '  kind: logs',
        '- path: /etc/svc',
        '  purpose: Configuration',
        '  readonly: true',
        fence,
        '',
        '::::',
        '',
        `${fence}yaml title="Compose" target=docker-compose.yml kind=compose-fragment`,
        `svc${index}:`,
        `  image: example/svc:1.0.${index}`,
        `  hostname: svc${index}`,
        '  domainname: "{DOMAIN}"',
        '  ports:',
        `    - "${port}:${port}"`,
        '  volumes:',
        `    - /var/log/svc${index}:/var/log/svc`,
        `    - /data/svc${index}:/etc/svc:ro`,
        'f2b:',
        '  image: crazymax/fail2ban:1.0.2',
        '  network_mode: host',
        '  volumes:',
        `    - /var/log/svc${index}:/var/log/svc:ro`,
        '    - /data/fail2ban:/data',
        fence,
        '',
        `${fence}text target=/data/filter.d/bench.conf`,
        '[INCLUDES]',
        'before = common.conf',
        '',
        '[Definition]',
        '_daemon = postfix/smtpd',
        'failregex = ^%(__prefix_line)swarning: \\S+\\[<HOST>\\]: SASL LOGIN authentication failed',
        'ignoreregex =',
        fence,
        '',
        `${fence}text target=/data/jail.d/bench-${index}.conf`,
        `[bench-${index}]`,
        'enabled  = true',
        'filter   = bench',
        `port     = ${port}`,
        'logpath  = /var/log/svc/mail.log',
        'maxretry = 3',
        fence,
        '',
      ].join('\n'),
    );
  }
  // The filter is written in each page: its samples sit in samples/ next to the pages.
  const samples = path.join(dir, 'samples');
  mkdirSync(samples, {recursive: true});
  writeFileSync(
    path.join(samples, 'bench.log'),
    [
      '# failJSON: {"match": true, "host": "203.0.113.5"}',
      'Feb 20 10:30:01 mail postfix/smtpd[1]: warning: unknown[203.0.113.5]: SASL LOGIN authentication failed: x',
      '# failJSON: {"match": false}',
      'Feb 20 10:30:02 mail postfix/smtpd[1]: connect from unknown[203.0.113.6]',
      '',
    ].join('\n'),
  );
}
