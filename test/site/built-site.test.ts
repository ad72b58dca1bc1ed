import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {load, type CheerioAPI} from 'cheerio';
import {beforeAll, describe, expect, inject, it} from 'vitest';
import {originalEmailPorts} from '../helpers/original-guide.ts';

let buildDir: string;
const page = (route: string): CheerioAPI => load(readFileSync(path.join(buildDir, route, 'index.html'), 'utf8'));

beforeAll(() => {
  buildDir = inject('buildDir');
});

describe('the built setup page', () => {
  let $: CheerioAPI;
  beforeAll(() => {
    $ = page('services/email/mta/setup');
  });

  it('has the title and every section of the original, with the old anchors', () => {
    expect($('h1').text()).toBe('Setup');
    expect(
      $('article h2')
        .map((_, h) =>
          $(h)
            .text()
            .replace(/\u200b/g, '')
            .trim(),
        )
        .get(),
    ).toEqual(['Ports', 'Files', 'Docker Creation', 'fail2ban Setup', 'Proven in the mail lab', "Download this guide's configuration"]);
    for (const id of ['service-email-mta-setup', 'service-email-ports', 'service-email-mta-docker']) {
      expect($(`[id="${id}"]`), id).toHaveLength(1);
    }
  });

  it('keeps every external link of the original, pinned to the release the page pins', () => {
    const hrefs = new Set(
      $('article a[href^="http"]')
        .map((_, a) => $(a).attr('href'))
        .get(),
    );
    // The original linked the retired tvial image and the moving master branch.
    for (const url of [
      'https://hub.docker.com/r/mailserver/docker-mailserver/',
      'https://tools.ietf.org/html/rfc2476',
      'https://github.com/docker-mailserver/docker-mailserver/blob/v9.0.1/README.md',
      'https://github.com/tomav/docker-mailserver/issues/1057',
      'https://blog.mailtrap.io/smtp-ports-25-465-587-used-for/',
      'https://github.com/docker-mailserver/docker-mailserver/tree/v9.0.1/target/fail2ban',
      'https://github.com/tomav/docker-mailserver/pull/1388',
    ]) {
      expect(hrefs, url).toContain(url);
    }
  });

  it('shows the fail2ban files from disk with their captions', () => {
    const titles = $('article [class*="codeBlockTitle"]')
      .map((_, t) => $(t).text())
      .get()
      .filter((title) => !title.endsWith('original (-) and this page (+)'));
    const names = ['mail-dovecot', 'mail-postfix', 'mail-postfix-rbl', 'mail-postfix-sasl'];
    expect(titles).toEqual([
      'Docker Compose',
      'Add read-only mail logs to Docker Compose (f2b-system)',
      ...names.map((name) => `0644 root root /data/filter.d/${name}.conf`),
      '0644 root root /data/jail.d/dovecot.conf',
      '0644 root root /data/jail.d/postfix.conf',
      '0644 root root /data/jail.d/recidive.conf',
    ]);
    const source = readFileSync(path.resolve('docs/services/email/mta/source/mail-postfix-sasl.conf'), 'utf8');
    const block = $('article [class*="codeBlockContainer"]').filter((_, b) => $(b).text().includes('0644 root root /data/filter.d/mail-postfix-sasl.conf'));
    const lines = block
      .find('code > .token-line')
      .map((_, line) => $(line).text())
      .get();
    expect(lines.join('\n')).toBe(source.replace(/\n$/, ''));
  });

  it('lists every change from the original snippets, with its reason, in the note', () => {
    const note = $('article .theme-admonition').filter((_, a) => $(a).text().includes('Changed from the original guide'));
    const diffs = note
      .find('[class*="codeBlockTitle"]')
      .map((_, t) => $(t).text())
      .get();
    expect(diffs).toContain('docker-compose.mail.yml: original (-) and this page (+)');
    const compose = note.find('[class*="codeBlockContainer"]').filter((_, b) => $(b).text().includes('docker-compose.mail.yml: original'));
    expect(compose.text()).toContain('-    - PERMIT_DOCKER=host');
    expect(compose.text()).toContain('+    - PERMIT_DOCKER=');
    expect(note.text()).toContain('PERMIT_DOCKER=host trusted the Docker host');
  });

  it('highlights line 12 of the dovecot filter, the rule the lab proved, and only that line', () => {
    const block = $('article [class*="codeBlockContainer"]').filter((_, b) => $(b).text().includes('/data/filter.d/mail-dovecot.conf'));
    const lines = block.find('code > .token-line');
    const highlighted = lines.map((index, line) => ($(line).hasClass('theme-code-block-highlighted-line') ? index + 1 : null)).get();
    expect(highlighted).toEqual([12]);
    expect(lines.eq(11).text()).toContain('failregex = ');
    expect(lines.eq(11).text()).toContain('<HOST>');
  });

  it('links glossary terms to their anchors with the definition attached', () => {
    const term = $('article a[href="/glossary#term-MUA"]').first();
    const tooltip = $(`[id="${term.attr('aria-describedby')}"]`);
    expect(tooltip.attr('role')).toBe('tooltip');
    expect(tooltip.text()).toMatch(/^Mail User Agent: The program a person reads and writes mail with/);
  });

  it('renders the ports table from its data, in the original order, inside an open collapsible', () => {
    const details = $('article details').filter((_, d) => $(d).children('summary').text() === 'Email Ports');
    expect(details.attr('open')).toBeDefined();
    expect(details.find('.theme-admonition').text()).toContain('POP3 and connections without TLS/SSL');
    const table = details.find('table');
    expect(table.find('caption').text()).toBe('Email Ports');
    expect(
      table
        .find('thead th')
        .map((_, th) => $(th).text())
        .get(),
    ).toEqual(['Port', 'Protocol', 'Type', 'Purpose', 'Service']);
    const rows = table
      .find('tbody tr')
      .map((_, tr) => [
        [
          $(tr).attr('id'),
          ...$(tr)
            .find('td')
            .map((__, td) => $(td).text())
            .get()
            .slice(0, 3),
        ],
      ])
      .get();
    expect(rows).toEqual(originalEmailPorts.map(([port, protocol, state]) => [`port-${port}-${protocol.toLowerCase()}`, port, protocol, state]));
    expect(table.find('#port-587-tcp a.state-pill').attr('href')).toBe('/glossary#state-exposed');
    expect(table.find('#port-25-tcp a[href="/glossary#term-MTA"]')).toHaveLength(1);
  });

  it('renders the files table with a row anchor per path', () => {
    const table = $('article table').filter((_, t) => $(t).find('caption').text() === 'Email Files');
    expect(
      table
        .find('tbody tr')
        .map((_, tr) => $(tr).attr('id'))
        .get(),
    ).toEqual(['file-var-mail', 'file-var-mail-state', 'file-var-log-mail', 'file-tmp-docker-mailserver', 'file-etc-letsencrypt']);
    expect(table.find('#file-etc-letsencrypt').text()).toContain('read-only');
  });

  it('fixes the typos of the original', () => {
    const text = $('article').text();
    for (const typo of ['Recieve', 'conatiner', 'procress', 'as the is exposed']) expect(text).not.toContain(typo);
  });
});

