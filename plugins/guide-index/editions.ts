import type {GuideSite} from '../guide-model/site.ts';
import path from 'node:path';
import {GuideIndex, type IndexedPage} from './index.ts';
import {FilterRuns} from '../validators/fail2ban/sample-run.ts';

/**
 * The guide indexes of a site, one per edition (a docs folder: `docs/` and
 * each `versioned_docs/version-*`). Docusaurus compiles every edition's pages
 * with the same remark plugins; they find a page's index by its path.
 */
export class GuideEditions {
  constructor(readonly indexes: readonly GuideIndex[]) {
    if (indexes.length === 0) throw new Error('GuideEditions needs at least one guide index');
  }

  /** The index whose docs folder holds the file; the first edition's for a page outside them all (a draft, a test fixture). */
  for(filePath: string | undefined): GuideIndex {
    return (filePath && this.indexes.find((index) => index.holds(filePath))) || this.indexes[0];
  }

  async load(): Promise<void> {
    await Promise.all(this.indexes.map((index) => index.load()));
  }

  /** Every indexed page of every edition. */
  async pages(): Promise<IndexedPage[]> {
    return (await Promise.all(this.indexes.map((index) => index.pages()))).flat();
  }

  get sites(): GuideSite[] {
    return this.indexes.map((index) => index.site);
  }

  watchedFiles(): string[] {
    return [...new Set(this.indexes.flatMap((index) => index.watchedFiles()))].sort();
  }
}

/** The site's editions: the 2021 guide in `docs/` at the site's root, the current edition in `versioned_docs/version-16` under `/v16`. */
export const siteEditionFolders = [
  {dir: 'docs', routeBase: ''},
  {dir: 'versioned_docs/version-16', routeBase: 'v16'},
] as const;

/** A guide index per edition of the site in `siteDir`, as the site build, `npm run check` and `npm run bundle` read it. */
export function siteEditions(siteDir: string): GuideEditions {
  const filterRuns = new FilterRuns();
  return new GuideEditions(siteEditionFolders.map(({dir, routeBase}) => new GuideIndex(path.join(siteDir, dir), {routeBase, filterRuns})));
}
