import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {compileStockFilter, matchLines, resolveFilter, UnsupportedFilterError, type CompiledFilter} from '../../plugins/fail2ban-matcher/index.ts';
import {nearMisses} from '../../plugins/fail2ban-matcher/mutations.ts';

// The in-page matcher against fail2ban 1.0.2 itself (its own classes, run as
// fail2ban-regex runs them, by test/external/fail2ban-oracle.py) on every stock
// filter of /etc/fail2ban/filter.d, in every mode it defines, over fail2ban's
// own sample logs (test/fail2ban/upstream-samples/) and near misses of them:
// the same failures on the same lines, with the same id and the same lines
// credited, and the same time, or the filter refused with a reason. Both run
// with the same fixed "now" (fail2ban's MyTime.setTime, the matcher's `now`),
// never the wall clock: the year a date leaves out and what a line without a
// date takes depend on it.
const base = '/etc/fail2ban';
const samplesDir = path.join(import.meta.dirname, '../fail2ban/upstream-samples');
const oracle = path.join(import.meta.dirname, 'fail2ban-oracle.py');
const MAX_REFUSED = 4;
const NEAR_MISSES = 120;
/** The fixed "now" (ms). */
const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

const files: Record<string, string> = {};
for (const name of readdirSync(path.join(base, 'filter.d'))) {
  const file = path.join(base, 'filter.d', name);
  if (name.endsWith('.conf') || name.endsWith('.local')) files[`filter.d/${name}`] = readFileSync(file, 'utf8');
}
const filterNames = Object.keys(files)
  .filter((f) => f.endsWith('.conf'))
  .map((f) => path.basename(f, '.conf'))
  .filter((name) => {
    try {
      return resolveFilter(name, files).failregex.length > 0;
    } catch {
      return true;
    }
  })
  .sort();

function sampleLines(name: string): string[] {
  const file = path.join(samplesDir, name);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

interface Job {
  filter: string;
  mode: string | null;
  lines: string[];
}
interface OracleFailure {
  id: string;
  regex: number;
  matches: string[];
  time: number | null;
}
interface OracleResult {
  error?: string;
  resolved?: Record<string, unknown>;
  results?: Array<OracleFailure[] | {error: string}>;
}

const jobs: Job[] = [];
const refused: Array<{filter: string; reason: string}> = [];
const compiled = new Map<Job, CompiledFilter>();
for (const name of filterNames) {
  let modes: Array<string | null> = [null];
  try {
    const resolved = resolveFilter(name, files);
    if (resolved.modes.length > 1) modes = resolved.modes;
  } catch {
    /* reported below */
  }
  const samples = sampleLines(name);
  const lines = [...samples, ...nearMisses(samples.length ? samples : ['Jan  1 00:00:00 host daemon[1]: nothing'], NEAR_MISSES)];
  for (const mode of modes) jobs.push({filter: name, mode, lines});
}

let answers: OracleResult[] = [];
beforeAll(() => {
  const out = execFileSync('/usr/bin/python3', [oracle], {
    input: JSON.stringify({basedir: base, now: NOW / 1000, jobs}),
    maxBuffer: 1 << 30,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  answers = JSON.parse(out) as OracleResult[];
}, 600_000);

let compared = 0;
const key = (job: Job) => `${job.filter}${job.mode ? `[mode=${job.mode}]` : ''}`;

describe('the in-page matcher agrees with fail2ban 1.0.2 on its stock filters', () => {
  it.each(jobs.map((job, i) => [key(job), i] as const))('%s', (_name, i) => {
    const job = jobs[i];
    const answer = answers[i];
    let filter: CompiledFilter;
    try {
      filter = compileStockFilter(job.filter, files, job.mode ? {mode: job.mode} : {});
      compiled.set(job, filter);
    } catch (error) {
      if (!(error instanceof UnsupportedFilterError)) throw error;
      // An include-only file (common.conf…): fail2ban cannot load it as a filter either.
      if (answer.error || answer.resolved?.error || !answer.resolved?.addfailregex) return;
      refused.push({filter: key(job), reason: error.message});
      return;
    }
    if (answer.error) {
      // fail2ban refuses the filter: the matcher must not give an answer either.
      expect.fail(`fail2ban refuses ${key(job)} (${answer.error}); the matcher compiled it`);
    }
    expect(filter.resolved.failregex).toEqual((answer.resolved?.addfailregex as string[]) ?? []);
    expect(filter.resolved.prefregex ?? null).toEqual(answer.resolved?.prefregex ?? null);
    let ours;
    try {
      ours = matchLines(filter, job.lines, {now: NOW});
    } catch (error) {
      if (!(error instanceof UnsupportedFilterError)) throw error;
      refused.push({filter: key(job), reason: error.message});
      return;
    }
    const disagreements: unknown[] = [];
    job.lines.forEach((line, n) => {
      const real = answer.results![n];
      const expected = Array.isArray(real) ? real.map((f) => ({id: f.id, matches: f.matches, time: f.time ?? undefined})) : real;
      const actual = (ours[n].failures ?? []).map((f) => ({id: f.id, matches: f.matches, time: f.time}));
      if (JSON.stringify(expected) !== JSON.stringify(actual)) disagreements.push({n, line, fail2ban: expected, matcher: actual});
    });
    compared += job.lines.length;
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it(`refuses at most ${MAX_REFUSED} filters, each with a reason`, () => {
    const byFilter = new Map<string, string>();
    for (const r of refused) byFilter.set(r.filter.replace(/\[.*$/, ''), r.reason);
    console.log(
      `stock-filter differential test: ${jobs.length} filter×mode runs of ${filterNames.length} filters, ${compared} lines compared, 0 disagreements; refused: ${JSON.stringify([...byFilter], null, 1)}`,
    );
    for (const reason of byFilter.values()) expect(reason).toMatch(/\S/);
    expect(byFilter.size).toBeLessThanOrEqual(MAX_REFUSED);
  });
});
