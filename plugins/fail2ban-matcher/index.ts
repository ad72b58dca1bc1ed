/**
 * fail2ban 1.0.2's filter matching, in JavaScript, for what the guide's
 * filters use: `[INCLUDES]` (with common.conf), `%(name)s` interpolation,
 * `<tag>` substitution of options (`<__prefix_line>`, `<lt_<logtype>/…>`),
 * the host tags (<HOST>, <ADDR>, <IP4>, <IP6>, <DNS>) and `<F-…>` groups,
 * date stripping of syslog and ISO timestamps at the start of a line,
 * multi-line failregex, prefregex, ignoreregex. Python regex syntax is
 * translated to JavaScript; constructs without a faithful translation are
 * refused with a message, never matched differently. Browser-safe.
 */
import {interpolate, parseConfig, type ConfigSection} from '../snippet-validators/fail2ban/config-file.ts';

/** A regex of the filter, compiled. */
export interface CompiledRegex {
  /** 1-based line of the regex in the filter. */
  line: number;
  source: string;
  regex: RegExp;
}

export interface CompiledFilter {
  failregex: CompiledRegex[];
  ignoreregex: CompiledRegex[];
  prefregex?: CompiledRegex;
}

/** What fail2ban makes of one log line. */
export interface LineResult {
  line: string;
  /** `failure`: a failregex matched; `ignored`: ignoreregex dropped it; `none`: no match. */
  verdict: 'failure' | 'ignored' | 'none';
  /** Line (in the filter) of the failregex that matched. */
  regexLine?: number;
  /** The address fail2ban takes. */
  address?: string;
  /** The line's time (ms), for findtime; syslog lines have no year and are read in 2021. */
  time?: number;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function timeOf(date: string): number | undefined {
  const iso = Date.parse(date.replace(' ', 'T').replace(/,/, '.'));
  if (!Number.isNaN(iso) && /^\d{4}-/.test(date)) return iso;
  const syslog = /(\w{3}) +(\d+) (\d+):(\d+):(\d+)/.exec(date);
  if (!syslog || !months.includes(syslog[1])) return undefined;
  return Date.UTC(2021, months.indexOf(syslog[1]), Number(syslog[2]), Number(syslog[3]), Number(syslog[4]), Number(syslog[5]));
}

export class UnsupportedFilterError extends Error {}

// fail2ban's host expressions (server/failregex.py, server/ipdns.py).
const ip4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
const ip6 = String.raw`(?:[0-9a-fA-F]{1,4}::?|::){1,7}(?:[0-9a-fA-F]{1,4}|(?<=:):)`;
const hostParts = {
  ip4: String.raw`(?:::f{4,6}:)?(?P<ip4>${ip4})`,
  ip6: String.raw`(?P<ip6>${ip6})`,
  dns: String.raw`(?P<dns>[\w\-.^_]*\w)`,
  cidr: String.raw`(?P<cidr>\d+)`,
};
const addr = String.raw`\[?(?:${hostParts.ip4}|${hostParts.ip6})\]?`;
const hostTags: Record<string, string> = {
  HOST: String.raw`(?:${addr}|${hostParts.dns})`,
  ADDR: addr,
  IP4: hostParts.ip4,
  IP6: hostParts.ip6,
  DNS: hostParts.dns,
  CIDR: hostParts.cidr,
  SUBNET: String.raw`\[?(?:${hostParts.ip4}|${hostParts.ip6})(?:/${hostParts.cidr})?\]?`,
};

/** Options as fail2ban resolves `<name>` tags in a filter: the filter's own, then DEFAULT, then common.conf's. */
function optionScope(definition: ConfigSection | undefined, sections: Array<Map<string, ConfigSection>>): {get(name: string): string | undefined} {
  return {
    get(name: string) {
      const [section, option] = name.includes('/') ? name.split('/', 2) : [undefined, name];
      for (const file of sections) {
        const candidates = section ? [file.get(section)] : [definition, file.get('Definition'), file.get('DEFAULT')];
        for (const candidate of candidates) {
          const value = candidate?.options.get(option)?.value;
          if (value !== undefined) return value;
        }
      }
      return undefined;
    },
  };
}

/** Replaces `<option>` tags by option values until none is left (helpers.substituteRecursiveTags). */
function substituteTags(value: string, scope: {get(name: string): string | undefined}): string {
  let result = value;
  for (let round = 0; round < 20; round += 1) {
    const next = result.replace(/<([^ <>]+)>/g, (tag, name: string) => {
      if (name in hostTags || /^\/?F-/.test(name) || name === 'SKIPLINES') return tag;
      return scope.get(name) ?? tag;
    });
    if (next === result) return result;
    result = next;
  }
  return result;
}

/** Host and `<F-NAME>` tags to groups (failregex.py _resolveHostTag). */
function resolveHostTags(regex: string): string {
  const open = new Set<string>();
  return regex.replace(/<\/?[\w-]+\/?>/g, (tag) => {
    const name = tag.slice(1, -1);
    if (name in hostTags) return hostTags[name];
    const custom = /^(\/?)F-([A-Z0-9_-]+)$/.exec(name);
    if (!custom) return tag;
    const [, closing, id] = custom;
    if (closing) return open.has(id) ? ')' : tag;
    open.add(id);
    const group = {ID: 'fid', PORT: 'port', MLFID: 'mlfid', MLFFORGET: 'mlfforget', NOFAIL: 'nofail', IP4: 'ip4', IP6: 'ip6', DNS: 'dns', ADDR: 'ip4', HOST: 'fid'}[id] ?? id.toLowerCase().replace(/-/g, '_');
    return `(?P<${group}>`;
  });
}

/**
 * Python's `re` syntax to JavaScript's, for the constructs fail2ban filters
 * use. Anything whose meaning would differ is refused.
 */
export function translateRegex(source: string): {pattern: string; flags: string} {
  let pattern = source;
  // Not 'u': like Python, it allows escaping any character (\<, \-); \w and \d stay ASCII, as in logs.
  let flags = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (inline) {
    for (const flag of inline[1]) {
      if (flag === 'i') flags += 'i';
      else if (flag === 's') flags += 's';
      else if (flag === 'm') flags += 'm';
      else throw new UnsupportedFilterError(`The inline flag (?${flag}) has no faithful JavaScript translation.`);
    }
    pattern = pattern.slice(inline[0].length);
  }
  const refusals: Array<[RegExp, string]> = [
    [/\(\?>/, 'atomic groups (?>…)'],
    [/(?<!\\)[*+?}][+]/, 'possessive quantifiers (*+, ++, ?+, {n}+)'],
    [/\(\?[aiLmsux-]+[:)]/, 'flags inside the pattern (only a leading (?i) is supported)'],
    [/\(\?\(/, 'conditional groups (?(…)…)'],
    [/\\[ZGNp]/, 'the escapes \\Z, \\G, \\N or \\p'],
    [/\(\?#/, 'comments (?#…)'],
  ];
  for (const [construct, name] of refusals) {
    if (construct.test(pattern)) throw new UnsupportedFilterError(`This filter uses ${name}, which the in-page matcher cannot translate faithfully; use fail2ban-regex.`);
  }
  pattern = pattern
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^');
  return {pattern, flags};
}

function compile(source: string, line: number): CompiledRegex {
  const {pattern, flags} = translateRegex(resolveHostTags(source));
  try {
    return {line, source, regex: new RegExp(pattern, flags)};
  } catch (error) {
    throw new UnsupportedFilterError(`The regex on line ${line} does not compile in JavaScript: ${(error as Error).message}`);
  }
}

/**
 * Compiles a filter as fail2ban would, with the included files' text
 * (`common.conf`) given by name.
 */
export function compileFilter(filterText: string, includes: Readonly<Record<string, string>>): CompiledFilter {
  const config = parseConfig(filterText);
  const included = ['before', 'after']
    .flatMap((key) => config.sections.get('INCLUDES')?.options.get(key)?.value.split(/\s+/).filter(Boolean) ?? [])
    .filter((name) => includes[name] !== undefined)
    .map((name) => parseConfig(includes[name]).sections);
  const definition = config.sections.get('Definition');
  if (!definition?.options.get('failregex')) throw new UnsupportedFilterError('The filter has no failregex.');
  const scope = optionScope(definition, [config.sections, ...included]);
  const interpolationScope = [definition, config.sections.get('DEFAULT'), ...included.flatMap((sections) => [sections.get('DEFAULT'), ...sections.values()])];
  const regexes = (name: string): CompiledRegex[] => {
    const option = definition.options.get(name);
    if (!option) return [];
    return option.value.split('\n').flatMap((raw, index) => {
      if (raw.trim() === '') return [];
      const {value} = interpolate(raw.trim(), interpolationScope);
      return [compile(substituteTags(value, scope), option.valueLines[index])];
    });
  };
  const prefregex = regexes('prefregex')[0];
  return {failregex: regexes('failregex'), ignoreregex: regexes('ignoreregex'), prefregex};
}

// Timestamps fail2ban finds at the start of a line ({^LN-BEG}), with its
// own day and time fields (server/strptime.py): syslog and ISO 8601.
const day = String.raw`(?:3[01]|[12]\d|0[1-9]|[1-9]| [1-9])`;
const time = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d:(?:[0-5]\d|6[01])`;
const leadingDate = [
  new RegExp(String.raw`^(?:\w{3} )?\w{3} ${day} ${time}(?:\.\d+)?(?: \d{4})?`),
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z| ?[+-]\d{2}:?\d{2})?/,
];

/** The address fail2ban records for a match (ip4, then ip6, then dns, then failure-id). */
function addressOf(groups: Record<string, string | undefined>): string | undefined {
  return groups.ip4 ?? groups.ip6 ?? groups.dns ?? groups.fid;
}

/** Runs a compiled filter over log lines, as fail2ban-regex does. */
export function matchLines(filter: CompiledFilter, lines: readonly string[]): LineResult[] {
  return lines.map((line) => {
    // fail2ban-regex matches a line without a timestamp as it is.
    const date = leadingDate.map((pattern) => pattern.exec(line)).find(Boolean);
    let content = date ? line.slice(date[0].length) : line;
    if (filter.prefregex) {
      const prefix = filter.prefregex.regex.exec(content);
      if (!prefix) return {line, verdict: 'none'};
      content = prefix.groups?.content ?? content;
    }
    for (const failregex of filter.failregex) {
      const match = failregex.regex.exec(content);
      if (!match) continue;
      if (filter.ignoreregex.some((ignore) => ignore.regex.test(content))) return {line, verdict: 'ignored'};
      return {line, verdict: 'failure', regexLine: failregex.line, address: addressOf(match.groups ?? {}), time: date ? timeOf(date[0]) : undefined};
    }
    return {line, verdict: 'none'};
  });
}

/** A jail's settings that decide a ban. */
export interface JailSettings {
  name: string;
  maxretry: number;
  /** Seconds. */
  findtime: number;
}

/**
 * Who the jail would ban: an address with `maxretry` failures within
 * `findtime` seconds (lines without a time count as at the same moment).
 */
export function banVerdict(results: readonly LineResult[], jail: JailSettings): Array<{address: string; failures: number; banned: boolean}> {
  const times = new Map<string, number[]>();
  for (const result of results) {
    if (result.verdict !== 'failure' || !result.address) continue;
    times.set(result.address, [...(times.get(result.address) ?? []), result.time ?? 0]);
  }
  return [...times].map(([address, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    const banned = sorted.some((start, index) => index + jail.maxretry - 1 < sorted.length && sorted[index + jail.maxretry - 1] - start <= jail.findtime * 1000);
    return {address, failures: list.length, banned};
  });
}

/** fail2ban's duration syntax to seconds (86400, 1d, 10m, 1h30m). */
export function seconds(value: string): number {
  if (/^-?\d+$/.test(value.trim())) return Number(value);
  const units: Record<string, number> = {s: 1, m: 60, h: 3600, d: 86400, w: 604800, mo: 2592000, y: 31536000};
  let total = 0;
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)\s*(mo|[smhdwy])/gi)) total += Number(match[1]) * units[match[2].toLowerCase()];
  return total;
}