describe('the other pages', () => {
  it.each([
    ['', 'mailguide'],
    ['services/email', 'Email'],
    ['services/email/mta', 'MTA/MDA'],
    ['services/email/mta/configuration', 'Configuration'],
    ['services/fail2ban/system', 'fail2ban for System'],
    ['glossary', 'Glossary'],
  ])('/%s is built with its title', (route, title) => {
    expect(page(route)('h1').first().text()).toBe(title);
  });

  it('keeps the old anchors of the linked pages', () => {
    expect(page('services/email/mta/configuration')('#service-email-mta-configuration')).toHaveLength(1);
    expect(page('services/fail2ban/system')('#service-fail2ban-system')).toHaveLength(1);
    const glossary = page('glossary');
    for (const term of ['MTA', 'MDA', 'MUA', 'DKIM', 'SPF', 'DMARC']) expect(glossary(`h2#term-${term}`), term).toHaveLength(1);
    for (const state of ['public', 'exposed', 'private', 'localhost', 'optional', 'disable']) expect(glossary(`h3#state-${state}`), state).toHaveLength(1);
    expect(
      page('services/fail2ban/system')('table tbody tr')
        .map((_, tr) => tr.attribs.id)
        .get(),
    ).toEqual(['file-data-jail-d', 'file-data-filter-d', 'file-var-log']);
  });

  it.each(['services/email/mta/setup', 'services/email/mta/configuration', 'services/fail2ban/system', 'glossary'])('the old URL /%s.html redirects to the new page', (route) => {
    const redirect = readFileSync(path.join(buildDir, `${route}.html`, 'index.html'), 'utf8');
    expect(redirect).toContain(`<meta http-equiv="refresh" content="0; url=/${route}">`);
    expect(existsSync(path.join(buildDir, route, 'index.html'))).toBe(true);
  });
});
