import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildSite, copySite} from '../helpers/site.ts';

const setupPage = 'docs/services/email/mta/setup.md';

/** Builds a copy of the site whose setup page went through `edit`. */
async function buildWithEditedSetupPage(edit: (page: string) => string) {
  const dir = copySite();
  const page = path.join(dir, setupPage);
  writeFileSync(page, edit(readFileSync(page, 'utf8')));
  const result = await buildSite(dir);
  return {...result, dir};
}

/** A failed build leaves no site behind: no page, no asset. */
function expectNothingPublished(dir: string): void {
  const outDir = path.join(dir, 'build');
  expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('the build fails on bad pages, naming the file and line', () => {
  it('an include of a missing file', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('file=source/mail-postfix.conf', 'file=source/mail-postfx.conf'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const line = lineOf(readFileSync(path.join(dir, setupPage), 'utf8'), 'mail-postfx.conf');
    expect(output).toContain(`${setupPage}:${line}:1`);
    expect(output).toContain('Included file "source/mail-postfx.conf" does not exist');
  });

  it('an include outside docs/', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('file=source/dovecot.conf', 'file=../../../../package.json'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    expect(output).toMatch(/Included file "\.\.\/\.\.\/\.\.\/\.\.\/package\.json" is outside/);
    expect(output).toContain(`${setupPage}:`);
  });

  it('an unknown glossary term', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('Enable fail2ban for the :term[MTA]', 'Enable fail2ban for the :term[MTX]'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    const line = lineOf(text, ':term[MTX]');
    const column = text.split('\n')[line - 1].indexOf(':term[MTX]') + 1;
    expect(output).toContain(`${setupPage}:${line}:${column}`);
    expect(output).toContain('Unknown glossary term "MTX". Did you mean "MTA"?');
  });

  it('a directive that no plugin handles', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('## Files\n', '## Files\n\n::tabel{of=files}\n'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const line = lineOf(readFileSync(path.join(dir, setupPage), 'utf8'), '::tabel');
    expect(output).toContain(`${setupPage}:${line}:1`);
    expect(output).toContain('Unknown directive "::tabel"');
  });

  it('a compose file that publishes a wrong port', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('    - "587:587"', '    - "588:587"'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    expect(output).toContain(`${setupPage}:${lineOf(text, '- port: 587')}:3  error  cross/port-not-published  Port 587/TCP is EXPOSED, but service "mail" does not publish it.`);
  });

  it('an unknown docker-mailserver variable', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('    - ENABLE_CLAMAV=1\n', '    - ENABLE_CLAMAV=1\n    - ENABLE_CLAMAVV=1\n'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    expect(output).toContain(
      `${setupPage}:${lineOf(text, 'ENABLE_CLAMAVV')}:7  error  compose/env-unknown  docker-mailserver v9.0.1 has no variable ENABLE_CLAMAVV. Did you mean "ENABLE_CLAMAV"?`,
    );
  });

  it('a filter without <HOST>, pointing into the included filter file', async () => {
    const dir = copySite();
    const filter = path.join(dir, 'docs/services/email/mta/source/mail-dovecot.conf');
    writeFileSync(filter, readFileSync(filter, 'utf8').replace(',<HOST>', ',(?P<host>[^,)]+)'));
    const {ok, output} = await buildSite(dir);
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    expect(output).toContain('docs/services/email/mta/source/mail-dovecot.conf:12:1  error  filter/no-host  This failregex has no <HOST>');
  });

  it('a snippet whose target would leave the bundle', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('target=/data/jail.d/postfix.conf', 'target=../../../etc/cron.d/evil.conf kind=fail2ban-jail'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    expect(output).toContain(
      `${setupPage}:${lineOf(text, 'evil.conf')}:1  error  bundle/path-escapes  target=../../../etc/cron.d/evil.conf would put the file at "../../../etc/cron.d/evil.conf", outside the page's bundle.`,
    );
  });

  it('a ports table with a wrong state and a port out of range, listing both', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('state: EXPOSED', 'state: EXPOSD').replace('- port: 110', '- port: 0'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    expect(output).toContain(`${setupPage}:${lineOf(text, 'EXPOSD')}:10  error  ports/unknown-state  Unknown state "EXPOSD". Did you mean "EXPOSED"?`);
    expect(output).toContain(`${setupPage}:${lineOf(text, '- port: 0')}:9  error  ports/port-range  Port 0 is out of range: ports go from 1 to 65535.`);
  });

  it('a typo in a placeholder of the prose', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('- `mail.{DOMAIN}` resolves', '- `mail.{DOMIAN}` resolves'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    const line = lineOf(text, '{DOMIAN}');
    const column = text.split('\n')[line - 1].indexOf('{DOMIAN}') + 1;
    expect(output).toContain(
      `${setupPage}:${line}:${column}  error  page/unknown-placeholder  Placeholder {DOMIAN} is not declared, so readers' values never fill it. Did you mean "DOMAIN"?`,
    );
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('a placeholder that leaves the compose file as published invalid', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('domainname: "{DOMAIN}"', 'domainname: {DOMAIN}'));
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    expect(output).toContain(`${setupPage}:${lineOf(text, 'domainname: {DOMAIN}')}:15  error  compose/placeholder-not-string  {DOMAIN} is not inside a YAML string`);
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('a compose snippet that is an alias bomb, as a YAML error of that page alone', async () => {
    // compose-go's TestAliasBombPrevented (test/compose-corpus), added to the f2b-system fragment.
    const bomb = readFileSync(path.join(import.meta.dirname, '../compose-corpus/compose-go/inline/TestAliasBombPrevented-L217.yaml'), 'utf8');
    const anchors = bomb.split('\n').filter((line) => line.startsWith('x-'));
    const {ok, output, dir} = await buildWithEditedSetupPage((page) =>
      page.replace('f2b-system:\n  volumes:\n', `f2b-system:\n  labels:\n${anchors.map((line) => `    ${line}`).join('\n')}\n  volumes:\n`),
    );
    expect(ok).toBe(false);
    expectNothingPublished(dir);
    expect(output).toMatch(new RegExp(`${setupPage}:\\d+:\\d+  error  compose/yaml-syntax`));
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(output).not.toContain('docs/bundles.md');
  });
});
