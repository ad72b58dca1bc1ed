import {existsSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {writeSiteDownloads} from '../../bundle/index.ts';
import type {GuideEditions} from '../../guide-index/editions.ts';

export interface Options {
  /** The guide index of each edition's docs folder, shared with the remark plugins that render from them. */
  editions: GuideEditions;
}

/** Every `/downloads/…` link of the built pages. */
function downloadLinks(outDir: string): Array<{page: string; url: string}> {
  const links: Array<{page: string; url: string}> = [];
  const pages = readdirSync(outDir, {recursive: true, encoding: 'utf8'}).filter((name) => name.endsWith('.html') && statSync(path.join(outDir, name)).isFile());
  for (const page of pages) {
    for (const match of readFileSync(path.join(outDir, page), 'utf8').matchAll(/href="?(\/downloads\/[^"\s>]+)/g)) links.push({page, url: match[1]});
  }
  return links;
}

/**
 * The guide index as a Docusaurus content plugin: `loadContent` reads, checks
 * and packs every page once, before the pages are compiled (the remark plugins
 * render from it), again whenever a file it read changes in the dev server
 * (`getPathsToWatch`); `postBuild` publishes the downloads from it under
 * `/downloads/` and checks that every download link of the site resolves
 * (Docusaurus does not check these). On any failure the output folder is
 * removed: no half-written site is left.
 */
export default function docusaurusGuideIndex(_context: LoadContext, options: unknown): Plugin {
  const {editions} = options as Options;
  return {
    name: 'mailguide-guide-index',
    async loadContent() {
      await editions.load();
    },
    getPathsToWatch() {
      return editions.watchedFiles();
    },
    async postBuild({outDir}) {
      const started = performance.now();
      try {
        if (existsSync(path.join(outDir, 'downloads'))) throw new Error('A page of the site is published at /downloads/, where the downloads go. Give it another route.');
        const {files, bytes} = await writeSiteDownloads(
          outDir,
          (await editions.pages()).map((indexed) => indexed.downloads),
          editions.sites,
        );
        const broken = downloadLinks(outDir).filter(({url}) => !existsSync(path.join(outDir, decodeURIComponent(url))));
        if (broken.length > 0) {
          throw new Error(`Broken download links:\n${broken.map(({page, url}) => `- ${page} links to ${url}`).join('\n')}`);
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        console.log(`[mailguide] published ${files} downloads (${(bytes / 1024).toFixed(1)} KB) under /downloads/ in ${seconds} s`);
      } catch (error) {
        rmSync(outDir, {recursive: true, force: true});
        throw error;
      }
    },
  };
}
