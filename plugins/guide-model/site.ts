import {readdirSync} from 'node:fs';
import path from 'node:path';
import {filterName} from './snippets.ts';
import {docsDir, readGuidePage, type GuidePage, type ModelOptions} from './page.ts';

/** Every page of a docs folder, read once: what the checks that look across pages read. */
export interface GuideSite {
  rootDir: string;
  /** The URL path the folder is served under: '' at the site's root, 'v16' for that edition. */
  routeBase: string;
  pages: readonly GuidePage[];
}

/** Every docs page of a folder, in path order. */
export function listPages(rootDir = docsDir): string[] {
  return readdirSync(rootDir, {recursive: true, encoding: 'utf8'})
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => path.join(rootDir, name))
    .sort();
}

/** Reads every page of a docs folder into the guide model. */
export function readGuideSite(rootDir = docsDir, options: Omit<ModelOptions, 'rootDir'> = {}, routeBase = ''): GuideSite {
  return {rootDir, routeBase, pages: listPages(rootDir).map((pagePath) => readGuidePage(pagePath, {...options, rootDir}))};
}

/** The page of a site at a path. */
export function pageAt(site: GuideSite, pagePath: string): GuidePage | undefined {
  const wanted = path.resolve(pagePath);
  return site.pages.find((page) => path.resolve(page.file.path) === wanted);
}

/** The site with one page replaced (or added): a page edited since the site was read. The same site when it holds the page. */
export function withPage(site: GuideSite, page: GuidePage): GuideSite {
  if (site.pages.includes(page)) return site;
  const own = path.resolve(page.file.path);
  return {...site, pages: [...site.pages.filter((other) => path.resolve(other.file.path) !== own), page]};
}

/** The names of the filters a site's pages define (`/data/filter.d/<name>.conf` targets), which its jails may name. */
export function filterNamesOf(site: GuideSite): ReadonlySet<string> {
  return new Set(site.pages.flatMap((page) => page.snippets.filter((snippet) => snippet.kind === 'fail2ban-filter').map((snippet) => filterName(snippet.target))));
}
