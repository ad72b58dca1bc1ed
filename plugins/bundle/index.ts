import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {stockFilterDownloads} from '../fail2ban-matcher/page-data.ts';
import type {Problem} from '../guide-model/diagnostics.ts';
import type {GuidePage} from '../guide-model/page.ts';
import type {GuideSite} from '../guide-model/site.ts';
import type {Placeholder} from '../guide-model/placeholders.ts';
import type {Snippet} from '../guide-model/snippets.ts';
import {catalogueFiles} from '../validators/compose/dms/catalogue-files.ts';
import {composeSchemaFile} from '../validators/compose/schema.ts';
import {stockFilterDir} from '../validators/fail2ban/filter.ts';
import type {PageCheck} from '../validators/index.ts';
import {downloadsOfPage, pageRoute} from './from-page.ts';
import {archiveFormats, renderBundle} from './render.ts';
import {bundleRecipeUrl, composeFilesUrl, downloadsBase, type BundleSpec, type ComposeFileEntry, type SnippetDownload} from './spec.ts';

/** An archive of a page's bundle, as the page's download box shows it. */
export interface ArchiveInfo {
  url: string;
  fileName: string;
  bytes: Uint8Array;
  size: number;
  sha256: string;
}

export interface PageDownloads {
  page: GuidePage;
  check: PageCheck;
  route: string;
  spec?: BundleSpec;
  downloads: Map<Snippet, SnippetDownload>;
  /** The bundle's archives, made on first call (the site build needs them; `npm run check` does not). */
  archives(): Promise<ArchiveInfo[]>;
  problems: Problem[];
}

function archive(base: string, fileName: string, bytes: Uint8Array): ArchiveInfo {
  return {url: `${base}/${fileName}`, fileName, bytes, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex')};
}

/** The bundle of a page rendered as both archives. */
export async function archivesOf(spec: BundleSpec, route: string, values: Readonly<Record<string, string>> = {}): Promise<ArchiveInfo[]> {
  const files = await renderBundle(spec, values);
  const base = downloadsBase(route);
  return archiveFormats.map((format) => archive(base, `${spec.name}.${format.extension}`, format.render(spec.name, files)));
}

/** Everything a page publishes, from an already checked page. */
export function downloadsOf(page: GuidePage, check: PageCheck, site: Pick<GuideSite, 'rootDir' | 'routeBase'>, placeholders: readonly Placeholder[]): PageDownloads {
  const {rootDir, routeBase} = site;
  const {spec, downloads, problems} = downloadsOfPage(page, check, {rootDir, routeBase, placeholders});
  const route = pageRoute(page.file.path, rootDir, routeBase);
  let archives: Promise<ArchiveInfo[]> | undefined;
  return {page, check, route, spec, downloads, archives: () => (archives ??= spec && problems.length === 0 ? archivesOf(spec, route) : Promise.resolve([])), problems};
}

/**
 * Writes every download of the site under `outDir/downloads`: first into a
 * folder beside it, then moved in whole, so a failure leaves nothing half-written.
 * @throws when a page has an error; nothing is written then.
 */
export async function writeSiteDownloads(outDir: string, indexed: readonly PageDownloads[], sites: readonly GuideSite[]): Promise<{files: number; bytes: number}> {
  const pages = indexed.filter((page) => page.downloads.size > 0);
  const errors = pages.flatMap((page) => [...page.problems, ...page.check.problems, ...page.check.snippets.flatMap((c) => c.problems)].filter((p) => p.severity !== 'warning'));
  if (errors.length > 0) throw new Error(`Not publishing downloads: ${errors.map((error) => `${error.ruleId} ${error.reason}`).join('; ')}`);
  const staging = path.join(outDir, '.downloads-staging');
  rmSync(staging, {recursive: true, force: true});
  let files = 0;
  let bytes = 0;
  const write = (urlPath: string, content: Uint8Array | string) => {
    const file = path.join(staging, urlPath.replace(/^\/downloads\//, ''));
    mkdirSync(path.dirname(file), {recursive: true});
    writeFileSync(file, content);
    files += 1;
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  };
  try {
    for (const page of pages) {
      for (const [snippet, download] of page.downloads) write(download.url, snippet.text);
      // The merged compose file, under the name the page gives it (docker-compose.yml, compose.yaml).
      const merged = page.spec?.entries.find((entry) => entry.kind === 'compose-merged');
      if (page.check.merged && merged) write(`${downloadsBase(page.route)}/${merged.path}`, page.check.merged.text);
      for (const info of await page.archives()) write(info.url, info.bytes);
      // The bundle's recipe, for the browser to build it again with the reader's values.
      if (page.spec) write(bundleRecipeUrl(page.route), `${JSON.stringify(page.spec)}\n`);
    }
    // What the browser needs to run the compose rules on the reader's values: the
    // compose files (a file, not global data, which every page would load) and the rules' data.
    const composeFiles: ComposeFileEntry[] = pages
      .filter((page) => page.spec?.entries.some((entry) => entry.kind === 'compose-merged'))
      .map((page) => ({title: page.page.title, recipe: bundleRecipeUrl(page.route)}));
    write(composeFilesUrl, `${JSON.stringify(composeFiles)}\n`);
    write('/downloads/validators/compose.schema.json', readFileSync(composeSchemaFile));
    for (const [name, file] of Object.entries(catalogueFiles)) write(`/downloads/validators/dms-${name}.tsv`, readFileSync(file));
    // fail2ban's common.conf, which the guide's filters include: for the in-page "Try it".
    write('/downloads/validators/fail2ban-common.conf', readFileSync(path.join(stockFilterDir, 'common.conf')));
    // The stock filters (and their includes) the pages' jails read: for the whole-page "Try it" (::try-jails).
    for (const site of sites) for (const [url, text] of Object.entries(stockFilterDownloads(site))) write(url, text);
    rmSync(path.join(outDir, 'downloads'), {recursive: true, force: true});
    renameSync(staging, path.join(outDir, 'downloads'));
  } finally {
    rmSync(staging, {recursive: true, force: true});
  }
  return {files, bytes};
}
