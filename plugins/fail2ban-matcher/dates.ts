/**
 * fail2ban 1.0.2's date detector (server/datedetector.py, datetemplate.py,
 * strptime.py), ported line by line: the default templates and their
 * line-anchored copies, `datepattern` (`{^LN-BEG}`, `{UNB}`, `{DATE}`,
 * `{NONE}`, EPOCH, TAI64N, strptime `%` fields), the adaptive search (last
 * template first, distance collisions, reordering by hits) and the time
 * itself. As in fail2ban-regex, years from 19xx up to the end of the century
 * are accepted. Browser-safe.
 */
import {PyRegexError, search, translate, type TranslatedRegex} from './pyregex.ts';

/**
 * The clock fail2ban's MyTime reads (ms since the epoch): "now" for the dates
 * a line leaves out (year, day) and for the last known date a dateless line
 * takes. Date.now unless given (as MyTime.setTime gives fail2ban a fixed now).
 */
export type Clock = () => number;

const LINE_BEGIN = 8;
const LINE_END = 4;
const WORD_BEGIN = 2;
const WORD_END = 1;

function yearCentRE(): string {
  const now = new Date().getFullYear();
  const alt = 2001; // fromtimestamp(min(alternateNowTime or 978393600, 978393600))
  const cent = (year: number) => String(year).slice(0, 3);
  const set = new Set([cent(now - 1), cent(now + 3)]);
  for (let i = -1; i < now - alt + 1; i += 3) set.add(cent(alt + i));
  const grp = (exprset: string[]): string => {
    let c: string | null = null;
    if (exprset.length > 1) {
      for (const i of exprset) {
        if (c === null || i.slice(0, -1) === c) c = i.slice(0, -1);
        else {
          c = null;
          break;
        }
      }
      if (!c) {
        for (const i of exprset) {
          if (c === null || i[0] === c) c = i[0];
          else {
            c = null;
            break;
          }
        }
      }
      if (c) return `${c}${grp(exprset.map((i) => i.slice(c!.length)))}`;
    }
    return exprset.length > 1 ? (exprset[0].length > 1 ? `(?:${exprset.join('|')})` : `[${exprset.join('')}]`) : exprset.join('');
  };
  return grp([...set].sort());
}

