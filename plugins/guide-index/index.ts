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
import {downloadsOf, type PageDownloads} from '../bundle/index.ts';
import {readGuidePage, type GuidePage, type ModelOptions} from '../guide-model/page.ts';
import {loadPlaceholders, type Placeholder} from '../guide-model/placeholders.ts';
import {loadPortStates, type PortState} from '../guide-model/port-states.ts';
import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {dataDir} from '../guide-model/data-file.ts';
import {filterNamesOf, readGuideSite, withPage, type GuideSite} from '../guide-model/site.ts';
import {samplesFileFor} from '../validators/fail2ban/samples.ts';
import {FilterRuns} from '../validators/fail2ban/sample-run.ts';
import type {ComposeRuleSet} from '../validators/compose/rules.ts';
import {checkPage, readComposeRules, type PageCheck} from '../validators/index.ts';

/** What the index knows of one page. */
export interface IndexedPage {
  page: GuidePage;
  check: PageCheck;
  downloads: PageDownloads;
}

export interface IndexOptions {
  /** The URL path the docs folder is served under: '' for the site's root, 'v16' for a versioned edition. */
  routeBase?: string;
  /** Fixed data instead of `src/data/` (for tests). */
  states?: readonly PortState[];
  placeholders?: readonly Placeholder[];
  /** The filter runs to share with other indexes of the site (each edition's), so one fail2ban-regex process serves them all. */
  filterRuns?: FilterRuns;
}

export class GuideIndex {
  readonly routeBase: string;
  #site: GuideSite;
  #given: IndexOptions;
  // Read by load(), or on first use before it: making an index costs nothing (Docusaurus loads the site config more than once).
  #model?: Required<ModelOptions>;
  #rules?: ComposeRuleSet;
  #pages = new Map<string, Promise<IndexedPage>>();
  #guideFilters: ReadonlySet<string> = new Set();
  /** fail2ban-regex runs, by filter text and sample lines (so kept across loads): a filter shared by pages runs once. */
  #filterRuns: FilterRuns;

  constructor(
    readonly rootDir: string,
    options: IndexOptions = {},
  ) {
    this.routeBase = options.routeBase ?? '';
    this.#filterRuns = options.filterRuns ?? new FilterRuns();
    this.#given = options;
    this.#site = {rootDir, routeBase: this.routeBase, pages: []};
  }

  /** The data every page is read with: placeholders and port states, read once per load. */
  #readData(): Required<ModelOptions> {
    return {rootDir: this.rootDir, states: this.#given.states ?? loadPortStates(), placeholders: this.#given.placeholders ?? loadPlaceholders()};
  }

  /** What the remark plugins read a page's model with: the same data the index read its pages with. */
  get modelOptions(): Required<ModelOptions> {
    this.#model ??= this.#readData();
    return this.#model;
  }

  /** A route of this edition: `/glossary` → `/v16/glossary` under the route base `v16`. */
  route(pathInEdition: string): string {
    return this.routeBase ? `/${this.routeBase}${pathInEdition}` : pathInEdition;
  }

  /** The compose rules its pages were checked with: the compose schema and docker-mailserver's catalogues. */
  get composeRules(): ComposeRuleSet {
    this.#rules ??= readComposeRules();
    return this.#rules;
  }

  /** Does a file belong to this index's docs folder? */
  holds(filePath: string): boolean {
    const relative = path.relative(this.rootDir, filePath);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  /** Reads, checks and packs every page; again on each call (the dev server calls it when a watched file changes). */
  async load(): Promise<void> {
    this.#model = this.#readData();
    this.#rules = readComposeRules();
    this.#site = readGuideSite(this.rootDir, this.#model, this.routeBase);
    this.#guideFilters = filterNamesOf(this.#site);
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
    const page = readGuidePage(key, this.modelOptions, text);
    const fresh = this.#index(page, withPage(this.#site, page));
    this.#pages.set(key, fresh);
    return fresh;
  }

  /** Every file the index read: pages, included files, sample logs and data files, for the dev server to watch. */
  watchedFiles(): string[] {
    const pages = this.#site.pages.map((page) => page.file.path);
    const snippets = this.#site.pages.flatMap((page) => page.snippets);
    const includes = snippets.flatMap((snippet) => (snippet.includedFrom ? [snippet.includedFrom] : []));
    const samples = snippets.filter((snippet) => snippet.kind === 'fail2ban-filter').map((snippet) => samplesFileFor(snippet));
    // The original snippets and their reasons, next to the pages whose note diffs them.
    const originals = this.#site.pages
      .filter((page) => page.changes)
      .map((page) => path.join(path.dirname(page.file.path), page.changes!.directive.attributes?.from ?? 'original'));
    const data = readdirSync(dataDir).map((name) => path.join(fileURLToPath(dataDir), name));
    return [...new Set([...pages, ...includes, ...samples, ...samples.map((file) => path.dirname(file)), ...originals, ...data])].sort();
  }

  async #index(page: GuidePage, site: GuideSite): Promise<IndexedPage> {
    const {placeholders, states} = this.modelOptions;
    const check = await checkPage(page, {
      rootDir: this.rootDir,
      site,
      filterRuns: this.#filterRuns,
      placeholders,
      states,
      rules: this.composeRules,
      // The load's filter names hold for its own site; a page edited since changes them.
      guideFilters: site === this.#site ? this.#guideFilters : undefined,
    });
    return {page, check, downloads: downloadsOf(page, check, site, placeholders)};
  }
}
