/**
 * fail2ban 1.0.2's filter matching in JavaScript, for "Try it" and
 * `npm run try`: the filter is read as fail2ban reads it (config.ts:
 * includes, interpolation, `[Init]`, modes, `<tag>` substitution), its
 * regexes translated from Python faithfully or refused (pyregex.ts), lines
 * dated and cut by fail2ban's date detector (dates.ts) and matched by
 * fail2ban's Filter algorithm (filter.ts: prefregex, multi-line buffer,
 * ignoreregex, multi-line failure ids). What cannot be done faithfully is
 * refused with an {@link UnsupportedFilterError} naming the construct and
 * where it is, never matched differently. Browser-safe.
 */
import {FilterConfigError, resolveFilter, type ConfigFiles, type ResolvedFilter} from './config.ts';
import {FilterRun, type Failure, type Now} from './filter.ts';
import {PyRegexError, translate} from './pyregex.ts';
import {fail2banSeconds} from './time.ts';

export {resolveFilter, type ConfigFiles, type ResolvedFilter} from './config.ts';
export type {Failure, Now} from './filter.ts';

export class UnsupportedFilterError extends Error {}

export interface CompiledFilter {
  name: string;
  resolved: ResolvedFilter;
  /** Static warnings (e.g. a regex at risk of catastrophic backtracking). */
  warnings: string[];
}

/** What fail2ban makes of one log line. */
export interface LineResult {
  line: string;
  /** `failure`: reported; `ignored`: ignoreregex (or a no-failure mark) dropped it; `none`: nothing reported. */
  verdict: 'failure' | 'ignored' | 'none';
  /** Line (in the filter file) of the failregex that matched, when known. */
  regexLine?: number;
  /** The failure id fail2ban bans (the address). */
  address?: string;
  /** The line's time (ms since the epoch), from fail2ban's date detector. */
  time?: number;
  /** All failures reported on this line (a multi-line failure credits several log lines). */
  failures?: Failure[];
}

function refuse(error: unknown, where: string): never {
  if (error instanceof UnsupportedFilterError) throw error;
  if (error instanceof PyRegexError || error instanceof FilterConfigError) throw new UnsupportedFilterError(`${where}: ${error.message}`);
  throw new UnsupportedFilterError(`${where}: ${(error as Error).message}`);
}

/**
 * Compiles filter `name` from a virtual fail2ban directory (`filter.d/<name>.conf`
 * and whatever it includes), with the jail's options (`mode`, `logtype`…).
 */
export function compileStockFilter(name: string, files: ConfigFiles, options: Readonly<Record<string, string>> = {}): CompiledFilter {
  let resolved: ResolvedFilter;
  try {
    resolved = resolveFilter(name, files, options);
  } catch (error) {
    refuse(error, `filter ${name}`);
  }
  try {
    new FilterRun(resolved);
  } catch (error) {
    refuse(error, `filter ${name}${options.mode ? `[mode=${options.mode}]` : ''}`);
  }
  const warnings = [...resolved.failregex, ...resolved.ignoreregex, ...(resolved.prefregex ? [resolved.prefregex] : [])].flatMap((r) => {
    try {
      const risk = translate(r, (resolved.maxlines ?? 1) > 1).backtrackingRisk;
      return risk ? [risk] : [];
    } catch {
      return [];
    }
  });
  return {name, resolved, warnings};
}

/**
 * Compiles a filter given as text, with the files it includes (`common.conf`…)
 * given by name, as if they all sat in `filter.d/`.
 */
export function compileFilter(filterText: string, includes: Readonly<Record<string, string>>, options: Readonly<Record<string, string>> & {name?: string} = {}): CompiledFilter {
  const {name = 'filter', ...jailOptions} = options;
  const files: Record<string, string> = {};
  for (const [file, text] of Object.entries(includes)) files[file.includes('/') ? file : `filter.d/${file}`] = text;
  files[`filter.d/${name}.conf`] = filterText;
  return compileStockFilter(name, files, jailOptions);
}

export interface MatchOptions {
  /**
   * What fail2ban's MyTime.time() answers while the lines are read: a fixed time
   * (ms since the epoch, as `MyTime.setTime` fixes it) or a clock. Date.now by
   * default. It decides what a line without a date takes (the last date, if
   * less than 60 s before now) and the year or day a date leaves out.
   */
  now?: Now;
}

/** Runs a compiled filter over log lines, as fail2ban-regex does (comment and empty lines skipped, the rest in order). */
export function matchLines(filter: CompiledFilter, lines: readonly string[], options: MatchOptions = {}): LineResult[] {
  const run = new FilterRun(filter.resolved, undefined, options.now);
  return lines.map((raw) => {
    const line = raw.replace(/[\r\n]+$/, '');
    if (line === '' || line.startsWith('#')) return {line: raw, verdict: 'none'};
    let failures: Failure[];
    try {
      failures = run.processLine(line);
    } catch (error) {
      throw new UnsupportedFilterError(`line ${JSON.stringify(line.slice(0, 80))}: ${(error as Error).message}`);
    }
    const ignored = (run as unknown as {lineIgnored: boolean}).lineIgnored;
    if (!failures.length) return {line: raw, verdict: ignored ? 'ignored' : 'none'};
    const first = failures[0];
    return {
      line: raw,
      verdict: 'failure',
      address: first.id,
      regexLine: filter.resolved.failregexOrigin[first.regexIndex]?.line,
      time: first.time === undefined ? undefined : first.time * 1000,
      failures,
    };
  });
}

/** A jail's settings that decide a ban. */
export interface JailSettings {
  name: string;
  maxretry: number;
  /** Seconds. */
  findtime: number;
  /** Seconds (optional, for display). */
  bantime?: number;
}

/**
 * Who the jail would ban: an address with `maxretry` failures within
 * `findtime` seconds (lines without a time count as at the same moment).
 */
export function banVerdict(results: readonly LineResult[], jail: JailSettings): Array<{address: string; failures: number; banned: boolean; bannedAt?: number}> {
  const times = new Map<string, number[]>();
  for (const result of results) {
    for (const failure of result.failures ?? []) times.set(failure.id, [...(times.get(failure.id) ?? []), failure.time === undefined ? 0 : failure.time * 1000]);
  }
  return [...times].map(([address, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    const index = sorted.findIndex((start, i) => i + jail.maxretry - 1 < sorted.length && sorted[i + jail.maxretry - 1] - start <= jail.findtime * 1000);
    return {address, failures: list.length, banned: index >= 0, bannedAt: index >= 0 ? sorted[index + jail.maxretry - 1] : undefined};
  });
}

/** fail2ban's duration syntax to seconds (86400, 1d, 10m, 1h30m); 0 when it is not one. */
export function seconds(value: string): number {
  return fail2banSeconds(value) ?? 0;
}
