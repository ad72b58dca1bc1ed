/**
 * The whole-page "Try it" on a real-sized log: a 100,000-line mail log built
 * from real lines (fail2ban's sample logs of its postfix and dovecot filters,
 * and the guide's own samples, repeated with varied addresses)
 * through every jail of the mail setup page, as the page runs it (in one
 * thread; the page runs it in a Web Worker) and as `npm run try` runs it (in a
 * worker thread, start-up included). Goal: ≤ 1 s; no line over 50 ms.
 * `npx tsx bench/matcher.ts` runs it alone.
 */
import path from 'node:path';
import {runJailSet} from '../plugins/fail2ban-matcher/jails.ts';
import {runJailSetGuarded} from '../plugins/fail2ban-matcher/node-guarded.ts';
import {pageJailSetup} from '../plugins/fail2ban-matcher/page-data.ts';
import {mixedMailLog} from '../test/fail2ban/sample-log.ts';

export interface MatcherBench {
  lines: number;
  jails: string[];
  refused: string[];
  runs: number;
  /** Median matching time, ms (in this thread). */
  medianMs: number;
  /** CPU time of that run, ms. */
  medianCpuMs: number;
  /** Wall time in a worker thread, start-up and copying included, ms. */
  workerMs: number;
  /** The slowest (line, jail) pair, ms. */
  slowestPairMs: number;
  failures: number;
  bans: number;
  tooSlow: number;
}

export async function matcherBench(runs = Number(process.env.BENCH_RUNS ?? 3), count = 100_000): Promise<MatcherBench> {
  const setup = pageJailSetup(path.resolve(import.meta.dirname, '../docs/services/email/mta/setup.md'));
  // A mail log: what postfix and dovecot write (fail2ban's samples of its postfix and dovecot filters, and the guide's).
  const lines = mixedMailLog(count, {filters: ['postfix', 'dovecot']});
  // One warm-up run, as a page that is used has its code compiled.
  runJailSet(setup, lines.slice(0, 5000), {keepLines: 0});
  const measured: Array<{ms: number; cpu: number; result: ReturnType<typeof runJailSet>}> = [];
  for (let run = 0; run < Math.max(1, runs); run += 1) {
    const cpu = process.cpuUsage();
    const result = runJailSet(setup, lines, {keepLines: 0});
    const used = process.cpuUsage(cpu);
    measured.push({ms: result.ms, cpu: (used.user + used.system) / 1000, result});
  }
  measured.sort((a, b) => a.ms - b.ms);
  const median = measured[Math.floor(measured.length / 2)];
  const started = performance.now();
  await runJailSetGuarded({jails: setup.jails, files: setup.files}, lines, {keepLines: 0});
  const workerMs = performance.now() - started;
  const {result} = median;
  return {
    lines: lines.length,
    jails: setup.jails.map((jail) => jail.name),
    refused: result.jails.filter((jail) => jail.refused).map((jail) => `${jail.name}: ${jail.refused}`),
    runs: measured.length,
    medianMs: median.ms,
    medianCpuMs: median.cpu,
    workerMs,
    slowestPairMs: Math.max(...measured.map((m) => m.result.slowest.ms)),
    failures: result.jails.reduce((sum, jail) => sum + jail.failures, 0),
    bans: result.bans.length,
    tooSlow: result.tooSlow.length,
  };
}

/** One line for the report. */
export function describeMatcherBench(b: MatcherBench): string {
  return `${b.lines.toLocaleString('en')} log lines through the setup page's ${b.jails.length} jails (${b.jails.join(', ')}${b.refused.length ? `; refused: ${b.refused.map((r) => r.split(':')[0]).join(', ')}` : ''}): ${b.medianMs.toFixed(0)} ms (median of ${b.runs}; ${b.medianCpuMs.toFixed(0)} ms CPU), ${b.workerMs.toFixed(0)} ms in a worker thread with start-up; slowest line ${b.slowestPairMs.toFixed(1)} ms; ${b.failures.toLocaleString('en')} failures, ${b.bans} bans, ${b.tooSlow} lines refused. Goal ≤ 1 s, no line over 50 ms.`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  matcherBench().then(
    (b) => console.log(describeMatcherBench(b)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
