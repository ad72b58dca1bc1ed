/**
 * A page's whole jail set run over one log, as fail2ban 1.0.2 would run it if
 * the lines were logged now: every enabled jail reads the log with its filter
 * (the guide's or a stock one, with the jail's `mode`), each failure goes
 * through the jail's `ignoreip` and fail2ban's FailManager (server/
 * failmanager.py: `maxretry` failures, the count scaled down to `findtime`
 * as fail2ban does), and a ban lasts `bantime`. A `recidive` jail also reads
 * the "Ban" lines the other jails would write to fail2ban's log.
 *
 * Each (line, jail) pair gets a time budget: a pair that takes longer is
 * refused ("too slow") and its answer dropped, never used; a pair that never
 * ends is found by a watchdog (guarded.ts) and skipped on the next run.
 * Browser-safe.
 */
import {parseConfig} from '../validators/fail2ban/config-file.ts';
import type {ConfigFiles} from './config.ts';
import {clockOf, FilterRun, LineDater, type DatedLine, type Now} from './filter.ts';
import {compileStockFilter, seconds, UnsupportedFilterError} from './index.ts';

/** One jail as fail2ban would run it. */
export interface JailSpec {
  /** The jail's section name. */
  name: string;
  /** The filter file's name (`filter.d/<filter>.conf`). */
  filter: string;
  /** Options given with the filter (`postfix[mode=errors]`). */
  filterOptions: Record<string, string>;
  maxretry: number;
  /** Seconds. */
  findtime: number;
  /** Seconds; negative: for ever. */
  bantime: number;
  /** Addresses, networks (CIDR) and names never banned. */
  ignoreip: string[];
  logpath?: string;
  /** The jail file it comes from (for display). */
  source?: string;
}

/** What a run needs: the jails, and the filter files they read (`filter.d/…`), the guide's and the stock ones. */
export interface JailSetup {
  jails: JailSpec[];
  files: ConfigFiles;
}

/** fail2ban's [DEFAULT] of jail.conf for what decides a ban. */
export const jailDefaults: Readonly<Record<string, string>> = {
  enabled: 'false',
  mode: 'normal',
  filter: '%(__name__)s[mode=%(mode)s]',
  maxretry: '5',
  findtime: '10m',
  bantime: '10m',
};

