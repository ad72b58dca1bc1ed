/**
 * The Lighthouse part of `npm run bench` alone (about 6 minutes): builds the
 * site and the same pages as plain Docusaurus once each, measures the
 * JavaScript the setup page runs and Lighthouse 12.2.3 on it (mobile and
 * desktop presets, median of BENCH_RUNS, default 3), against the goals of
 * issue 17, and updates those sections of bench/results/report.md and
 * report.json (the build and corpus figures stay from the last full run).
 * Run: npx tsx bench/lighthouse-report.ts
 */
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {chromium} from 'playwright-core';
import {chromiumArgs, chromiumPath} from '../test/helpers/browser.ts';
import {buildSite, copySite, siteDir} from '../test/helpers/site.ts';
import {categories, lighthouseScores, lighthouseVersion, metrics, presets, serveBuild, type Preset, type Scores} from './lighthouse.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const route = '/services/email/mta/setup';

/** The goals of issue 17 for the setup page. */
const goals = {mobile: 90, desktop: 98};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** gzip size of every script a page runs in Chromium (as bench/run.ts measures it). */
async function pageJavaScript(buildDir: string): Promise<{files: number; gzipKiB: number}> {
  const server = await serveBuild(buildDir);
  const browser = await chromium.launch({executablePath: chromiumPath, args: chromiumArgs});
  try {
    const page = await browser.newPage();
    const sizes: Promise<number>[] = [];
    page.on('response', (response) => {
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

type Figures = Record<Preset, {runs: Scores[]; median: Scores}>;

async function lighthouseFigures(buildDir: string): Promise<Figures> {
  const server = await serveBuild(buildDir);
  try {
    const figures = {} as Figures;
    for (const preset of presets) {
      const scores: Scores[] = [];
      for (let run = 0; run < runs; run += 1) scores.push(await lighthouseScores(`${server.url}${route}`, preset));
      const names = [...categories, ...(Object.keys(metrics) as Array<keyof typeof metrics>)];
      figures[preset] = {runs: scores, median: Object.fromEntries(names.map((name) => [name, median(scores.map((score) => score[name]))])) as Scores};
      console.log(`${buildDir} ${preset}: ${JSON.stringify(figures[preset].median)}`);
    }
    return figures;
  } finally {
    await server.close();
  }
}

async function build(dir: string, plain: boolean): Promise<number> {
  if (plain) process.env.MAILGUIDE_PLAIN = '1';
  else delete process.env.MAILGUIDE_PLAIN;
  const started = performance.now();
  const result = await buildSite(dir, path.join(dir, plain ? 'build-plain' : 'build'));
  delete process.env.MAILGUIDE_PLAIN;
  if (!result.ok) throw new Error(`build failed${plain ? ' (plain)' : ''}:\n${result.output.slice(-3000)}`);
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const dir = copySite();
  try {
    const buildSeconds = {ours: await build(dir, false), plain: await build(dir, true)};
    const javascript = {setup: await pageJavaScript(path.join(dir, 'build')), plainSetup: await pageJavaScript(path.join(dir, 'build-plain'))};
    console.log(`JavaScript: ${javascript.setup.gzipKiB.toFixed(1)} KiB; plain ${javascript.plainSetup.gzipKiB.toFixed(1)} KiB`);
    const lighthouse = {ours: await lighthouseFigures(path.join(dir, 'build')), plain: await lighthouseFigures(path.join(dir, 'build-plain'))};

    const jsonPath = path.join(siteDir, 'bench/results/report.json');
    const mdPath = path.join(siteDir, 'bench/results/report.md');
    const previous = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>) : {};
    const date = new Date().toISOString();
    const machine = {cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, cpu: os.cpus()[0]?.model};
    const m = (preset: Preset, which: 'ours' | 'plain' = 'ours') => lighthouse[which][preset].median;
    const met = {
      mobilePerformance: m('mobile').performance >= goals.mobile,
      desktopPerformance: m('desktop').performance >= goals.desktop,
      otherCategories100: presets.every((preset) => m(preset).accessibility === 100 && m(preset)['best-practices'] === 100 && m(preset).seo === 100),
      cls0: presets.every((preset) => m(preset).cls === 0),
      javascriptBelowPlain: javascript.setup.gzipKiB < javascript.plainSetup.gzipKiB,
    };
    writeFileSync(jsonPath, `${JSON.stringify({...previous, javascript, lighthouse, lighthouseRun: {date, machine, runs, buildSeconds, goals, met}}, null, 2)}\n`);

    const yes = (ok: boolean) => (ok ? 'met' : '**not met**');
    const section = [
      `JavaScript the setup page runs (every script it loads as a script, prefetches left out; gzip): ${javascript.setup.gzipKiB.toFixed(1)} KiB in ${javascript.setup.files} files, against ${javascript.plainSetup.gzipKiB.toFixed(1)} KiB for the same page built as plain Docusaurus (ratio ${(javascript.setup.gzipKiB / javascript.plainSetup.gzipKiB).toFixed(2)}).`,
      '',
      `Lighthouse ${lighthouseVersion} on the setup page (Debian Chromium, served with gzip; median of ${runs} runs per preset; ${date}, \`bench/lighthouse-report.ts\`, ${machine.cores} cores; one build each: ${buildSeconds.ours.toFixed(1)} s, plain ${buildSeconds.plain.toFixed(1)} s, build-time highlighting included):`,
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
      `| accessibility, best practices, SEO = 100 | ${presets.map((preset) => `${m(preset).accessibility}/${m(preset)['best-practices']}/${m(preset).seo}`).join(', ')} | ${presets.map((preset) => `${m(preset, 'plain').accessibility}/${m(preset, 'plain')['best-practices']}/${m(preset, 'plain').seo}`).join(', ')} | ${yes(met.otherCategories100)} |`,
      `| CLS = 0 | ${presets.map((preset) => m(preset).cls.toFixed(3)).join(', ')} | ${presets.map((preset) => m(preset, 'plain').cls.toFixed(3)).join(', ')} | ${yes(met.cls0)} |`,
      `| page JavaScript (gzip) below plain | ${javascript.setup.gzipKiB.toFixed(1)} KiB | ${javascript.plainSetup.gzipKiB.toFixed(1)} KiB | ${yes(met.javascriptBelowPlain)} |`,
      '',
    ].join('\n');
    const old = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '# Benchmark report\n\n';
    const start = old.indexOf('JavaScript the setup page runs');
    const noteStart = old.indexOf('\n## ');
    const head = start >= 0 ? old.slice(0, start) : `${old.trimEnd()}\n\n`;
    const notes = noteStart > start && start >= 0 ? old.slice(noteStart) : '';
    writeFileSync(mdPath, `${head}${section}${notes}`);
    console.log('written: bench/results/report.md (JavaScript and Lighthouse sections), report.json');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
