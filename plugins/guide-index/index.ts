/**
 * The guide index: every page of a docs folder read, checked and packed once
 * per build, the way Docusaurus's content plugins load their content. The
 * Docusaurus plugin (`docusaurus-guide-index`) loads it before the pages are
 * compiled and writes the downloads from it after the build; the remark
 * plugins render from it; `npm run check` and `npm run bundle` load the same
 * index without Docusaurus. Its state lives in the instance the site config
 * (or a CLI) makes, not in module-level caches.
 */
import path from 'node:path';
import {downloadsOf, type PageDownloads} from '../guide-bundle/index.ts';
import {readGuidePage, type GuidePage} from '../guide-model/page.ts';
import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {dataDir} from '../guide-model/data-file.ts';
import {readGuideSite, withPage, type GuideSite} from '../guide-model/site.ts';
import {samplesDir, samplesFileFor} from '../snippet-validators/fail2ban/samples.ts';
import type {FilterRuns} from '../snippet-validators/fail2ban/sample-run.ts';
import {checkPage, type PageCheck} from '../snippet-validators/index.ts';

/** What the index knows of one page. */
export interface IndexedPage {
  page: GuidePage;
  check: PageCheck;
  downloads: PageDownloads;
}

export class GuideIndex {
  #site: GuideSite;
  #pages = new Map<string, Promise<IndexedPage>>();
  /** fail2ban-regex runs of this index, by filter and samples: a filter shared by pages runs once. */
  #filterRuns: FilterRuns = new Map();

  constructor(readonly rootDir: string) {
    this.#site = {rootDir, pages: []};
  }

  /** Reads, checks and packs every page; again on each call (the dev server calls it when a watched file changes). */
  async load(): Promise<void> {
    this.#site = readGuideSite(this.rootDir);
    this.#filterRuns = new Map();
    this.#pages = new Map(this.#site.pages.map((page) => [path.resolve(page.file.path), this.#index(page, this.#site)]));
    await Promise.all(this.#pages.values());
  }

  /** Every page model, in path order. */
  get site(): GuideSite {
    return this.#site;
  }

  /** Every indexed page, in path order. */
  async pages(): Promise<IndexedPage[]> {
    return Promise.all(this.#site.pages.map((page) => this.#pages.get(path.resolve(page.file.path))!));
  }

  /**
   * A page of the index. When the page's text differs from what was loaded (a
   * page edited since, or one outside the docs folder such as a test fixture)
   * it is indexed now, from `text`, and kept in place of the old entry.
   */
  async page(pagePath: string, text?: string): Promise<IndexedPage> {
    const key = path.resolve(pagePath);
    const indexed = this.#pages.get(key);
    if (indexed && (text === undefined || String((await indexed).page.file.value) === text)) return indexed;
    const page = readGuidePage(key, {rootDir: this.rootDir}, text);
    const fresh = this.#index(page, withPage(this.#site, page));
    this.#pages.set(key, fresh);
    return fresh;
  }

  /** Every file the index read: pages, included files, sample logs and data files, for the dev server to watch. */
  watchedFiles(): string[] {
    const pages = this.#site.pages.map((page) => page.file.path);
    const snippets = this.#site.pages.flatMap((page) => page.snippets);
    const includes = snippets.flatMap((snippet) => (snippet.includedFrom ? [snippet.includedFrom] : []));
    const samples = snippets.filter((snippet) => snippet.kind === 'fail2ban-filter').map((snippet) => samplesFileFor(snippet.target));
    // The original snippets and their reasons, next to the pages whose note diffs them.
    const originals = this.#site.pages.filter((page) => page.changes).map((page) => path.join(path.dirname(page.file.path), page.changes!.directive.attributes?.from ?? 'original'));
    const data = readdirSync(dataDir).map((name) => path.join(fileURLToPath(dataDir), name));
    return [...new Set([...pages, ...includes, ...samples, samplesDir, ...originals, ...data])].sort();
  }

  async #index(page: GuidePage, site: GuideSite): Promise<IndexedPage> {
    const check = await checkPage(page, {rootDir: this.rootDir, site, filterRuns: this.#filterRuns});
    return {page, check, downloads: await downloadsOf(page, check, this.rootDir)};
  }
}
