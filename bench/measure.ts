/**
 * What both benchmarks measure on a built site: the JavaScript a page runs,
 * its Lighthouse figures, and the report section that sets them against plain
 * Docusaurus and the goals of issue 17.
 */
import {gzipSync} from 'node:zlib';
import {chromium} from 'playwright-core';
import {chromiumArgs, chromiumPath} from '../test/helpers/browser.ts';
import {categories, lighthouseScores, lighthouseVersion, metrics, presets, serveBuild, type Preset, type Scores} from './lighthouse.ts';

/** The goals of issue 17 for the setup page. */
export const goals = {mobile: 90, desktop: 98};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** gzip size of every script a page runs in Chromium. */
export async function pageJavaScript(buildDir: string, route: string): Promise<{files: number; gzipKiB: number}> {
  const server = await serveBuild(buildDir);
  const browser = await chromium.launch({executablePath: chromiumPath, args: chromiumArgs});
  try {
    const page = await browser.newPage();
    const sizes: Promise<number>[] = [];
    page.on('response', (response) => {
      // Scripts the page runs; not the chunks Docusaurus prefetches for links in view.
      if (response.request().resourceType() === 'script') sizes.push(response.body().then((body) => gzipSync(body, {level: 9}).length));
    });
    await page.goto(`${server.url}${route}`, {waitUntil: 'networkidle'});
    const total = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    return {files: sizes.length, gzipKiB: total / 1024};
  } finally {
    await browser.close();
    await server.close();
  }
}

export type LighthouseFigures = Record<Preset, {runs: Scores[]; median: Scores}>;

/** Lighthouse on a page of a build, each preset `runs` times; the median of each category. */
export async function lighthouseFigures(buildDir: string, route: string, runs: number): Promise<LighthouseFigures> {
  const server = await serveBuild(buildDir);
  try {
    const figures = {} as LighthouseFigures;
    for (const preset of presets) {
      const scores: Scores[] = [];
      for (let run = 0; run < runs; run += 1) scores.push(await lighthouseScores(`${server.url}${route}`, preset));
      const names = [...categories, ...(Object.keys(metrics) as Array<keyof typeof metrics>)];
      figures[preset] = {runs: scores, median: Object.fromEntries(names.map((name) => [name, median(scores.map((score) => score[name]))])) as Scores};
    }
    return figures;
  } finally {
    await server.close();
  }
}

export interface PageFigures {
  javascript: {setup: {files: number; gzipKiB: number}; plainSetup: {files: number; gzipKiB: number}};
  lighthouse: {ours: LighthouseFigures; plain: LighthouseFigures};
}

/** Which goals of issue 17 the figures meet. */
export function goalsMet({javascript, lighthouse}: PageFigures) {
  const m = (preset: Preset) => lighthouse.ours[preset].median;
  return {
    mobilePerformance: m('mobile').performance >= goals.mobile,
    desktopPerformance: m('desktop').performance >= goals.desktop,
    otherCategories100: presets.every((preset) => m(preset).accessibility === 100 && m(preset)['best-practices'] === 100 && m(preset).seo === 100),
    cls0: presets.every((preset) => m(preset).cls === 0),
    javascriptBelowPlain: javascript.setup.gzipKiB < javascript.plainSetup.gzipKiB,
  };
}

/** The report's JavaScript and Lighthouse section, with the goals table. */
export function pageFiguresSection(figures: PageFigures, runs: number, how: string): string[] {
  const {javascript, lighthouse} = figures;
  const m = (preset: Preset, which: 'ours' | 'plain' = 'ours') => lighthouse[which][preset].median;
  const met = goalsMet(figures);
  const yes = (ok: boolean) => (ok ? 'met' : '**not met**');
  const triple = (which: 'ours' | 'plain') => presets.map((preset) => `${m(preset, which).accessibility}/${m(preset, which)['best-practices']}/${m(preset, which).seo}`).join(', ');
  return [
    `JavaScript the setup page runs (every script it loads as a script, prefetches left out; gzip): ${javascript.setup.gzipKiB.toFixed(1)} KiB in ${javascript.setup.files} files, against ${javascript.plainSetup.gzipKiB.toFixed(1)} KiB for the same page built as plain Docusaurus (ratio ${(javascript.setup.gzipKiB / javascript.plainSetup.gzipKiB).toFixed(2)}).`,
    '',
    `Lighthouse ${lighthouseVersion} on the setup page (Debian Chromium, served with gzip; median of ${runs} runs per preset; ${how}):`,
    '',
    `| preset | build | ${categories.join(' | ')} | FCP | LCP | TBT | CLS |`,
    `| --- | --- | ${categories.map(() => '---').join(' | ')} | --- | --- | --- | --- |`,
    ...presets.flatMap((preset) =>
      (['ours', 'plain'] as const).map((which) => {
        const {median: med, runs: each} = lighthouse[which][preset];
        const scores = categories.map((name) => (name === 'performance' ? `${med[name]} (${each.map((run) => run[name]).join(', ')})` : med[name]));
        return `| ${preset} | ${which === 'ours' ? 'mailguide' : 'plain Docusaurus'} | ${scores.join(' | ')} | ${med.fcp.toFixed(0)} ms | ${med.lcp.toFixed(0)} ms | ${med.tbt.toFixed(0)} ms | ${med.cls.toFixed(3)} |`;
      }),
    ),
    '',
    'Goals (issue 17), on the medians above:',
    '',
    '| goal | mailguide | plain Docusaurus | |',
    '| --- | --- | --- | --- |',
    `| mobile performance ≥ ${goals.mobile} | ${m('mobile').performance} | ${m('mobile', 'plain').performance} | ${yes(met.mobilePerformance)} |`,
    `| desktop performance ≥ ${goals.desktop} | ${m('desktop').performance} | ${m('desktop', 'plain').performance} | ${yes(met.desktopPerformance)} |`,
    `| accessibility, best practices, SEO = 100 | ${triple('ours')} | ${triple('plain')} | ${yes(met.otherCategories100)} |`,
    `| CLS = 0 | ${presets.map((preset) => m(preset).cls.toFixed(3)).join(', ')} | ${presets.map((preset) => m(preset, 'plain').cls.toFixed(3)).join(', ')} | ${yes(met.cls0)} |`,
    `| page JavaScript (gzip) below plain | ${javascript.setup.gzipKiB.toFixed(1)} KiB | ${javascript.plainSetup.gzipKiB.toFixed(1)} KiB | ${yes(met.javascriptBelowPlain)} |`,
    '',
  ];
}
