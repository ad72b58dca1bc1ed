/**
 * Lighthouse 12.2.3 scores of a built page, with Debian's Chromium. The build
 * is served as `docusaurus serve` serves it (serve-handler, clean URLs), plus
 * gzip, as any real host serves a static site.
 */
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {promisify} from 'node:util';
import compression from 'compression';
import serveHandler from 'serve-handler';
import {chromiumArgs, chromiumPath} from '../test/helpers/browser.ts';
import {siteDir} from '../test/helpers/site.ts';

const run = promisify(execFile);

export const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** The timings behind the performance score, in ms (CLS unitless). */
export const metrics = {fcp: 'first-contentful-paint', lcp: 'largest-contentful-paint', tbt: 'total-blocking-time', cls: 'cumulative-layout-shift'} as const;
/** Each category's score (0 to 100) and each metric. */
export type Scores = Record<(typeof categories)[number] | keyof typeof metrics, number>;

export const presets = ['mobile', 'desktop'] as const;
export type Preset = (typeof presets)[number];

const lighthouseDir = path.join(siteDir, 'node_modules/lighthouse');
const lighthouseCli = path.join(lighthouseDir, 'cli/index.js');
export const lighthouseVersion = (JSON.parse(readFileSync(path.join(lighthouseDir, 'package.json'), 'utf8')) as {version: string}).version;

/** Serves a build folder on a free localhost port, gzip on. */
export async function serveBuild(buildDir: string): Promise<{url: string; close: () => Promise<void>}> {
  const gzip = compression();
  const server: Server = createServer((request, response) => {
    gzip(request as never, response as never, () => void serveHandler(request, response, {public: buildDir, cleanUrls: true, directoryListing: false}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve()))};
}

/**
 * One Lighthouse run of a URL in a fresh Chromium: each category's score, 0 to 100.
 * Lighthouse runs as its own CLI: it sends its functions' source to the page,
 * which the TypeScript loader of this script would rewrite.
 */
export async function lighthouseScores(url: string, preset: Preset): Promise<Scores> {
  const args = [lighthouseCli, url, '--output=json', '--quiet', `--only-categories=${categories.join(',')}`, `--chrome-flags=${chromiumArgs.join(' ')}`];
  if (preset === 'desktop') args.push('--preset=desktop');
  const {stdout} = await run(process.execPath, args, {env: {...process.env, CHROME_PATH: chromiumPath}, maxBuffer: 256 * 1024 * 1024});
  const report = JSON.parse(stdout) as {
    runtimeError?: {code: string; message: string};
    categories: Record<string, {score: number | null}>;
    audits: Record<string, {numericValue?: number}>;
  };
  if (report.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
  return Object.fromEntries([
    ...categories.map((name) => [name, Math.round((report.categories[name]?.score ?? 0) * 100)]),
    ...Object.entries(metrics).map(([name, audit]) => [name, report.audits[audit]?.numericValue ?? Number.NaN]),
  ]) as Scores;
}
