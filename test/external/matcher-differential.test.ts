import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {compileFilter, matchLines} from '../../plugins/fail2ban-matcher/index.ts';
import {nearMisses} from '../../plugins/fail2ban-matcher/mutations.ts';
import {readGuidePage} from '../../plugins/guide-model/page.ts';
import {stockFilterDir} from '../../plugins/validators/fail2ban/filter.ts';
import {readSamples, samplesFileFor} from '../../plugins/validators/fail2ban/samples.ts';
import {listPages} from '../../plugins/validators/index.ts';

// The in-page matcher against fail2ban-regex 1.0.2 (its own classes, run line
// by line as fail2ban-regex runs them, by test/external/fail2ban-oracle.py):
// for every filter of the guide, its sample lines and 300 near misses of them,
// both must report the same failures on the same lines: the same id, the same
// lines credited, the same time.
//
// Both run with the same fixed "now" (fail2ban's MyTime.setTime, the matcher's
// `now`), never the wall clock: what a line without a date takes (the last
// date, with its text, if less than 60 s before now; else none), and the year
// a date leaves out, depend on it. So the samples are also run re-dated
// relative to that now: a few seconds, under a minute, exactly a minute and
// years before it, and in syslog form (no year) just after a new year.
const common = readFileSync(path.join(stockFilterDir, 'common.conf'), 'utf8');
const filters = listPages()
  .flatMap((page) => readGuidePage(page).snippets)
  .filter((snippet) => snippet.kind === 'fail2ban-filter');
const oracle = path.join(import.meta.dirname, 'fail2ban-oracle.py');

/** A fixed "now" (ms), and one just after a new year (for dates without a year). */
const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const NEW_YEAR = new Date(2025, 0, 1, 0, 0, 20).getTime();

const isoDate = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)(?= )/;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** The sample lines with their (RFC 3339) dates moved so that the newest is `newest` (ms), as RFC 3339 or syslog dates. */
function redate(lines: readonly string[], newest: number, form: 'iso' | 'syslog' = 'iso'): string[] {
  const times = lines.map((line) => isoDate.exec(line)?.[0]).map((text) => (text ? Date.parse(text) : undefined));
  const delta = newest - Math.max(...times.filter((t): t is number => t !== undefined));
  return lines.map((line, i) => {
    if (times[i] === undefined) return line;
    const d = new Date(Math.floor((times[i]! + delta) / 1000) * 1000);
    const text =
      form === 'iso'
        ? d.toISOString().replace(/\.000Z$/, '+00:00')
        : `${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
    return line.replace(isoDate, text);
  });
}

interface Scenario {
  name: string;
  /** "now" (ms). */
  now: number;
  redate?: (samples: readonly string[]) => string[];
}
const scenarios: Scenario[] = [
  {name: 'as recorded', now: NOW},
  {name: 'dated seconds before now', now: NOW, redate: (s) => redate(s, NOW - 2_000)},
  {name: 'dated under a minute before now', now: NOW, redate: (s) => redate(s, NOW - 45_000)},
  {name: 'dated a minute before now', now: NOW, redate: (s) => redate(s, NOW - 60_000)},
  {name: 'dated years before now', now: NOW, redate: (s) => redate(s, NOW - 3 * 365 * 86_400_000)},
  {name: 'syslog dates (no year) just before a new year', now: NEW_YEAR, redate: (s) => redate(s, NEW_YEAR - 5_000, 'syslog')},
];

interface Job {
  filter: string;
  mode: null;
  now: number;
  lines: string[];
}
interface OracleFailure {
  id: string;
  matches: string[];
  time: number | null;
}
interface OracleResult {
  error?: string;
  results?: Array<OracleFailure[] | {error: string}>;
}

const cases = filters.flatMap((filter) => {
  const name = path.basename(filter.target).replace(/\.(conf|local)$/, '');
  const recorded = readSamples(samplesFileFor(filter)).map((sample) => sample.text);
  return scenarios.map((scenario) => {
    const samples = scenario.redate ? scenario.redate(recorded) : recorded;
    const job: Job = {filter: name, mode: null, now: scenario.now / 1000, lines: [...samples, ...nearMisses(samples, 300)]};
    return {label: `${path.basename(filter.target)}, ${scenario.name}`, filter, scenario, samples, job};
  });
});

const dir = mkdtempSync(path.join(tmpdir(), 'mailguide-matcher-differential-'));
let answers: OracleResult[] = [];
beforeAll(() => {
  mkdirSync(path.join(dir, 'filter.d'));
  writeFileSync(path.join(dir, 'filter.d', 'common.conf'), common);
  for (const filter of filters) writeFileSync(path.join(dir, 'filter.d', path.basename(filter.target)), filter.text);
  const out = execFileSync('/usr/bin/python3', [oracle], {
    input: JSON.stringify({basedir: dir, jobs: cases.map((c) => c.job)}),
    maxBuffer: 1 << 30,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  answers = JSON.parse(out) as OracleResult[];
}, 600_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

let compared = 0;
const datelessCredited = new Set<string>();

describe('the in-page matcher agrees with fail2ban-regex 1.0.2', () => {
  it('the re-dated samples are dated as asked', () => {
    const [line] = redate(['2026-11-30T02:17:33.584756+00:00 mail x'], NOW - 60_000);
    expect(line).toBe('2025-06-15T11:59:00+00:00 mail x');
    expect(redate(['2026-11-30T02:17:33+00:00 mail x'], new Date(2024, 11, 31, 23, 59, 55).getTime(), 'syslog')).toEqual(['Dec 31 23:59:55 mail x']);
  });

  it.each(cases.map((c, i) => [c.label, i] as const))('%s', (_label, i) => {
    const {filter, scenario, samples, job} = cases[i];
    const answer = answers[i];
    expect(answer.error).toBeUndefined();
    const ours = matchLines(compileFilter(filter.text, {'common.conf': common}, {name: job.filter}), job.lines, {now: scenario.now});
    const disagreements: unknown[] = [];
    let matched = 0;
    job.lines.forEach((line, n) => {
      const real = answer.results![n];
      const expected = Array.isArray(real) ? real.map((f) => ({id: f.id, matches: f.matches, time: f.time ?? undefined})) : real;
      const actual = (ours[n].failures ?? []).map((f) => ({id: f.id, matches: f.matches, time: f.time}));
      if (Array.isArray(real) && real.length) matched += 1;
      if (Array.isArray(real)) for (const f of real) if (f.matches.some((m) => !job.lines.includes(m))) datelessCredited.add(scenario.name);
      if (JSON.stringify(expected) !== JSON.stringify(actual)) disagreements.push({n, line, fail2ban: expected, matcher: actual});
    });
    compared += job.lines.length;
    expect(matched, 'some lines match, so the comparison means something').toBeGreaterThan(samples.length / 3);
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it('compared at least a thousand lines', () => {
    expect(compared).toBeGreaterThanOrEqual(1000);
    console.log(`matcher differential test: ${compared} lines compared`);
  });

  it('covers lines without a date that fail2ban credits with the last date (now within a minute of it), and only then', () => {
    expect([...datelessCredited]).toEqual(expect.arrayContaining(['dated seconds before now', 'dated under a minute before now', 'syslog dates (no year) just before a new year']));
    expect([...datelessCredited]).not.toContain('dated a minute before now');
    expect([...datelessCredited]).not.toContain('dated years before now');
  });
});