/** strptime.timeRE after fail2ban-regex's _updateTimeRE(). */
export const timeRE: Record<string, string> = {
  d: String.raw`(?P<d>[1-2]\d|[0 ]?[1-9]|3[0-1])`,
  f: String.raw`(?P<f>[0-9]{1,6})`,
  H: String.raw`(?P<H>[0-1]?\d|2[0-3])`,
  I: String.raw`(?P<I>1[0-2]|0[1-9]|[1-9])`,
  G: String.raw`(?P<G>\d\d\d\d)`,
  j: String.raw`(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])`,
  m: String.raw`(?P<m>0?[1-9]|1[0-2])`,
  M: String.raw`(?P<M>[0-5]?\d)`,
  S: String.raw`(?P<S>[0-5]?\d|6[0-1])`,
  U: String.raw`(?P<U>5[0-3]|[0-4]\d|\d)`,
  w: String.raw`(?P<w>[0-6])`,
  u: String.raw`(?P<u>[1-7])`,
  V: String.raw`(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)`,
  y: String.raw`(?P<y>\d\d)`,
  Y: String.raw`(?P<Y>\d{4})`,
  z: String.raw`(?P<z>Z|UTC|GMT|[+-][01]\d(?::?\d{2})?)`,
  A: '(?P<A>wednesday|thursday|saturday|tuesday|monday|friday|sunday)',
  a: '(?P<a>mon|tue|wed|thu|fri|sat|sun)',
  B: '(?P<B>september|february|november|december|january|october|august|march|april|june|july|may)',
  b: '(?P<b>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)',
  p: '(?P<p>am|pm)',
  Z: '(?P<Z>Z|[A-Z]{3,5})',
  '%': '%',
  W: String.raw`(?P<W>5[0-3]|[0-4]\d|\d)`,
  c: String.raw`(?P<a>mon|tue|wed|thu|fri|sat|sun)\s+(?P<b>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])\s+(?P<H>2[0-3]|[0-1]\d|\d):(?P<M>[0-5]\d|\d):(?P<S>6[0-1]|[0-5]\d|\d)\s+(?P<Y>\d\d\d\d)`,
  x: String.raw`(?P<m>1[0-2]|0[1-9]|[1-9])/(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])/(?P<y>\d\d)`,
  X: String.raw`(?P<H>2[0-3]|[0-1]\d|\d):(?P<M>[0-5]\d|\d):(?P<S>6[0-1]|[0-5]\d|\d)`,
  k: String.raw` ?(?P<H>[0-2]?\d)`,
  l: String.raw` ?(?P<I>1?\d)`,
  ExZ: '(?P<Z>[A-Z](?:[A-Z]{2,4})?)',
  Exz: String.raw`(?P<z>(?:[A-Z](?:[A-Z]{2,4})?)?[+-][01]\d(?::?\d{2})?|[A-Z](?:[A-Z]{2,4})?)`,
  Exd: String.raw`(?P<d>[1-2]\d|0[1-9]|3[0-1])`,
  Exm: '(?P<m>0[1-9]|1[0-2])',
  ExH: String.raw`(?P<H>[0-1]\d|2[0-3])`,
  Exk: String.raw` ?(?P<H>[0-1]?\d|2[0-3])`,
  Exl: String.raw` ?(?P<I>1[0-2]|\d)`,
  ExM: String.raw`(?P<M>[0-5]\d)`,
  ExS: String.raw`(?P<S>[0-5]\d|6[0-1])`,
  ExY: String.raw`(?P<Y>${yearCentRE()}\d)`,
  Exy: String.raw`(?P<y>\d{2})`,
};
const patternRE = /%(%|ExZ|Exz|Exd|Exm|ExH|Exk|Exl|ExM|ExS|ExY|Exy|[dfHIGjmMSUwuVyYzAaBbpZ%WcxXkl])/g;
const patternNames: Record<string, string> = {
  a: 'DAY',
  A: 'DAYNAME',
  b: 'MON',
  B: 'MONTH',
  d: 'Day',
  H: '24hour',
  I: '12hour',
  j: 'Yearday',
  m: 'Month',
  M: 'Minute',
  p: 'AMPM',
  S: 'Second',
  U: 'Yearweek',
  w: 'Weekday',
  W: 'Yearweek',
  y: 'Year2',
  Y: 'Year',
  '%': '%',
  z: 'Zone offset',
  f: 'Microseconds',
  Z: 'Zone name',
};
for (const key of Object.keys(timeRE)) {
  if (key in patternNames) continue;
  const base = key.startsWith('Ex') ? patternNames[key.slice(2)] : undefined;
  patternNames[key] = base ? `Ex${base}` : `%${key}`;
}

