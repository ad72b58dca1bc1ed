/**
 * The Lighthouse part of `npm run bench` alone (about 8 minutes): builds the
 * site and the same pages as plain Docusaurus once each, measures the
 * JavaScript the setup page runs and Lighthouse on it (mobile and desktop
 * presets, median of BENCH_RUNS, default 3), against the goals of issue 17,
 * and updates that section of bench/results/report.md and report.json (the
 * build and corpus figures stay from the last full run).
 * Run: npx tsx bench/lighthouse-report.ts
 */
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {buildSite, copySite, siteDir} from '../test/helpers/site.ts';
import {goalsMet, lighthouseFigures, pageFiguresSection, pageJavaScript} from './measure.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const route = '/services/email/mta/setup';

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
    const builds = {ours: path.join(dir, 'build'), plain: path.join(dir, 'build-plain')};
    const javascript = {setup: await pageJavaScript(builds.ours, route), plainSetup: await pageJavaScript(builds.plain, route)};
    const lighthouse = {ours: await lighthouseFigures(builds.ours, route, runs), plain: await lighthouseFigures(builds.plain, route, runs)};

    const jsonPath = path.join(siteDir, 'bench/results/report.json');
    const mdPath = path.join(siteDir, 'bench/results/report.md');
    const previous = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>) : {};
    const date = new Date().toISOString();
    const machine = {cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, cpu: os.cpus()[0]?.model};
    const figures = {javascript, lighthouse};
    writeFileSync(jsonPath, `${JSON.stringify({...previous, javascript, lighthouse, goals: goalsMet(figures), lighthouseRun: {date, machine, runs, buildSeconds}}, null, 2)}\n`);

    const how = `${date}, \`bench/lighthouse-report.ts\`, ${machine.cores} cores; one build each: ${buildSeconds.ours.toFixed(1)} s, plain ${buildSeconds.plain.toFixed(1)} s, build-time highlighting included`;
    const section = pageFiguresSection(figures, runs, how).join('\n');
    // Replace the section from its first line up to the next one the section does not write.
    const old = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '# Benchmark report\n\n';
    const start = old.indexOf('JavaScript the setup page runs');
    const after = start >= 0 ? old.slice(start).search(/\n(## |Mail lab )/) : -1;
    const head = start >= 0 ? old.slice(0, start) : `${old.trimEnd()}\n\n`;
    const rest = after >= 0 ? old.slice(start + after + 1) : '';
    writeFileSync(mdPath, `${head}${section}${rest}`);
    console.log('written: bench/results/report.md (JavaScript and Lighthouse section), report.json');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
