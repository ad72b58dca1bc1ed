import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {GuideIndex} from '../../plugins/guide-index/index.ts';
import {docsDir} from '../../plugins/guide-model/page.ts';
import {exampleValues, fillPlaceholders, loadPlaceholders} from '../../plugins/guide-model/placeholders.ts';

// INSTALL.md has the reader create the log files the jails read before the
// containers start. Debian's real fail2ban 1.0.2 shows why: with the setup
// page's jails and one log file missing it does not start, with the files
// INSTALL.md creates it does. Each jail's logpath is moved into a temporary
// folder; the ban action is fail2ban's `dummy`, so no firewall is touched.
const index = new GuideIndex(docsDir);
await index.load();
const {page, downloads} = await index.page(path.join(docsDir, 'services/email/mta/setup.md'));
const dir = mkdtempSync(path.join(tmpdir(), 'fail2ban-logs-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const logDir = path.join(dir, 'logs');
const inLab = (logPath: string) => path.join(logDir, logPath.replaceAll('/', '_'));
const jails = page.snippets
  .filter((snippet) => snippet.kind === 'fail2ban-jail')
  .map((snippet) =>
    fillPlaceholders(snippet.text, exampleValues(loadPlaceholders()))
      .replace(/^(logpath\s*=\s*)(\S+)$/gm, (_, key: string, value: string) => `${key}${inLab(value)}`)
      .replace(/^banaction\s*=.*$/gm, 'banaction = dummy'),
  );
const logPaths = page.snippets
  .filter((snippet) => snippet.kind === 'fail2ban-jail')
  .flatMap((snippet) => [...snippet.text.matchAll(/^logpath\s*=\s*(\S+)$/gm)].map((match) => match[1]));

/** Starts fail2ban 1.0.2 in the foreground with the page's jails for a few seconds; its own log. */
function startFail2ban(): string {
  const conf = path.join(dir, `conf-${Math.random().toString(36).slice(2)}`);
  cpSync('/etc/fail2ban', conf, {recursive: true});
  rmSync(path.join(conf, 'jail.d'), {recursive: true, force: true});
  mkdirSync(path.join(conf, 'jail.d'));
  for (const file of page.snippets.filter((snippet) => snippet.kind === 'fail2ban-filter')) writeFileSync(path.join(conf, 'filter.d', path.basename(file.target)), file.text);
  jails.forEach((text, at) => writeFileSync(path.join(conf, 'jail.d', `page-${at}.local`), `${text}\n`.replace(/^(\[[^\]]+\])$/gm, '$1\nbackend = polling')));
  writeFileSync(
    path.join(conf, 'fail2ban.local'),
    `[Definition]\nlogtarget = ${path.join(conf, 'server.log')}\nsocket = ${path.join(conf, 'f2b.sock')}\npidfile = ${path.join(conf, 'f2b.pid')}\ndbfile = :memory:\n`,
  );
  const run = spawnSync('/usr/bin/fail2ban-server', ['-f', '-x', '-c', conf], {encoding: 'utf8', timeout: 6000, killSignal: 'SIGTERM'});
  const serverLog = path.join(conf, 'server.log');
  return `${run.stdout}${run.stderr}${existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : ''}`;
}

describe("the jails' log files, as INSTALL.md has the reader create them", () => {
  it('lists one file per logpath of the page, the files fail2ban itself and the mail server write', () => {
    expect(downloads.spec!.logFiles).toEqual(['/data/fail2ban/fail2ban.log', '/var/log/mail/mail.log']);
    expect(new Set(logPaths).size).toBe(2);
  });

  it('fail2ban 1.0.2 does not start while one is missing', () => {
    mkdirSync(logDir, {recursive: true});
    writeFileSync(inLab('/var/log/mail/mail.log'), '');
    expect(startFail2ban()).toMatch(/Have not found any log file for recidive jail/);
  });

  it('starts once every file INSTALL.md creates exists', () => {
    for (const logPath of logPaths) writeFileSync(inLab(logPath), '');
    const output = startFail2ban();
    expect(output).not.toMatch(/Have not found any log file|ERROR/);
    for (const jail of ['mail-dovecot', 'postfix', 'mail-postfix', 'mail-postfix-rbl', 'mail-postfix-sasl', 'recidive']) expect(output).toContain(`Jail '${jail}' started`);
  });
});
