import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {GuideEditions} from '../editions.ts';
import {GuideIndex} from '../index.ts';

// A docs folder of two pages: a jail on one, the filter it names on the other.
const fixture = path.join(import.meta.dirname, '../../validators/__tests__/__fixtures__/jail--unknown-filter/pass.md');
const dir = mkdtempSync(path.join(tmpdir(), 'guide-index-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const text = readFileSync(fixture, 'utf8');
const filterBlock = /```text target=\/data\/filter\.d\/demo\.conf\n[\s\S]*?```\n/.exec(text)![0];
const filtersPage = path.join(dir, 'filters.md');
const jailPage = path.join(dir, 'jail.md');
writeFileSync(jailPage, text.replace(filterBlock, ''));
writeFileSync(filtersPage, `# Filters\n\n${filterBlock}`);

const rules = async (index: GuideIndex, page: string) => (await index.page(page)).check.snippets.flatMap((check) => check.problems.map((problem) => problem.ruleId));

describe('the guide index', () => {
  it('reads every page once, and a jail sees the filter of another page', async () => {
    const index = new GuideIndex(dir);
    await index.load();
    expect(index.site.pages.map((page) => path.basename(page.file.path))).toEqual(['filters.md', 'jail.md']);
    expect(await rules(index, jailPage)).not.toContain('jail/unknown-filter');
  });

  it('follows an edit and a deleted page when loaded again, as the dev server does', async () => {
    const index = new GuideIndex(dir);
    await index.load();
    writeFileSync(filtersPage, `# Filters\n\n${filterBlock.replace('demo.conf', 'renamed.conf')}`);
    await index.load();
    expect(await rules(index, jailPage)).toContain('jail/unknown-filter');
    rmSync(filtersPage);
    await index.load();
    expect(index.site.pages.map((page) => path.basename(page.file.path))).toEqual(['jail.md']);
    writeFileSync(filtersPage, `# Filters\n\n${filterBlock}`);
  });

  it('indexes a page again when its text differs from what was loaded', async () => {
    const index = new GuideIndex(dir);
    await index.load();
    const loaded = await index.page(jailPage);
    expect(await index.page(jailPage, String(loaded.page.file.value))).toBe(loaded);
    const edited = await index.page(jailPage, `${String(loaded.page.file.value)}\nMore text.\n`);
    expect(edited).not.toBe(loaded);
    expect(String(edited.page.file.value)).toContain('More text.');
  });

  it('lists what the dev server must watch: pages, included files, sample logs and data files', async () => {
    const index = new GuideIndex(path.resolve(import.meta.dirname, '../../../docs'));
    await index.load();
    const watched = index.watchedFiles().map((file) => path.relative(path.resolve(import.meta.dirname, '../../..'), file));
    expect(watched).toContain('docs/services/email/mta/setup.md');
    expect(watched).toContain('docs/services/email/mta/source/mail-dovecot.conf');
    expect(watched).toContain('docs/services/email/mta/source/samples/mail-dovecot.log');
    expect(watched).toContain('src/data/placeholders.yaml');
    expect(watched).toContain('docs/services/email/mta/original');
  });
});

describe('the editions of a site', () => {
  it("finds a page's index by its docs folder, and publishes each edition's downloads under its own route", async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'guide-edition-'));
    try {
      writeFileSync(path.join(other, 'filters.md'), `# Filters\n\n${filterBlock}`);
      const editions = new GuideEditions([new GuideIndex(dir), new GuideIndex(other, {routeBase: 'v16'})]);
      await editions.load();
      expect(editions.for(jailPage).rootDir).toBe(dir);
      expect(editions.for(path.join(other, 'filters.md')).rootDir).toBe(other);
      // A page outside every edition (a draft) is read against the first.
      expect(editions.for(path.join(tmpdir(), 'draft.md')).rootDir).toBe(dir);
      const urls = (await editions.pages()).flatMap((indexed) => [...indexed.downloads.downloads.values()].map((download) => download.url));
      expect(urls).toContain('/downloads/filters/data/filter.d/demo.conf');
      expect(urls).toContain('/downloads/v16/filters/data/filter.d/demo.conf');
    } finally {
      rmSync(other, {recursive: true, force: true});
    }
  });
});
