import {cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {readGuidePage} from '../../guide-model/page.ts';
import {checkPage} from '../index.ts';

// A jail on one page whose filter is defined on another: a check reads the
// other pages as they are now, so a renamed filter is seen at once.
const fixture = path.join(import.meta.dirname, '__fixtures__/jail--unknown-filter');
const dir = mkdtempSync(path.join(tmpdir(), 'mailguide-filters-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const page = readFileSync(path.join(fixture, 'pass.md'), 'utf8');
const filterBlock = /```text target=\/data\/filter\.d\/demo\.conf\n[\s\S]*?```\n/.exec(page)![0];
const filtersPage = path.join(dir, 'filters.md');
const jailPage = path.join(dir, 'jail.md');

async function jailRules(pagePath: string): Promise<string[]> {
  const result = await checkPage(readGuidePage(pagePath, {rootDir: dir}), {rootDir: dir, samplesDir: path.join(dir, 'samples')});
  return result.snippets.flatMap((check) => check.problems).map((problem) => problem.ruleId);
}

it('finds a filter defined on another page, and follows an edit of that page', async () => {
  cpSync(path.join(fixture, 'samples'), path.join(dir, 'samples'), {recursive: true});
  cpSync(path.join(fixture, 'samples/demo.log'), path.join(dir, 'samples/renamed.log'));
  writeFileSync(jailPage, page.replace(filterBlock, ''));
  writeFileSync(filtersPage, `# Filters\n\n${filterBlock}`);
  expect(await jailRules(jailPage)).not.toContain('jail/unknown-filter');

  // The filter is renamed: the jail's "filter = demo" no longer names a filter of the guide.
  writeFileSync(filtersPage, `# Filters\n\n${filterBlock.replace('demo.conf', 'renamed.conf')}`);
  utimesSync(filtersPage, new Date(), new Date(Date.now() + 5000));
  expect(await jailRules(filtersPage)).toEqual([]);
  expect(await jailRules(jailPage)).toContain('jail/unknown-filter');
});
