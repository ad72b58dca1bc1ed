import {existsSync, readFileSync, writeFileSync} from 'node:fs';
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

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('the build fails on bad pages, naming the file and line', () => {
  it('an include of a missing file', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('file=source/mail-postfix.conf', 'file=source/mail-postfx.conf'));
    expect(ok).toBe(false);
    const line = lineOf(readFileSync(path.join(dir, setupPage), 'utf8'), 'mail-postfx.conf');
    expect(output).toContain(`${setupPage}:${line}:1`);
    expect(output).toContain('Included file "source/mail-postfx.conf" does not exist');
    expect(existsSync(path.join(dir, 'build/index.html'))).toBe(false);
  });

  it('an include outside docs/', async () => {
    const {ok, output} = await buildWithEditedSetupPage((page) => page.replace('file=source/dovecot.conf', 'file=../../../../package.json'));
    expect(ok).toBe(false);
    expect(output).toMatch(/Included file "\.\.\/\.\.\/\.\.\/\.\.\/package\.json" is outside/);
    expect(output).toContain(`${setupPage}:`);
  });

  it('an unknown glossary term', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('Enable fail2ban for the :term[MTA]', 'Enable fail2ban for the :term[MTX]'));
    expect(ok).toBe(false);
    const text = readFileSync(path.join(dir, setupPage), 'utf8');
    const line = lineOf(text, ':term[MTX]');
    const column = text.split('\n')[line - 1].indexOf(':term[MTX]') + 1;
    expect(output).toContain(`${setupPage}:${line}:${column}`);
    expect(output).toContain('Unknown glossary term "MTX". Did you mean "MTA"?');
  });

  it('a directive that no plugin handles', async () => {
    const {ok, output, dir} = await buildWithEditedSetupPage((page) => page.replace('## Files\n', '## Files\n\n::tabel{of=files}\n'));
    expect(ok).toBe(false);
    const line = lineOf(readFileSync(path.join(dir, setupPage), 'utf8'), '::tabel');
    expect(output).toContain(`${setupPage}:${line}:1`);
    expect(output).toContain('Unknown directive "::tabel"');
  });
});