/** `name[opt=value, opt2="value"]` (fail2ban's extractOptions, for what a jail's `filter =` holds). */
export function splitFilterSpec(spec: string): {name: string; options: Record<string, string>} {
  const match = /^\s*([^[\s]+)\s*(?:\[(.*)\])?\s*$/s.exec(spec);
  if (!match) return {name: spec.trim(), options: {}};
  const options: Record<string, string> = {};
  for (const option of (match[2] ?? '').matchAll(/\s*([\w.-]+)\s*=\s*("(?:\\.|[^"])*"|'(?:\\.|[^'])*'|[^,]*)\s*(?:,|$)/g)) {
    let value = option[2].trim();
    if (/^(["']).*\1$/s.test(value)) value = value.slice(1, -1);
    options[option[1]] = value;
  }
  return {name: match[1], options};
}

/**
 * The enabled jails of jail files (in the order fail2ban reads them: later
 * files override earlier ones), on top of jail.conf's defaults and, for jails
 * jail.conf defines, its section (`stock`: section name → options).
 */
export function jailsFromFiles(
  files: ReadonlyArray<{name: string; text: string}>,
  stock: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): {jails: JailSpec[]; problems: string[]} {
  const sections = new Map<string, {options: Record<string, string>; source: string}>();
  const defaults: Record<string, string> = {...jailDefaults, ...(stock.DEFAULT ?? {})};
  const problems: string[] = [];
  for (const file of files) {
    const config = parseConfig(file.text);
    for (const {line, text} of config.errors) problems.push(`${file.name}:${line}: fail2ban cannot read "${text.trim()}"`);
    for (const section of config.sections.values()) {
      const values = Object.fromEntries([...section.options.values()].map((option) => [option.name, option.value]));
      if (section.name === 'DEFAULT') Object.assign(defaults, values);
      else if (section.name !== 'INCLUDES') {
        const known = sections.get(section.name) ?? {options: {...(stock[section.name] ?? {})}, source: file.name};
        Object.assign(known.options, values);
        known.source = file.name;
        sections.set(section.name, known);
      }
    }
  }
  const jails: JailSpec[] = [];
  for (const [name, {options, source}] of sections) {
    const all: Record<string, string> = {...defaults, ...options, __name__: name};
    const value = (option: string, depth = 0): string => {
      const raw = all[option] ?? '';
      return depth > 10 ? raw : raw.replace(/%\(([^)]+)\)s/g, (whole, inner: string) => (inner in all ? value(inner, depth + 1) : whole));
    };
    if (!/^(true|yes|on|1)$/i.test(value('enabled').trim())) continue;
    const {name: filter, options: filterOptions} = splitFilterSpec(value('filter'));
    const duration = (option: string) => {
      const text = value(option).trim();
      return /^-\d+$/.test(text) ? Number(text) : seconds(text);
    };
    jails.push({
      name,
      filter,
      filterOptions,
      maxretry: Number(value('maxretry')) || 5,
      findtime: duration('findtime'),
      bantime: duration('bantime'),
      ignoreip: value('ignoreip')
        .split(/[\s,]+/)
        .filter(Boolean),
      logpath: all.logpath === undefined ? undefined : value('logpath'),
      source,
    });
  }
  return {jails, problems};
}

// --- ignoreip ---------------------------------------------------------------

function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined;
  return parts.reduce((sum, p) => (sum << 8n) + BigInt(p), 0n);
}

function ipv6(text: string): bigint | undefined {
  let address = text.replace(/^\[|\]$/g, '');
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    const low = ipv4(v4[2]);
    if (low === undefined) return undefined;
    address = `${v4[1]}${(low >> 16n).toString(16)}:${(low & 0xffffn).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (halves.length === 1 && head.length !== 8) return undefined;
  if (head.length + tail.length > 8 || ![...head, ...tail].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const groups = [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.reduce((sum, g) => (sum << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** An address as a number and its family, v4-mapped v6 addresses read as v4 (as fail2ban's IPAddr does). */
function parseAddress(text: string): {value: bigint; bits: 32 | 128} | undefined {
  const four = ipv4(text);
  if (four !== undefined) return {value: four, bits: 32};
  const six = ipv6(text);
  if (six === undefined) return undefined;
  if (six >> 32n === 0xffffn) return {value: six & 0xffffffffn, bits: 32};
  return {value: six, bits: 128};
}

/** Whether fail2ban's `ignoreip` covers an address (a hostname only by equal name: the page does no DNS). */
export function ignoredBy(address: string, ignoreip: readonly string[]): string | undefined {
  const ip = parseAddress(address);
  for (const entry of ignoreip) {
    const [base, prefix] = entry.split('/');
    const net = parseAddress(base);
    if (!net || !ip) {
      if (entry.toLowerCase() === address.toLowerCase()) return entry;
      continue;
    }
    if (net.bits !== ip.bits) continue;
    const length = prefix === undefined ? net.bits : Number(prefix);
    if (!Number.isInteger(length) || length < 0 || length > net.bits) continue;
    const shift = BigInt(net.bits - length);
    if (net.value >> shift === ip.value >> shift) return entry;
  }
  return undefined;
}

// --- bans -------------------------------------------------------------------

/** Python's round(): halves to even. */
function pyRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** A ban a jail would set. */
export interface Ban {
  jail: string;
  address: string;
  /** When (ms since the epoch). */
  at: number;
  /** Until when (ms); null: for ever. */
  until: number | null;
  /** Failures counted when it banned (fail2ban's retry count). */
  failures: number;
  /** Index of the log line that triggered it. */
  line: number;
}

/** fail2ban's FailManager for one jail, plus its ban list. */
class BanKeeper {
  private tickets = new Map<string, {retry: number; firstTime: number; time: number}>();
  private banned = new Map<string, number | null>();

  constructor(private readonly jail: JailSpec) {}

  /** FailManager.addFailure + Filter.processLineAndAdd's ban once `maxretry` is reached. Times in seconds. */
  add(id: string, time: number, line: number): Ban | 'already banned' | undefined {
    let ticket = this.tickets.get(id);
    if (!ticket) {
      ticket = {retry: 1, firstTime: time, time};
      this.tickets.set(id, ticket);
    } else {
      if (time > ticket.time) {
        if (ticket.firstTime < time - this.jail.findtime) {
          ticket.retry = pyRound((ticket.retry / (time - ticket.firstTime)) * this.jail.findtime);
          ticket.firstTime = time - this.jail.findtime;
        }
        ticket.time = time;
      }
      ticket.retry += 1;
    }
    if (ticket.retry < this.jail.maxretry) return undefined;
    this.tickets.delete(id);
    const until = this.banned.get(id);
    if (until === null || (until !== undefined && until > time * 1000)) return 'already banned';
    const ban: Ban = {jail: this.jail.name, address: id, at: time * 1000, until: this.jail.bantime < 0 ? null : (time + this.jail.bantime) * 1000, failures: ticket.retry, line};
    this.banned.set(id, ban.until);
    return ban;
  }
}

/** The line fail2ban 1.0.2 writes to its log for a ban (what `recidive` reads), in local time. */
export function banLogLine(ban: Ban): string {
  const d = new Date(ban.at);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())},${String(d.getMilliseconds()).padStart(3, '0')}`;
  return `${stamp} fail2ban.actions        [1]: NOTICE  [${ban.jail}] Ban ${ban.address}`;
}

// --- the run ------------------------------------------------------------------

/** What one jail found. */
export interface JailResult {
  name: string;
  /** The filter as the jail names it: `postfix[mode=errors]`. */
  filter: string;
  maxretry: number;
  findtime: number;
  bantime: number;
  ignoreip: string[];
  source?: string;
  /** Why the jail could not be run in the page (its filter refused), if so. */
  refused?: string;
  warnings: string[];
  /** Failures found (those ignoreip dropped included). */
  failures: number;
  /** Failures of addresses ignoreip covers. */
  ignored: number;
  /** Per address: failures, and the bans. */
  addresses: Array<{address: string; failures: number; ignoredBy?: string; bans: Ban[]}>;
}

/** One failure on one line. */
export interface LineHit {
  /** Index of the jail in the result's `jails`. */
  jail: number;
  address: string;
  /** ignoreip covers the address. */
  ignored?: boolean;
}

/** A (line, jail) pair refused for time. */
export interface SlowPair {
  line: number;
  /** Index of the jail; -1: the line's date detection. */
  jail: number;
  reason: string;
}

export interface JailSetResult {
  lines: number;
  jails: JailResult[];
  /** Every ban, in time order. */
  bans: Ban[];
  /** Failures per line (the first `keepLines` lines). */
  lineHits: LineHit[][];
  tooSlow: SlowPair[];
  /** The slowest (line, jail) pair that was run. */
  slowest: {ms: number; line: number; jail: number};
  /** Matching time, ms. */
  ms: number;
}

export interface RunOptions {
  /** Time a (line, jail) pair may take, ms (50). */
  budgetMs?: number;
  /** Pairs not to run (`line:jail`, or `line:date`), with the reason: found too slow by a watchdog. */
  skip?: ReadonlyMap<string, string>;
  /** Jails not to run at all, with the reason. */
  skipJails?: ReadonlyMap<number, string>;
  /** Called before each pair (`line` -1: compiling the jail's filter). */
  onPair?: (line: number, jail: number) => void;
  /** Called every `progressEvery` lines with the number of lines done. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /** Lines whose hits the result lists one by one (all). */
  keepLines?: number;
  /** The clock, ms (performance.now), for the budget. */
  now?: () => number;
  /**
   * fail2ban's MyTime.time(): a fixed time (ms since the epoch) or a clock
   * (Date.now by default). What a line without a date takes, the year or day a
   * date leaves out, and the time of a failure without one.
   */
  clock?: Now;
}

/** The filter as a jail names it. */
export function filterSpec(jail: Pick<JailSpec, 'filter' | 'filterOptions'>): string {
  const options = Object.entries(jail.filterOptions);
  return options.length ? `${jail.filter}[${options.map(([key, value]) => `${key}=${value}`).join(', ')}]` : jail.filter;
}

/** Runs every jail of `setup` over the log lines, in order, as fail2ban would. */
export function runJailSet(setup: JailSetup, lines: readonly string[], options: RunOptions = {}): JailSetResult {
  const clock = options.now ?? (() => performance.now());
  const myTime = clockOf(options.clock);
  const started = clock();
  const budget = options.budgetMs ?? 50;
  const every = options.progressEvery ?? 256;
  const keep = options.keepLines ?? Infinity;
  const skip = options.skip ?? new Map<string, string>();
  const results: JailResult[] = [];
  const runs: Array<FilterRun | undefined> = [];
  const keepers: BanKeeper[] = [];
  const byAddress: Array<Map<string, JailResult['addresses'][number]>> = [];
  const recidive: number[] = [];
  // One dater per datepattern: jails fed the same lines share fail2ban's date state.
  // The ban lines a recidive jail reads (fail2ban's own log) get a dater of their own.
  const daters = new Map<string, LineDater>();
  const daterOf: Array<LineDater | undefined> = [];
  const banLogDater = new Map<number, LineDater>();

  setup.jails.forEach((jail, index) => {
    const result: JailResult = {
      name: jail.name,
      filter: filterSpec(jail),
      maxretry: jail.maxretry,
      findtime: jail.findtime,
      bantime: jail.bantime,
      ignoreip: jail.ignoreip,
      source: jail.source,
      warnings: [],
      failures: 0,
      ignored: 0,
      addresses: [],
    };
    results.push(result);
    keepers.push(new BanKeeper(jail));
    byAddress.push(new Map());
    const skipped = options.skipJails?.get(index);
    if (skipped) {
      result.refused = skipped;
      runs.push(undefined);
      daterOf.push(undefined);
      return;
    }
    options.onPair?.(-1, index);
    try {
      const compiled = compileStockFilter(jail.filter, setup.files, jail.filterOptions);
      result.warnings = compiled.warnings;
      const isRecidive = jail.filter === 'recidive';
      const key = `=${compiled.resolved.datepattern ?? ''}`;
      if (isRecidive) banLogDater.set(index, new LineDater(compiled.resolved.datepattern, myTime));
      let dater = daters.get(key);
      if (!dater) {
        dater = new LineDater(compiled.resolved.datepattern, myTime);
        daters.set(key, dater);
      }
      runs.push(new FilterRun(compiled.resolved, dater));
      daterOf.push(dater);
      if (isRecidive) recidive.push(index);
    } catch (error) {
      if (!(error instanceof UnsupportedFilterError)) result.refused = `filter ${filterSpec(jail)}: ${(error as Error).message}`;
      else result.refused = error.message;
      runs.push(undefined);
      daterOf.push(undefined);
    }
  });

  // Filters compiled: line 0 next.
  options.onProgress?.(0);
  const bans: Ban[] = [];
  const lineHits: LineHit[][] = [];
  const tooSlow: SlowPair[] = [];
  const slowest = {ms: 0, line: -1, jail: -1};
  const uniqueDaters = [...new Set(daterOf.filter((d): d is LineDater => d !== undefined))];
  const dated = new Map<LineDater, DatedLine>();
  let lastClock = clock();

  /** One pair: the jail's filter on a dated line, within the budget; failures go to the jail's bans. */
  const pair = (lineIndex: number, jailIndex: number, line: DatedLine, hits: LineHit[] | undefined, synthetic: boolean) => {
    const run = runs[jailIndex]!;
    const skipped = skip.size ? skip.get(`${lineIndex}:${jailIndex}`) : undefined;
    if (skipped) {
      tooSlow.push({line: lineIndex, jail: jailIndex, reason: skipped});
      return;
    }
    options.onPair?.(lineIndex, jailIndex);
    // One clock reading a pair: the time since the previous reading (this line's start, or the previous pair).
    const t0 = lastClock;
    let failures;
    try {
      failures = run.processDated(line);
    } catch (error) {
      lastClock = clock();
      tooSlow.push({line: lineIndex, jail: jailIndex, reason: `refused: ${(error as Error).message}`});
      return;
    }
    lastClock = clock();
    const took = lastClock - t0;
    if (took > slowest.ms) Object.assign(slowest, {ms: took, line: lineIndex, jail: jailIndex});
    if (took > budget) {
      tooSlow.push({line: lineIndex, jail: jailIndex, reason: `too slow: refused (${Math.round(took)} ms, over ${budget} ms)`});
      return;
    }
    const jail = setup.jails[jailIndex];
    const result = results[jailIndex];
    for (const failure of failures) {
      // A failure without a date: fail2ban's ticket takes MyTime.time() (FailTicket(ip, None)).
      const time = failure.time ?? myTime() / 1000;
      result.failures += 1;
      let entry = byAddress[jailIndex].get(failure.id);
      if (!entry) {
        entry = {address: failure.id, failures: 0, bans: []};
        const by = ignoredBy(failure.id, jail.ignoreip);
        if (by) entry.ignoredBy = by;
        byAddress[jailIndex].set(failure.id, entry);
      }
      entry.failures += 1;
      if (!synthetic) hits?.push({jail: jailIndex, address: failure.id, ...(entry.ignoredBy ? {ignored: true} : {})});
      if (entry.ignoredBy) {
        result.ignored += 1;
        continue;
      }
      const ban = keepers[jailIndex].add(failure.id, time, lineIndex);
      if (!ban || ban === 'already banned') continue;
      entry.bans.push(ban);
      bans.push(ban);
      // What fail2ban logs for the ban, read by the recidive jails.
      for (const other of recidive) {
        if (other === jailIndex) continue;
        pair(lineIndex, other, banLogDater.get(other)!.date(banLogLine(ban)), undefined, true);
      }
    }
  };

  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i];
    const line = raw.endsWith('\n') || raw.endsWith('\r') ? raw.replace(/[\r\n]+$/, '') : raw;
    const hits: LineHit[] | undefined = i < keep ? [] : undefined;
    if (line !== '' && !line.startsWith('#')) {
      const skippedLine = skip.size ? skip.get(`${i}:date`) : undefined;
      if (skippedLine) tooSlow.push({line: i, jail: -1, reason: skippedLine});
      else {
        if (options.onPair) options.onPair(i, -1);
        for (const dater of uniqueDaters) dated.set(dater, dater.date(line));
        lastClock = clock();
        for (let j = 0; j < runs.length; j += 1) if (runs[j]) pair(i, j, dated.get(daterOf[j]!)!, hits, false);
      }
    }
    if (hits) lineHits.push(hits);
    if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1);
  }
  results.forEach((result, j) => {
    result.addresses = [...byAddress[j].values()];
  });
  bans.sort((a, b) => a.at - b.at);
  return {lines: lines.length, jails: results, bans, lineHits, tooSlow, slowest, ms: clock() - started};
}

/** A duration in seconds as fail2ban writes it (1w, 1d, 1h30m, 45s); negative: "for ever". */
export function formatDuration(secondsValue: number): string {
  if (secondsValue < 0) return 'for ever';
  if (secondsValue === 0) return '0s';
  const units: Array<[string, number]> = [
    ['w', 604800],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = secondsValue;
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

/** A time (ms) as a log shows it, in local time: 2026-02-20 10:15:09. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
