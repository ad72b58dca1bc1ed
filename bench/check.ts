/**
 * `npm run bench`: how long `npm run check` takes on the real site (median of
 * five runs, each a fresh process, as a reader runs it). Prints the figures;
 * a benchmark, not a test: timings on a shared 2-core machine are noisy.
 */
import {execFileSync} from 'node:child_process';
import os from 'node:os';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const times: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'plugins/guide-cli/check.ts'], {stdio: 'ignore'});
  times.push((performance.now() - started) / 1000);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`npm run check (whole site, fresh process): median ${median.toFixed(2)} s over ${runs} runs (min ${times[0].toFixed(2)} s, max ${times.at(-1)!.toFixed(2)} s)`);
