/**
 * `npm run bench`: build time and memory of the site against the same pages
 * as a plain Docusaurus build, `npm run check` time, a synthetic corpus of
 * 10, 100 and 1000 pages, the JavaScript the setup page runs and its
 * Lighthouse scores (ours and plain). Writes
 * bench/results/report.md and report.json. A benchmark, not a test: these
 * 2-core machines are noisy, so it reports medians and ratios.
 * BENCH_RUNS (default 3) sets the runs per figure; BENCH_SIZES the corpus sizes.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {copySite, docusaurusBin, siteDir} from '../test/helpers/site.ts';
import {writeCorpus} from './corpus.ts';
import {describeMatcherBench, matcherBench} from './matcher.ts';
import {presets} from './lighthouse.ts';
import {goalsMet, lighthouseFigures, median, pageFiguresSection, pageJavaScript} from './measure.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Measure {
  seconds: number;
  /** CPU time, user + system, of the command and its children (GNU time). */
  cpuSeconds?: number;
  /** Peak resident memory, MiB (GNU time). */
  peakMiB?: number;
}

/** Runs a command from a clean cache, timing it and reading its peak memory (GNU time's %M). */
function measure(command: string[], cwd: string, env: Record<string, string> = {}): Measure {
  rmSync(path.join(cwd, '.docusaurus'), {recursive: true, force: true});
  rmSync(path.join(cwd, 'node_modules/.cache'), {recursive: true, force: true});
  const [program, ...args] = gnuTime ? [gnuTime, '-f', 'peak-kb=%M cpu=%U+%S', ...command] : command;
  const started = performance.now();
  const result = spawnSync(program, args, {cwd, env: {...process.env, ...env}, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed in ${cwd}:\n${(result.stderr ?? '').slice(-3000)}`);
  const peak = /peak-kb=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(result.stderr ?? '');
  return {seconds, cpuSeconds: peak ? Number(peak[2]) + Number(peak[3]) : undefined, peakMiB: peak ? Number(peak[1]) / 1024 : undefined};
}

function medianOf(list: Measure[]): Measure {
  const of = (key: 'cpuSeconds' | 'peakMiB') => (list.every((m) => m[key] !== undefined) ? median(list.map((m) => m[key]!)) : undefined);
  return {seconds: median(list.map((m) => m.seconds)), cpuSeconds: of('cpuSeconds'), peakMiB: of('peakMiB')};
}

const build = (dir: string, plain = false) =>
  measure([process.execPath, docusaurusBin, 'build', '--out-dir', path.join(dir, plain ? 'build-plain' : 'build')], dir, plain ? {MAILGUIDE_PLAIN: '1'} : {});
const check = (dir: string) => measure([process.execPath, '--import', 'tsx', path.join(dir, 'plugins/cli/check.ts')], dir);

async function main(): Promise<void> {
  const machine = {cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, cpu: os.cpus()[0]?.model};
  console.log(`machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}; ${runs} runs per figure`);

  // 1. The real site, against plain Docusaurus on the same pages (runs alternated).
  const siteCopy = copySite();
  const ours: Measure[] = [];
  const plain: Measure[] = [];
  for (let run = 0; run < runs; run += 1) {
    ours.push(build(siteCopy));
    plain.push(build(siteCopy, true));
  }
  const site = {ours: medianOf(ours), plain: medianOf(plain)};
  console.log(
    `site build: ${site.ours.seconds.toFixed(1)} s, ${site.ours.peakMiB?.toFixed(0)} MiB; plain: ${site.plain.seconds.toFixed(1)} s, ${site.plain.peakMiB?.toFixed(0)} MiB`,
  );

  // 2. npm run check on the real site.
  const checkSite = medianOf(Array.from({length: runs}, () => check(siteCopy)));
  console.log(`npm run check: ${checkSite.seconds.toFixed(2)} s`);

  // 2b. The whole-page "Try it": a 100,000-line mail log through the setup page's jails.
  const matcher = await matcherBench(runs);
  console.log(`matcher: ${describeMatcherBench(matcher)}`);

  // 3. JavaScript the setup page runs, against the same page built plain.
  const javascript = {
    setup: await pageJavaScript(path.join(siteCopy, 'build'), '/services/email/mta/setup'),
    plainSetup: await pageJavaScript(path.join(siteCopy, 'build-plain'), '/services/email/mta/setup'),
  };
  console.log(`setup page JavaScript: ${javascript.setup.gzipKiB.toFixed(1)} KiB gzip; plain: ${javascript.plainSetup.gzipKiB.toFixed(1)} KiB`);

  // 4. Lighthouse on the setup page, ours and plain.
  const setupRoute = '/services/email/mta/setup';
  const lighthouse = {
    ours: await lighthouseFigures(path.join(siteCopy, 'build'), setupRoute, runs),
    plain: await lighthouseFigures(path.join(siteCopy, 'build-plain'), setupRoute, runs),
  };
  for (const preset of presets) console.log(`Lighthouse ${preset}: ${JSON.stringify(lighthouse.ours[preset].median)}; plain ${JSON.stringify(lighthouse.plain[preset].median)}`);
  rmSync(siteCopy, {recursive: true, force: true});

  // 5. The synthetic corpus.
  const corpus: Array<{pages: number; runs: number; check: Measure; build: Measure; plainBuild: Measure}> = [];
  for (const pages of sizes) {
    const dir = copySite();
    writeCorpus(dir, pages);
    const corpusRuns = pages >= 1000 ? 1 : runs;
    const entry = {
      pages,
      runs: corpusRuns,
      check: medianOf(Array.from({length: corpusRuns}, () => check(dir))),
      build: medianOf(Array.from({length: corpusRuns}, () => build(dir))),
      plainBuild: medianOf(Array.from({length: corpusRuns}, () => build(dir, true))),
    };
    corpus.push(entry);
    console.log(
      `corpus ${pages} pages: check ${entry.check.seconds.toFixed(1)} s; build ${entry.build.seconds.toFixed(1)} s, ${entry.build.peakMiB?.toFixed(0)} MiB; plain ${entry.plainBuild.seconds.toFixed(1)} s`,
    );
    rmSync(dir, {recursive: true, force: true});
  }

  // The lab needs root and its own namespaces: the bench reports each edition's last recorded run.
  const labs = ['docs', 'versioned_docs/version-16'].map(
    (folder) =>
      JSON.parse(readFileSync(path.join(siteDir, folder, 'services/email/mta/lab/results.json'), 'utf8')) as {
        recorded: string;
        edition: {debian: string; name: string};
        passed: number;
        failed: number;
        seconds: number;
      },
  );
  const report = {
    date: new Date().toISOString(),
    machine,
    runs,
    site: {...site, timeRatio: site.ours.seconds / site.plain.seconds},
    check: checkSite,
    matcher,
    javascript,
    lighthouse,
    goals: goalsMet({javascript, lighthouse}),
    labs,
    corpus,
  };
  const mib = (m?: number) => (m ? `${m.toFixed(0)} MiB` : '–');
  const cpuRatio = (ours: Measure, base: Measure) => (ours.cpuSeconds && base.cpuSeconds ? ours.cpuSeconds / base.cpuSeconds : undefined);
  const row = (name: string, ours: Measure, base?: Measure) =>
    `| ${name} | ${ours.seconds.toFixed(2)} s | ${ours.cpuSeconds?.toFixed(2) ?? '–'} s | ${mib(ours.peakMiB)} | ${base ? `${base.seconds.toFixed(2)} s` : '–'} | ${base?.cpuSeconds?.toFixed(2) ?? '–'} s | ${mib(base?.peakMiB)} | ${base ? (ours.seconds / base.seconds).toFixed(2) : '–'} | ${base ? (cpuRatio(ours, base)?.toFixed(2) ?? '–') : '–'} |`;
  // The cost goals of issue 14 (the guide index), on the medians above.
  const largest = corpus.at(-1);
  const hundred = corpus.find((entry) => entry.pages === 100);
  const yes = (met: boolean) => (met ? 'met' : '**not met**');
  const costGoals = [
    `| site build CPU ≤ ×1.15 plain | ×${cpuRatio(site.ours, site.plain)?.toFixed(2)} | ${yes((cpuRatio(site.ours, site.plain) ?? Infinity) <= 1.15)} |`,
    ...(largest
      ? [
          `| ${largest.pages}-page corpus time ≤ ×1.3 plain | ×${(largest.build.seconds / largest.plainBuild.seconds).toFixed(2)} | ${yes(largest.build.seconds / largest.plainBuild.seconds <= 1.3)} |`,
          `| ${largest.pages}-page corpus peak < 1.6 GiB | ${mib(largest.build.peakMiB)} | ${yes((largest.build.peakMiB ?? Infinity) < 1.6 * 1024)} |`,
          `| npm run check on ${largest.pages} pages ≤ 5 s | ${largest.check.seconds.toFixed(2)} s | ${yes(largest.check.seconds <= 5)} |`,
        ]
      : []),
    `| npm run check on the site ≤ 1 s | ${checkSite.seconds.toFixed(2)} s | ${yes(checkSite.seconds <= 1)} |`,
    ...(hundred && largest && largest !== hundred
      ? [
          `| growth ${hundred.pages} → ${largest.pages} pages linear or better (×${largest.pages / hundred.pages} or less) | build ×${(largest.build.seconds / hundred.build.seconds).toFixed(2)}, check ×${(largest.check.seconds / hundred.check.seconds).toFixed(2)} | ${yes(largest.build.seconds / hundred.build.seconds <= largest.pages / hundred.pages && largest.check.seconds / hundred.check.seconds <= largest.pages / hundred.pages)} |`,
        ]
      : []),
  ];
  const growth =
    corpus.length > 1
      ? corpus
          .slice(1)
          .map(
            (entry, index) =>
              `${corpus[index].pages} → ${entry.pages} pages: build ×${(entry.build.seconds / corpus[index].build.seconds).toFixed(2)}, check ×${(entry.check.seconds / corpus[index].check.seconds).toFixed(2)}`,
          )
      : [];
  const markdown = [
    '# Benchmark report',
    '',
    `${report.date}; ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}. Medians of ${runs} runs (one run for 1000 pages); every build from a clean cache.`,
    '',
    '| what | time | CPU | peak memory | plain Docusaurus | plain CPU | plain memory | time ratio | CPU ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row('site build', site.ours, site.plain),
    row('npm run check (site)', checkSite),
    ...corpus.map((entry) => row(`corpus, ${entry.pages} pages: build`, entry.build, entry.plainBuild)),
    ...corpus.map((entry) => row(`corpus, ${entry.pages} pages: npm run check`, entry.check)),
    '',
    `How time grows with the corpus: ${growth.join('; ') || 'one size only'}.`,
    '',
    'Cost goals of the guide index (issue 14), on the medians above:',
    '',
    '| goal | measured | |',
    '| --- | --- | --- |',
    ...costGoals,
    '',
    `Whole-page "Try it" (bench/matcher.ts): ${describeMatcherBench(matcher)}`,
    '',
    ...pageFiguresSection({javascript, lighthouse}, runs, `${machine.cores} cores; the site builds above include build-time highlighting`),
    ...labs.map(
      (lab) =>
        `Mail lab, ${lab.edition.name} (\`npm run lab -- --edition ${lab.edition.name}\`, last recorded run ${lab.recorded}, Debian ${lab.edition.debian}): ${lab.passed} scenarios passed, ${lab.failed} failed, in ${lab.seconds.toFixed(1)} s (goal ≤ 180 s).\n`,
    ),
    '',
  ].join('\n');
  mkdirSync(path.join(siteDir, 'bench/results'), {recursive: true});
  writeFileSync(path.join(siteDir, 'bench/results/report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(siteDir, 'bench/results/report.md'), markdown);
  console.log('\nwritten: bench/results/report.md, bench/results/report.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