const RE_GROUPED = /(?<!(?:\(\?))(?<!\\)\((?!\?)/;
const RE_GROUP = /^((?:\(\?\w+\))?\^?(?:\(\?\w+\))?)(.*?)(\$?)$/;
const RE_GLOBALFLAGS = /((?:^|(?!<\\))\(\?[a-z]+\))/;
const RE_EXLINE_NO_BOUNDS = /^\{UNB\}/;
const RE_EXLINE_BOUND_BEG = /^\{\^LN-BEG\}/;
const RE_EXSANC_BOUND_BEG = /^\((?:\?:)?\^\|\\b\|\\W\)/;
const RE_EXEANC_BOUND_BEG = /\(\?=\\b\|\\W\|\$\)$/;
const RE_NO_WRD_BOUND_BEG = /^\(*(?:\(\?\w+\))?(?:\^|\(*\*\*|\((?:\?:)?\^)/;
const RE_NO_WRD_BOUND_END = /(?<!\\)(?:\$\)?|\\b|\\s|\*\*\)*)$/;
const RE_DEL_WRD_BOUNDS = /^\(*(?:\(\?\w+\))?\(*\*\*|(?<!\\)\*\*\)*$/g;
const RE_LINE_BOUND_BEG = /^(?:\(\?\w+\))?(?:\^|\((?:\?:)?\^(?!\|))/;
const RE_LINE_BOUND_END = /(?<![\\|])(?:\$\)?)$/;
const RE_ALPHA_PATTERN = /(?<!%)%[aAbBpc]/;
const RE_EPOCH_PATTERN = /(?<!\\)\{L?EPOCH\}/i;

type Kind = 'pattern' | 'epoch' | 'tai64n';

/** A date template (DateTemplate and its subclasses). */
const asciiOnly = /^[\x00-\x7f]*$/;

export class DateTemplate {
  name = '';
  weight = 1;
  flags = 0;
  hits = 0;
  regex = '';
  pattern?: string;
  kind: Kind = 'pattern';
  longFrm = false;
  grpIdx = 1;
  private compiled?: TranslatedRegex;

  setRegex(input: string, wordBegin: boolean | 'start' = true, wordEnd = true): void {
    let regex = input.trim();
    const gf = RE_GLOBALFLAGS.exec(regex);
    if (gf) regex = regex.replace(RE_GLOBALFLAGS, '');
    const boundBegin = wordBegin && !RE_NO_WRD_BOUND_BEG.test(regex);
    const boundEnd = wordEnd && !RE_NO_WRD_BOUND_END.test(regex);
    if (!RE_GROUPED.test(regex)) regex = regex.replace(RE_GROUP, '$1($2)$3');
    this.flags = 0;
    if (boundBegin) {
      this.flags |= wordBegin !== 'start' ? WORD_BEGIN : LINE_BEGIN;
      if (wordBegin !== 'start') regex = String.raw`(?=^|\b|\W)` + regex;
      else {
        regex = String.raw`^(?:\W{0,2})?` + regex;
        if (!this.name.startsWith('{^LN-BEG}')) this.name = `{^LN-BEG}${this.name}`;
      }
    }
    if (boundEnd) {
      this.flags |= WORD_END;
      regex += String.raw`(?=\b|\W|$)`;
    }
    if (!(this.flags & LINE_BEGIN) && RE_LINE_BOUND_BEG.test(regex)) this.flags |= LINE_BEGIN;
    if (!(this.flags & LINE_END) && RE_LINE_BOUND_END.test(regex)) this.flags |= LINE_END;
    regex = regex.replace(RE_DEL_WRD_BOUNDS, (m) => m.replaceAll('**', ''));
    if (gf) regex = gf[1] + regex;
    this.regex = regex;
    this.compiled = undefined;
  }

  /** The compiled regexes with the g flag, for a search from a position; and with the d flag too, for where the date starts. */
  private globals?: {ascii: RegExp; unicode: RegExp};
  private withIndices?: {ascii: RegExp; unicode: RegExp};

  matchDate(line: string, pos = 0): RegExpExecArray | null {
    if (!this.compiled) {
      // The conditionals of the epoch templates never constrain (each has an
      // empty alternative), so they are dropped.
      const source = this.regex.replace(String.raw`(?:(?(selinux)(?=:\d+\)))|(?(square)(?=\])))`, '').replace(String.raw`(?(square)(?=\]))`, '');
      this.compiled = translate(source);
    }
    let m: RegExpExecArray | null;
    if (pos === 0) m = search(this.compiled, line);
    else {
      this.globals ??= {
        ascii: new RegExp(this.compiled.ascii.source, `${this.compiled.ascii.flags}g`),
        unicode: new RegExp(this.compiled.unicode.source, `${this.compiled.unicode.flags}g`),
      };
      const global = asciiOnly.test(line) ? this.globals.ascii : this.globals.unicode;
      global.lastIndex = pos;
      m = global.exec(line);
    }
    // Where the date (group 1) starts: plain when its text occurs once in the match; else the
    // same search again with the d flag (slower), which says where each group is.
    if (m && (!m[1] || m[0].indexOf(m[1]) !== m[0].lastIndexOf(m[1]))) {
      this.withIndices ??= {
        ascii: new RegExp(this.compiled.ascii.source, `${this.compiled.ascii.flags}dg`),
        unicode: new RegExp(this.compiled.unicode.source, `${this.compiled.unicode.flags}dg`),
      };
      const indexed = asciiOnly.test(line) ? this.withIndices.ascii : this.withIndices.unicode;
      indexed.lastIndex = pos;
      m = indexed.exec(line);
    }
    if (m) this.hits += 1;
    return m;
  }

  /** The time (seconds) of a match, or undefined where fail2ban's strptime fails; `nowMs`: MyTime's now. */
  getDate(m: RegExpExecArray, defaultTz?: number, nowMs?: number): number | undefined {
    if (this.kind === 'epoch') {
      let v = Number(m[this.grpIdx]);
      const text = m[this.grpIdx];
      if (this.longFrm && text.length >= 13) v = text.length >= 16 && !text.includes('.') ? v / 1e6 : v / 1000;
      return v;
    }
    if (this.kind === 'tai64n') return parseInt(m[1].slice(2, 17), 16);
    return strptime(m.groups ?? {}, defaultTz, nowMs);
  }
}

function patternTemplate(pattern: string, wordBegin: boolean | 'start' = true, wordEnd = true): DateTemplate {
  const t = new DateTemplate();
  t.pattern = pattern;
  let p = pattern;
  if (RE_EXLINE_NO_BOUNDS.test(p)) {
    p = p.replace(RE_EXLINE_NO_BOUNDS, '');
    wordBegin = wordEnd = false;
  }
  if (wordBegin && RE_EXLINE_BOUND_BEG.test(p)) {
    p = p.replace(RE_EXLINE_BOUND_BEG, '');
    wordBegin = 'start';
  }
  const fmtParts: string[] = [];
  const nameParts: string[] = [];
  let last = 0;
  for (const m of p.matchAll(patternRE)) {
    fmtParts.push(p.slice(last, m.index), timeRE[m[1]]);
    nameParts.push(p.slice(last, m.index), patternNames[m[1]]);
    last = m.index + m[0].length;
  }
  fmtParts.push(p.slice(last));
  nameParts.push(p.slice(last));
  if (/%/.test(p.replace(patternRE, ''))) throw new PyRegexError(`Failed to set datepattern '${pattern}' (may be an invalid format or unescaped percent char)`);
  t.name = nameParts.join('');
  let regex = fmtParts.join('');
  if (RE_ALPHA_PATTERN.test(p)) regex = `(?iu)${regex}`;
  t.setRegex(regex, wordBegin, wordEnd);
  return t;
}

function epochTemplate(lineBeginOnly: boolean, pattern?: string, longFrm = false): DateTemplate {
  const t = new DateTemplate();
  t.kind = 'epoch';
  t.longFrm = longFrm;
  t.name = pattern ?? (longFrm ? 'LongEpoch' : 'Epoch');
  const epochRE = longFrm ? String.raw`\d{10,11}(?:\d{3}(?:\.\d{1,6}|\d{3})?)?` : String.raw`\d{10,11}\b(?:\.\d{3,6})?`;
  if (pattern) {
    t.pattern = pattern;
    t.grpIdx = 2;
    t.setRegex(`(${pattern.replace(new RegExp(RE_EPOCH_PATTERN.source, 'gi'), () => `(${epochRE})`)})`);
  } else if (!lineBeginOnly) {
    t.setRegex(String.raw`((?:^|(?P<square>(?<=^\[))|(?P<selinux>(?<=\baudit\()))${epochRE})(?:(?(selinux)(?=:\d+\)))|(?(square)(?=\])))`, false);
  } else {
    t.setRegex(String.raw`((?P<square>(?<=^\[))?${epochRE})(?(square)(?=\]))`, 'start', true);
  }
  return t;
}

function taiTemplate(wordBegin: boolean | 'start'): DateTemplate {
  const t = new DateTemplate();
  t.kind = 'tai64n';
  t.name = 'TAI64N';
  t.setRegex('@[0-9a-f]{24}', wordBegin);
  return t;
}

/** datedetector._getPatternTemplate (without the process-wide cache: a fresh detector, as a fresh fail2ban-regex). */
function getPatternTemplate(pattern: string, key?: string): DateTemplate {
  key ??= pattern.includes('%') ? pattern : pattern.toUpperCase();
  let template: DateTemplate | undefined;
  if (key.includes('EPOCH')) {
    if (RE_EPOCH_PATTERN.test(pattern)) template = epochTemplate(false, pattern, key.includes('LEPOCH'));
    else if (['EPOCH', '{^LN-BEG}EPOCH', '^EPOCH'].includes(key)) template = epochTemplate(key !== 'EPOCH');
    else if (['LEPOCH', '{^LN-BEG}LEPOCH', '^LEPOCH'].includes(key)) template = epochTemplate(key !== 'LEPOCH', undefined, true);
  }
  if (!template) {
    if (['TAI64N', '{^LN-BEG}TAI64N', '^TAI64N'].includes(key)) template = taiTemplate(key !== 'TAI64N' ? 'start' : false);
    else template = patternTemplate(pattern);
  }
  return template;
}

function unboundPattern(pattern: string): string {
  return pattern.replace(RE_EXLINE_NO_BOUNDS, '').replace(RE_EXLINE_BOUND_BEG, '').replace(RE_EXSANC_BOUND_BEG, '').replace(RE_EXEANC_BOUND_BEG, '');
}

function anchoredTemplate(template: DateTemplate, wrap: (s: string) => string = (s) => `{^LN-BEG}${s}`): DateTemplate {
  const name = wrap(template.name);
  if (template.pattern === undefined || template.kind !== 'pattern') return getPatternTemplate(name);
  return getPatternTemplate(wrap(template.pattern));
}

const DEFAULT_TEMPLATES = [
  String.raw`%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\s*%z)?`,
  String.raw`(?:%a )?%b %d %k:%M:%S(?:\.%f)?(?: %ExY)?`,
  String.raw`(?:%a )?%b %d %ExY %k:%M:%S(?:\.%f)?`,
  String.raw`%d(?P<_sep>[-/])%m(?P=_sep)(?:%ExY|%Exy) %k:%M:%S`,
  String.raw`%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\.%f)?(?: %z)?`,
  String.raw`%m/%d/%ExY:%H:%M:%S`,
  String.raw`%m-%d-%ExY %k:%M:%S(?:\.%f)?`,
  'EPOCH',
  String.raw`{^LN-BEG}%H:%M:%S`,
  String.raw`^<%m/%d/%Exy@%H:%M:%S>`,
  String.raw`%Exy%Exm%Exd  ?%H:%M:%S`,
  String.raw`%b %d, %ExY %I:%M:%S %p`,
  String.raw`^%b-%d-%Exy %k:%M:%S`,
  String.raw`%ExY%Exm%Exd(?:T|  ?)%ExH%ExM%ExS(?:[.,]%f)?(?:\s*%z)?`,
  String.raw`(?:%Z )?(?:%a )?%b %d %k:%M:%S(?:\.%f)?(?: %ExY)?`,
  String.raw`(?:%z )?(?:%a )?%b %d %k:%M:%S(?:\.%f)?(?: %ExY)?`,
  'TAI64N',
];

function defaultTemplates(): DateTemplate[] {
  return DEFAULT_TEMPLATES.map((p) => getPatternTemplate(p));
}

/** DateDetectorCache.templates: anchored copies (weight 100) first, then the defaults. */
function cachedDefaultTemplates(): DateTemplate[] {
  const anchored: DateTemplate[] = [];
  const plain: DateTemplate[] = [];
  for (const t of defaultTemplates()) {
    if (!t.name.startsWith('{^LN-BEG}') && !t.name.startsWith('^')) {
      const t2 = anchoredTemplate(t);
      if (t2.name !== t.name) {
        t2.weight = 100;
        anchored.push(t2);
      }
    }
    plain.push(t);
  }
  return [...anchored, ...plain];
}

interface Entry {
  template: DateTemplate;
  hits: number;
  lastUsed: number;
  distance: number;
}

function startOf(m: RegExpExecArray): number {
  return m.index;
}
function endOf(m: RegExpExecArray): number {
  return m.index + m[0].length;
}
function sliceAt(line: string, a: number, b: number): string {
  return line.slice(Math.max(0, a), Math.max(0, b));
}
const alnum = /^[\p{L}\p{N}]+$/u;
function isAlnum(s: string | undefined): boolean {
  return s !== undefined && alnum.test(s);
}

const weightOf = (e: Entry) => (e.hits * e.template.weight) / Math.max(1, e.distance);

/** DateDetector: finds the date of a line as fail2ban does, remembering what it found before. */
export class DateDetector {
  private templates: Entry[] = [];
  private names = new Set<string>();
  private lastPos: [number, string | undefined, string | undefined] = [1, undefined, undefined];
  private lastEndPos: [number, string | undefined, string | undefined] = [0x7fffffff, undefined, undefined];
  private lastTemplIdx = 0x7fffffff;
  private firstUnused = 0;
  defaultTz?: number;
  /** MyTime's clock (strptime's "now"). Template reordering keeps the real clock, as fail2ban's time.time() there. */
  clock: Clock = () => Date.now();

  private append(template: DateTemplate, ignoreDup = false): void {
    if (this.names.has(template.name)) {
      if (ignoreDup) return;
      throw new PyRegexError(`There is already a template with name ${template.name}`);
    }
    this.names.add(template.name);
    this.templates.push({template, hits: 0, lastUsed: 0, distance: 0x7fffffff});
  }

  appendTemplate(pattern: string): void {
    const key = pattern.includes('%') ? pattern : pattern.toUpperCase();
    if (key === '{^LN-BEG}' || key === '{DEFAULT}') {
      this.addDefaultTemplate(key === '{^LN-BEG}' ? (t) => (t.flags & LINE_BEGIN) !== 0 : undefined);
      return;
    }
    if (key.includes('{DATE}')) {
      this.addDefaultTemplate(undefined, pattern, false);
      return;
    }
    this.append(key === '{NONE}' ? getPatternTemplate('{UNB}^', key) : getPatternTemplate(pattern, key));
  }

  addDefaultTemplate(filter?: (t: DateTemplate) => boolean, preMatch?: string, allDefaults = true): void {
    const ignoreDup = this.templates.length > 0;
    for (let template of allDefaults ? cachedDefaultTemplates() : defaultTemplates()) {
      if (filter && !filter(template)) continue;
      if (preMatch !== undefined) template = anchoredTemplate(template, (s) => preMatch.replace(/(?<!\\)\{DATE\}/gi, () => unboundPattern(s)));
      this.append(template, ignoreDup);
    }
  }

  /** matchTime: the match (group 1 is the date) and its template. */
  matchTime(line: string): {match: RegExpExecArray; template: DateTemplate} | undefined {
    if (!this.templates.length) this.addDefaultTemplate();
    let match: RegExpExecArray | null = null;
    let found: [RegExpExecArray | null, number, number, number] = [null, 0x7fffffff, 0x7fffffff, -1];
    let ignoreBySearch = 0x7fffffff;
    let i = this.lastTemplIdx;
    let entry: Entry | undefined;
    let template: DateTemplate | undefined;
    if (i < this.templates.length) {
      entry = this.templates[i];
      template = entry.template;
      if (template.flags & (LINE_BEGIN | LINE_END)) {
        match = template.matchDate(line);
        ignoreBySearch = i;
      } else {
        const [distance] = this.lastPos;
        const [endpos] = this.lastEndPos;
        if (
          (sliceAt(line, distance - 1, distance) === this.lastPos[1] || (sliceAt(line, distance, distance + 1) === this.lastPos[2] && !isAlnum(this.lastPos[2]))) &&
          (sliceAt(line, endpos, endpos + 1) === this.lastEndPos[2] || (sliceAt(line, endpos - 1, endpos) === this.lastEndPos[1] && !isAlnum(this.lastEndPos[1])))
        ) {
          match = this.matchIn(template, line, distance, endpos);
        } else {
          match = template.matchDate(line);
          ignoreBySearch = i;
        }
      }
      if (match) {
        const distance = startOf(match);
        const endpos = endOf(match);
        if (!(this.templates.length === 1 || template.flags & (LINE_BEGIN | LINE_END) || (distance === this.lastPos[0] && endpos === this.lastEndPos[0]))) {
          found = [match, distance, endpos, i];
          match = null;
        }
      }
    }
    if (!match) {
      i = 0;
      for (const dd of this.templates) {
        if (i === ignoreBySearch) {
          i += 1;
          continue;
        }
        template = dd.template;
        entry = dd;
        match = template.matchDate(line);
        if (match) {
          const distance = startOf(match);
          if (i + 1 >= this.templates.length) break;
          if (template.flags & (LINE_BEGIN | LINE_END)) break;
          if (distance === 0 && dd.hits && !this.templates[i + 1].template.hits) break;
          if (distance > dd.distance || distance > this.lastPos[0]) {
            if (distance < found[1]) found = [match, distance, endOf(match), i];
            match = null;
            i += 1;
            continue;
          }
          break;
        }
        i += 1;
      }
      if (!match && found[0]) {
        match = found[0];
        i = found[3];
        entry = this.templates[i];
        template = entry.template;
      }
    }
    if (match && entry && template) {
      const distance = startOf(match);
      const endpos = endOf(match);
      entry.hits += 1;
      entry.lastUsed = Date.now() / 1000;
      entry.distance = distance;
      if (this.firstUnused === i) this.firstUnused += 1;
      this.lastPos = [distance, distance > 0 ? line[distance - 1] : '', line[distance]];
      this.lastEndPos = [endpos, endpos > 0 ? line[endpos - 1] : line[line.length - 1], line.slice(endpos, endpos + 1)];
      if (i && i !== this.lastTemplIdx) i = this.reorder(i);
      this.lastTemplIdx = i;
      return {match, template};
    }
    return undefined;
  }

  /** template.matchDate(line, pos, endpos): Python's search within [pos, endpos) ('^' only at 0, lookbehind sees before pos). */
  private matchIn(template: DateTemplate, line: string, pos: number, endpos: number): RegExpExecArray | null {
    return template.matchDate(line.slice(0, Math.min(endpos, line.length)), pos);
  }

  private reorder(num: number): number {
    const templates = this.templates;
    const dd = templates[num];
    const untime = dd.lastUsed - 300;
    const weight = weightOf(dd);
    let pos = this.firstUnused < num ? this.firstUnused : Math.floor(num / 2);
    const moveable = () => weight > weightOf(templates[pos]) || untime > templates[pos].lastUsed;
    if (!moveable()) {
      if (pos === num - 1) return num;
      pos = num - 1;
      if (!moveable()) return num;
    }
    templates.splice(num, 1);
    templates.splice(pos, 0, dd);
    while (this.firstUnused < templates.length && templates[this.firstUnused].hits) this.firstUnused += 1;
    return pos;
  }

  /** The last date converted: consecutive log lines often carry the same date text. */
  private lastTime?: {template: DateTemplate; text: string; time: number | undefined; at: number};

  getTime(found: {match: RegExpExecArray; template: DateTemplate}): number | undefined {
    const text = found.match[0];
    const last = this.lastTime;
    // Same template, same matched text: the same date (strptime only reads the match and "now";
    // "now" may move, so kept 1 s of the clock; a fixed clock never moves).
    const now = this.clock();
    if (last && last.template === found.template && last.text === text && now - last.at < 1000 && now >= last.at) return last.time;
    let time: number | undefined;
    try {
      time = found.template.getDate(found.match, this.defaultTz, now);
    } catch {
      time = undefined;
    }
    this.lastTime = {template: found.template, text, time, at: now};
    return time;
  }
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const fullMonths = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const TZ: Record<string, number> = {'': 0};
`-12 Y|-11 X NUT SST|-10 W CKT HAST HST TAHT TKT|-9 V AKST GAMT GIT HADT HNY|-8 U AKDT CIST HAY HNP PST PT|-7 T HAP HNR MST PDT|-6 S CST EAST GALT HAR HNC MDT|-5 R CDT COT EASST ECT EST ET HAC HNE PET|-4 Q AST BOT CLT COST EDT FKT GYT HAE HNA PYT|-3 P ADT ART BRT CLST FKST GFT HAA PMST PYST SRT UYT WGT|-2 O BRST FNT PMDT UYST WGST|-1 N AZOT CVT EGT|0 Z EGST GMT UTC WET WT|1 A CET DFT WAT WEDT WEST|2 B CAT CEDT CEST EET SAST WAST|3 C EAT EEDT EEST IDT MSK|4 D AMT AZT GET GST KUYT MSD MUT RET SAMT SCT|5 E AMST AQTT AZST HMT MAWT MVT PKT TFT TJT TMT UZT YEKT|6 F ALMT BIOT BTT IOT KGT NOVT OMST YEKST|7 G CXT DAVT HOVT ICT KRAT NOVST OMSST THA WIB|8 H ACT AWST BDT BNT CAST HKT IRKT KRAST MYT PHT SGT ULAT WITA WST|9 I AWDT IRKST JST KST PWT TLT WDT WIT YAKT|10 K AEST ChST PGT VLAT YAKST YAPT|11 L AEDT LHDT MAGT NCT PONT SBT VLAST VUT|12 M ANAST ANAT FJT GILT MAGST MHT NZST PETST PETT TVT WFT|13 FJST NZDT|11.5 NFT|10.5 ACDT LHST|9.5 ACST|6.5 CCT MMT|5.75 NPT|5.5 SLT|4.5 AFT IRDT|3.5 IRST|-2.5 HAT NDT|-3.5 HNT NST NT|-4.5 HLV VET|-9.5 MART MIT`
  .split('|')
  .forEach((row) => {
    const [offset, ...names] = row.split(' ');
    for (const n of names) TZ[n] = Math.trunc(Number(offset) * 60);
  });

function zoneOffset(z: string): number {
  const m = /^([A-Z][A-Za-z]{0,4})?([+-]\d{2}(?::?\d{2})?)?$/.exec(z.toUpperCase() === z ? z : z);
  if (!m) throw new Error(`unknown zone ${z}`);
  const base = TZ[m[1] ?? ''];
  if (base === undefined) throw new Error(`unknown zone ${z}`);
  const tzo = m[2];
  if (!tzo) return base;
  if (tzo.length <= 3) return base + Number(tzo) * 60;
  const sign = tzo[0] === '-' ? -1 : 1;
  return base + sign * (Number(tzo.slice(1, 3)) * 60 + Number(tzo[3] === ':' ? tzo.slice(4, 6) : tzo.slice(3, 5)));
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : monthDays[mo - 1]);
}

let nowCache: {ms: number; year: number; month: number; day: number; naive: number; getFullYear(): number; getMonth(): number; getDate(): number} | undefined;

/**
 * MyTime.now() as strptime reads it (local fields, and local wall-clock time as UTC-based ms): at `given`
 * (ms), or Date.now() taken again after 100 ms.
 */
function currentTime(given?: number): NonNullable<typeof nowCache> {
  const ms = given ?? Date.now();
  if (nowCache && (given !== undefined ? ms === nowCache.ms : ms - nowCache.ms < 100 && ms >= nowCache.ms)) return nowCache;
  const d = new Date(ms);
  const year = d.getFullYear();
  const month = d.getMonth();
  const day = d.getDate();
  const naive = Date.UTC(year, month, day, d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  nowCache = {ms, year, month, day, naive, getFullYear: () => year, getMonth: () => month, getDate: () => day};
  return nowCache;
}

/** strptime.reGroupDictStrptime; throws where Python's datetime would. `nowMs`: MyTime's now (Date.now()). */
export function strptime(found: Record<string, string | undefined>, defaultTz?: number, nowMs?: number): number {
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let tzoffset: number | undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const key in found) {
    const val = found[key];
    if (val === undefined) continue;
    if (key === 'y') year = Number(val) + 2000;
    else if (key === 'Y') year = Number(val);
    else if (key === 'm') month = Number(val);
    else if (key === 'B') month = fullMonths.indexOf(val.toLowerCase()) + 1;
    else if (key === 'b') month = months.indexOf(val.toLowerCase()) + 1;
    else if (key === 'd') day = Number(val);
    else if (key === 'H') hour = Number(val);
    else if (key === 'I') {
      hour = Number(val);
      const ampm = (found.p ?? '').toLowerCase();
      if (ampm === '' || ampm === 'am') {
        if (hour === 12) hour = 0;
      } else if (ampm === 'pm' && hour !== 12) hour += 12;
    } else if (key === 'M') minute = Number(val);
    else if (key === 'S') second = Number(val);
    else if (key === 'j' || key === 'U' || key === 'W') throw new PyRegexError(`the date field %${key} is not supported by the in-page matcher`);
    else if (key === 'z' || key === 'Z') tzoffset = ['Z', 'UTC', 'GMT'].includes(val) ? 0 : zoneOffset(val);
  }
  const now = currentTime(nowMs);
  let assumeYear = false;
  if (year === undefined) {
    year = now.getFullYear();
    assumeYear = true;
  }
  let assumeToday = false;
  if (month === undefined && day === undefined) {
    month = now.getMonth() + 1;
    day = now.getDate();
    assumeToday = true;
  }
  if (month === undefined || day === undefined || !validDate(year, month, day, hour, minute, second)) throw new Error('invalid date');
  if (tzoffset === undefined && defaultTz !== undefined) tzoffset = defaultTz;
  // naive datetime arithmetic in milliseconds: UTC-based fields, then interpreted.
  let naive = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year < 100) naive = new Date(naive).setUTCFullYear(year);
  if (tzoffset !== undefined) naive -= tzoffset * 60000;
  // fail2ban compares the date, moved to UTC when the line gives a zone, with MyTime.now(): local time, whatever the zone.
  const nowNaive = now.naive;
  if (assumeToday && naive > nowNaive) naive -= 86400000;
  if (assumeYear && naive > nowNaive + 86400000) {
    const d = new Date(naive);
    if (!validDate(year - 1, month, day, 0, 0, 0)) throw new Error('invalid date');
    d.setUTCFullYear(year - 1, month - 1, day);
    naive = d.getTime();
  }
  if (tzoffset !== undefined) return naive / 1000;
  return localTime(naive) / 1000;
}

/** Local hour starts already converted: the zone lookup is the slow part of a log line's date. */
const localHours = new Map<number, number>();

/** A naive (wall-clock, UTC-based) time in ms as local time: the hour's start converted once, minutes and seconds added. */
function localTime(naive: number): number {
  const rest = ((naive % 3600000) + 3600000) % 3600000;
  const hour = naive - rest;
  let start = localHours.get(hour);
  if (start === undefined) {
    const d = new Date(hour);
    start = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), 0, 0).getTime();
    if (d.getUTCFullYear() < 100) start = new Date(start).setFullYear(d.getUTCFullYear());
    if (localHours.size > 10000) localHours.clear();
    localHours.set(hour, start);
  }
  return start + (rest - (rest % 1000));
}

/** A detector set up as Filter.setDatePattern does (undefined: the default templates, added lazily). */
export function dateDetector(datepattern: string | undefined, clock?: Clock): DateDetector | null {
  const dd = new DateDetector();
  if (clock) dd.clock = clock;
  if (datepattern === undefined) return dd;
  const patterns = datepattern
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of patterns) dd.appendTemplate(p);
  return dd;
}
