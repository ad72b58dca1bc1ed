/**
 * fail2ban 1.0.2's Filter (server/filter.py, failregex.py) as fail2ban-regex
 * runs it (`checkAllRegex` off, pending failures ignored, no findtime check,
 * hostnames taken raw as with `--raw`): date cut, line buffer of `maxlines`,
 * prefregex and its groups merged into the failure, failregex, ignoreregex,
 * `<SKIPLINES>`, multi-line failure ids (`<F-MLFID>`, `<F-NOFAIL>`,
 * `<F-MLFFORGET>`, `<F-MLFGAINED>`). Browser-safe.
 */
import type {ResolvedFilter} from './config.ts';
import {dateDetector, type Clock, type DateDetector} from './dates.ts';
import {PyRegexError, search, translate, type TranslatedRegex} from './pyregex.ts';

const IP_4_RE = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
const IP_6_RE = String.raw`(?:[0-9a-fA-F]{1,4}::?|::){1,7}(?:[0-9a-fA-F]{1,4}|(?<=:):)`;
const R_IP4 = String.raw`(?:::f{4,6}:)?(?P<ip4>${IP_4_RE})`;
const R_IP6 = `(?P<ip6>${IP_6_RE})`;
const R_DNS = String.raw`(?P<dns>[\w\-.^_]*\w)`;
const R_CIDR = String.raw`(?P<cidr>\d+)`;
const R_ADDR = String.raw`\[?(?:${R_IP4}|${R_IP6})\]?`;
const R_HOST = `(?:${R_ADDR}|${R_DNS})`;
const R_SUBNET = String.raw`\[?(?:${R_IP4}|${R_IP6})(?:/${R_CIDR})?\]?`;
const RH4TAG: Record<string, string> = {
  IP4: R_IP4,
  'F-IP4/': R_IP4,
  IP6: R_IP6,
  'F-IP6/': R_IP6,
  ADDR: R_ADDR,
  'F-ADDR/': R_ADDR,
  CIDR: R_CIDR,
  'F-CIDR/': R_CIDR,
  SUBNET: R_SUBNET,
  'F-SUBNET/': R_SUBNET,
  DNS: R_DNS,
  'F-DNS/': R_DNS,
  'F-ID/': String.raw`(?P<fid>\S+)`,
  'F-PORT/': String.raw`(?P<fport>\w+)`,
};
const R_MAP: Record<string, string> = {id: 'fid', port: 'fport'};

/** Regex._resolveHostTag. */
export function resolveHostTag(regex: string, useDns = 'warn'): string {
  const open = new Set<string>();
  let nl = 0;
  return regex.replace(/<\/?[\w-]+\/?>/g, (tag) => {
    const tn = tag.slice(1, -1);
    if (tn === 'HOST') return useDns !== 'no' ? R_HOST : R_ADDR;
    if (tn === 'SKIPLINES') return String.raw`\n(?P<skiplines${nl++}>(?:(?:.*\n)*?))`;
    if (tn in RH4TAG) return RH4TAG[tn];
    const m = /^(\/?)F-([A-Z0-9_-]+)$/.exec(tn);
    if (!m) return tag;
    if (m[1]) return open.has(m[2]) ? ')' : tag;
    open.add(m[2]);
    const name = m[2].toLowerCase();
    return `(?P<${R_MAP[name] ?? name}>`;
  });
}

export type TupleLine = [string, string, string];
type Groups = Record<string, unknown>;

/** fail2ban's Regex: compiled, with the search state fail2ban keeps (matched / unmatched lines). */
export class Regex {
  readonly regex: string;
  readonly compiled: TranslatedRegex;
  private alt: Array<[string, string]> = [];
  private tuple: Array<[string, string]> = [];
  match: RegExpExecArray | null = null;
  matched: TupleLine[] = [];
  unmatched: TupleLine[] = [];

  constructor(
    source: string,
    multiline = false,
    useDns = 'warn',
    readonly origin?: {file: string; line: number},
  ) {
    let regex = resolveHostTag(source, useDns);
    if (regex.trimStart() === '') throw new PyRegexError('Cannot add empty regex');
    regex = regex.replace(/(?<!\\)\((?:\?:)?(\(\?[a-z]+)\)/g, '$1:');
    this.regex = regex;
    this.compiled = translate(regex, multiline);
    for (const k of this.compiled.names) {
      if (k.length <= 4) continue;
      const n = /^(alt_|tuple_)(.*?)(?:_\d+)?$/.exec(k);
      if (!n) continue;
      const target = R_MAP[n[2].toLowerCase()] ?? n[2].toLowerCase();
      (n[1] === 'alt_' ? this.alt : this.tuple).push([k, target]);
    }
    this.alt.sort();
    this.tuple.sort();
  }

  static buf(lines: TupleLine[]): string {
    return `${lines.map((l) => l[0] + l[2]).join('\n')}\n`;
  }

  search(buf: string, orgLines: TupleLine[]): boolean {
    this.match = search(this.compiled, buf);
    if (!this.match) return false;
    if (orgLines.length <= 1) {
      this.matched = orgLines;
      this.unmatched = [];
      return true;
    }
    const s = buf;
    const start = this.match.index;
    const end = start + this.match[0].length;
    const lineStart = s.lastIndexOf('\n', start) + 1; // rindex("\n", 0, start+1)
    const matchLineStart = s.slice(0, start + 1).lastIndexOf('\n') + 1;
    void lineStart;
    const endIdx = s.indexOf('\n', Math.max(0, end - 1));
    const matchLineEnd = endIdx < 0 ? s.length : endIdx + 1;
    const count = (to: number) => (s.slice(0, to).match(/\n/g) ?? []).length;
    const l1 = count(matchLineStart);
    const l2 = count(matchLineEnd);
    this.matched = orgLines.slice(l1, l2);
    this.unmatched = orgLines.slice(0, l1);
    let n = 0;
    for (const skipped of this.skippedLines()) {
      for (let m = 0; m < this.matched.length - n; m += 1) {
        const line = this.matched[n + m];
        if (line[0] + line[2] === skipped) {
          this.unmatched.push(this.matched.splice(n + m, 1)[0]);
          n += m;
          break;
        }
      }
    }
    this.unmatched.push(...orgLines.slice(l2));
    return true;
  }

  private skippedLines(): string[] {
    if (!this.match) return [];
    let text = '';
    for (let n = 0; this.compiled.names.includes(`skiplines${n}`); n += 1) text += this.match.groups?.[`skiplines${n}`] ?? '';
    // str.splitlines(False)
    return text === '' ? [] : text.replace(/(\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])$/, '').split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  }

  groups(): Groups {
    const fail: Groups = {};
    for (const name of this.compiled.names) fail[name] = this.match?.groups?.[name] ?? null;
    for (const [k, n] of this.alt) {
      const v = fail[k];
      if (v && !fail[n]) fail[n] = v;
    }
    for (const [k, n] of this.tuple) {
      const v = fail[k];
      const t = fail[n];
      fail[n] = Array.isArray(t) ? [...t, v] : [t ?? null, v];
    }
    return fail;
  }
}

// --- addresses as fail2ban's IPAddr prints them (inet_pton / inet_ntop) ---

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0') || Number(p) > 255) return undefined;
    out.push(Number(p));
  }
  return out;
}

function parseIPv6(s: string): number[] | undefined {
  let text = s;
  let tail: number[] = [];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = parseIPv4(v4[2]);
    if (!b) return undefined;
    tail = [(b[0] << 8) | b[1], (b[2] << 8) | b[3]];
    text = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
  }
  if (!/^[0-9a-fA-F:]*$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const words = (h: string) => (h === '' ? [] : h.split(':'));
  const head = words(halves[0]);
  const rest = halves.length === 2 ? words(halves[1]) : [];
  for (const w of [...head, ...rest]) if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
  const total = head.length + rest.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const fill = new Array(8 - total).fill(0);
  return [...head.map((w) => parseInt(w, 16)), ...(halves.length === 2 ? fill : []), ...rest.map((w) => parseInt(w, 16)), ...tail];
}

function ntop6(w: number[]): string {
  let best = {base: -1, len: 0};
  let cur = {base: -1, len: 0};
  for (let i = 0; i < 8; i += 1) {
    if (w[i] === 0) {
      if (cur.base === -1) cur = {base: i, len: 1};
      else cur.len += 1;
    } else if (cur.base !== -1) {
      if (best.base === -1 || cur.len > best.len) best = cur;
      cur = {base: -1, len: 0};
    }
  }
  if (cur.base !== -1 && (best.base === -1 || cur.len > best.len)) best = cur;
  if (best.base !== -1 && best.len < 2) best = {base: -1, len: 0};
  let out = '';
  for (let i = 0; i < 8; i += 1) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && w[5] === 0xffff))) {
      out += `${w[6] >> 8}.${w[6] & 255}.${w[7] >> 8}.${w[7] & 255}`;
      break;
    }
    out += w[i].toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

/** str(IPAddr(text, cidr)): family -4 = IPv4 only, -12 = IPv6 only, >=0 a prefix length. */
export function ipAddrString(text: string, cidr: number | 'v4' | 'v6'): string {
  const tryV4 = cidr !== 'v6';
  const tryV6 = cidr !== 'v4';
  const plen = typeof cidr === 'number' ? cidr : undefined;
  const v4 = tryV4 ? parseIPv4(text) : undefined;
  if (v4) {
    let addr = ((v4[0] << 24) >>> 0) + (v4[1] << 16) + (v4[2] << 8) + v4[3];
    let len = 32;
    if (plen !== undefined) {
      addr = plen === 0 ? 0 : (addr & ~(0xffffffff >>> plen)) >>> 0;
      len = plen;
    }
    return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}${len && len < 32 ? `/${len}` : ''}`;
  }
  const v6 = tryV6 ? parseIPv6(text) : undefined;
  if (v6) {
    let words = v6;
    let len = 128;
    if (plen !== undefined) {
      len = plen;
      words = words.map((w, i) => {
        const bits = Math.max(0, Math.min(16, plen - i * 16));
        return bits === 16 ? w : w & ((0xffff << (16 - bits)) & 0xffff);
      });
    } else if (words.slice(0, 5).every((x) => x === 0) && words[5] === 0xffff) {
      return `${words[6] >> 8}.${words[6] & 255}.${words[7] >> 8}.${words[7] & 255}`;
    }
    return `${ntop6(words)}${len && len < 128 ? `/${len}` : ''}`;
  }
  return text;
}

/** One failure fail2ban reports when processing a line. */
export interface Failure {
  /** The failure id fail2ban bans (an address, or what `<F-ID>` matched). */
  id: string;
  /** Index of the failregex that matched. */
  regexIndex: number;
  /** The log lines credited with the failure (all lines of a multi-line failure). */
  matches: string[];
  /** Time of the line (seconds), undefined if it has none. */
  time?: number;
  /** The address is a hostname: a jail with `usedns = yes|warn` resolves it by DNS. */
  hostname?: boolean;
}

/** What the per-line algorithm needs of a filter: a resolved filter, its origins optional. */
export type FilterDefinition = Omit<ResolvedFilter, 'failregexOrigin' | 'time' | 'hostname'> & Partial<Pick<ResolvedFilter, 'failregexOrigin'>>;

/** A log line as fail2ban's date detector cut it: [before the date, the date, after], and its time (seconds). */
export interface DatedLine {
  tupleLine: TupleLine;
  date?: number;
}

/** A clock (ms since the epoch) or a fixed "now" (ms): what fail2ban's MyTime.time() answers (MyTime.setTime). */
export type Now = number | Clock;

/** The clock a {@link Now} stands for (Date.now when none is given). */
export function clockOf(now: Now | undefined): Clock {
  if (now === undefined) return () => Date.now();
  if (typeof now === 'function') return now;
  if (!Number.isFinite(now)) throw new RangeError(`not a time: ${now}`);
  return () => now;
}

/**
 * The date part of Filter.processLine: finds and cuts the line's date, keeping
 * fail2ban's state (the detector's template order, the last date). Filters
 * with the same `datepattern` fed the same lines in the same order reach the
 * same state, so one dater may serve several of them (a page's jails).
 *
 * "Now" (MyTime.time()) decides what a line without a date takes: the last
 * date seen if it is less than 60 s before now (its date text credited with
 * the line, as fail2ban does), else none; and the year or day a date leaves
 * out. `now` fixes it (or gives a clock); Date.now by default.
 */
export class LineDater {
  private readonly dd: DateDetector | null;
  private readonly clock: Clock;
  lastDate?: number;
  private lastTimeText = '';

  constructor(datepattern: string | undefined, now?: Now) {
    this.clock = clockOf(now);
    this.dd = dateDetector(datepattern, this.clock);
  }

  date(line: string): DatedLine {
    let tupleLine: TupleLine;
    let date: number | undefined;
    const now = this.clock() / 1000;
    const found = this.dd?.matchTime(line);
    if (found) {
      const s = groupStart(found.match);
      const text = found.match[1] ?? '';
      const e = s + text.length;
      tupleLine = [line.slice(0, s), text, line.slice(e)];
      if (text) {
        date = this.dd!.getTime(found);
        if (date !== undefined) {
          this.lastTimeText = text;
          this.lastDate = date;
        }
      } else if (this.lastDate && this.lastDate > now - 60) {
        tupleLine = ['', this.lastTimeText, line];
        date = this.lastDate;
      } else date = now;
    } else tupleLine = ['', '', line];
    if (date === undefined && this.lastDate && this.lastDate > now - 60) {
      tupleLine = ['', this.lastTimeText, line];
      date = this.lastDate;
    }
    return {tupleLine, date};
  }
}

/** A compiled filter with fail2ban's per-log state (date detector, line buffer, multi-line ids). */
export class FilterRun {
  readonly prefRegex?: Regex;
  readonly failRegex: Regex[];
  readonly ignoreRegex: Regex[];
  readonly maxLines: number;
  /** The date detector this filter reads lines with (its own unless one is given). */
  readonly dater: LineDater;
  private lineBuffer: TupleLine[] = [];
  private mlfid = new Map<string, [number | undefined, Groups]>();
  lineIgnored = false;

  /** `now`: MyTime's clock for the filter's own dater (ignored when `dater` is given: the dater's clock counts). */
  constructor(
    readonly definition: FilterDefinition,
    dater?: LineDater,
    now?: Now,
  ) {
    const useDns =
      definition.usedns !== undefined && ['yes', 'warn', 'no', 'raw'].includes(definition.usedns.toLowerCase())
        ? definition.usedns.toLowerCase()
        : definition.usedns === undefined
          ? 'warn'
          : 'no';
    this.maxLines = definition.maxlines ?? 1;
    if (this.maxLines <= 0) throw new PyRegexError('maxlines must be integer greater than zero');
    const wrap = <T>(what: string, make: () => T): T => {
      try {
        return make();
      } catch (error) {
        throw new PyRegexError(`${what}: ${(error as Error).message}`);
      }
    };
    this.prefRegex = definition.prefregex ? wrap('prefregex', () => new Regex(definition.prefregex!, false, useDns)) : undefined;
    this.failRegex = definition.failregex.map((r, i) =>
      wrap(`failregex ${i + 1}${definition.failregexOrigin?.[i] ? ` (${definition.failregexOrigin[i]!.file}:${definition.failregexOrigin[i]!.line})` : ''}`, () => {
        const regex = new Regex(r, this.maxLines > 1, useDns, definition.failregexOrigin?.[i]);
        const ids = ['fid', 'ip4', 'ip6', 'dns', 'mlfid'];
        if (!ids.some((g) => regex.compiled.names.includes(g)) && !(this.prefRegex && ids.some((g) => this.prefRegex!.compiled.names.includes(g))))
          throw new PyRegexError(`No failure-id group in '${regex.regex}'`);
        return regex;
      }),
    );
    this.ignoreRegex = definition.ignoreregex.map((r, i) => wrap(`ignoreregex ${i + 1}`, () => new Regex(r, false, useDns)));
    this.dater = dater ?? wrap('datepattern', () => new LineDater(definition.datepattern, now));
  }

  /** Filter.processLine + fail2ban-regex's testRegex: the failures reported for this line. */
  processLine(line: string): Failure[] {
    return this.processDated(this.dater.date(line));
  }

  /** The same, for a line its dater has already dated (the dater's state must be this line's). */
  processDated({tupleLine, date}: DatedLine): Failure[] {
    this.lineIgnored = false;
    const failures = this.findFailure(tupleLine, date);
    if (failures.some((f) => f.nofail) || this.lineIgnored) return [];
    return failures.map(({nofail: _nofail, ...f}) => f);
  }

  private ignoreLine(buf: string, orgBuffer: TupleLine[], failRegex?: Regex): number | undefined {
    if (failRegex && this.maxLines > 1) {
      orgBuffer = failRegex.matched;
      buf = Regex.buf(orgBuffer);
    }
    for (let i = 0; i < this.ignoreRegex.length; i += 1) {
      if (this.ignoreRegex[i].search(buf, orgBuffer)) {
        this.lineIgnored = true;
        if (failRegex) this.lineBuffer = failRegex.unmatched;
        return i;
      }
    }
    return undefined;
  }

  private mergeFailure(mlfid: string, fail: Groups, failRegex: Regex): Groups {
    const cached = this.mlfid.get(mlfid);
    let users: Set<unknown> | undefined;
    let nfflgs = 0;
    if (fail.mlfgained) {
      nfflgs |= 8 | 1;
      if (!fail.nofail) fail.nofail = fail.mlfgained;
    } else if (fail.nofail) nfflgs |= 1;
    if (fail.mlfforget) nfflgs |= 2;
    delete fail.mlfforget;
    const updateUsers = (f: Groups, user: unknown) => {
      let u = f.users as Set<unknown> | undefined;
      if (user) {
        if (!u) f.users = u = new Set();
        u.add(user);
        return u;
      }
      return u;
    };
    if (cached) {
      const groups = cached[1];
      users = updateUsers(groups, fail.user);
      if (groups.nofail) nfflgs |= 4;
      delete groups.nofail;
      if (groups.mlfgained) nfflgs |= 4;
      delete groups.mlfgained;
      if (nfflgs & 8) delete groups.mlfpending;
      if ((nfflgs & 4) === 0 && !groups.mlfpending) delete groups.matches;
      for (const [k, v] of Object.entries(fail)) if (v !== null && v !== undefined) groups[k] = v;
      fail = groups;
      if (nfflgs & 2) this.mlfid.delete(mlfid);
    } else if (!(nfflgs & 2)) {
      users = updateUsers(fail, fail.user);
      if (this.mlfid.size >= 100) this.mlfid.delete(this.mlfid.keys().next().value!);
      this.mlfid.set(mlfid, [this.dater.lastDate, fail]);
    }
    const pending = fail.mlfpending;
    delete fail.mlfpending;
    if (pending || (users && users.size > 1)) {
      delete fail.nofail;
      delete fail.mlfgained;
      nfflgs &= ~(8 | 1);
    }
    if ((nfflgs & 1) === 0) {
      const m = [...((fail['nofail-matches'] as TupleLine[]) ?? [])];
      delete fail['nofail-matches'];
      m.push(...((fail.matches as TupleLine[]) ?? []));
      if ((nfflgs & 8) === 0) m.push(...failRegex.matched);
      fail.matches = m;
    } else if ((nfflgs & 3) === 1) {
      fail['nofail-matches'] = [...((fail['nofail-matches'] as TupleLine[]) ?? []), ...failRegex.matched];
    }
    return fail;
  }

  private findFailure(tupleLine: TupleLine, date: number | undefined): Array<Failure & {nofail?: boolean}> {
    const failList: Array<Failure & {nofail?: boolean}> = [];
    let orgBuffer: TupleLine[];
    if (this.maxLines > 1) {
      this.lineBuffer.push(tupleLine);
      orgBuffer = this.lineBuffer = this.lineBuffer.slice(-this.maxLines);
    } else orgBuffer = this.lineBuffer = [tupleLine];
    let buf: string | null = Regex.buf(orgBuffer);
    if (this.ignoreRegex.length && this.ignoreRegex.length < this.failRegex.length - 2) {
      if (this.ignoreLine(buf, orgBuffer) !== undefined) return failList;
    }
    let preGroups: Groups = {};
    if (this.prefRegex) {
      if (!this.prefRegex.search(buf, orgBuffer)) return failList;
      preGroups = this.prefRegex.groups();
      const repl = preGroups.content as string | null;
      delete preGroups.content;
      if (repl) {
        this.lineBuffer = [['', '', repl]];
        buf = null;
      }
    }
    for (let index = 0; index < this.failRegex.length; index += 1) {
      const failRegex = this.failRegex[index];
      if (buf === null) buf = Regex.buf(this.lineBuffer);
      if (!failRegex.search(buf, orgBuffer)) continue;
      let fail = failRegex.groups();
      if (this.ignoreRegex.length && this.ignoreLine(buf, orgBuffer, failRegex) !== undefined) break;
      this.lineBuffer = failRegex.unmatched;
      buf = null;
      if (Object.keys(preGroups).length) {
        const curr = fail;
        fail = {...preGroups};
        Object.assign(fail, curr);
      }
      const mlfid = (fail.mlfid as string | null | undefined) ?? null;
      if (mlfid !== null && mlfid !== undefined) {
        fail = this.mergeFailure(mlfid, fail, failRegex);
        if (fail.nofail) return failList;
      } else fail.matches = [...((fail.matches as TupleLine[]) ?? []), ...failRegex.matched];
      const fid = (fail.fid as string | null | undefined) ?? null;
      let ip: string | null = (fail.ip4 as string | null) ?? null;
      let address: string | undefined;
      let hostname = false;
      if (ip !== null) address = ipAddrString(ip, fail.cidr ? Number(fail.cidr) : 'v4');
      else {
        ip = (fail.ip6 as string | null) ?? null;
        if (ip !== null) address = ipAddrString(ip, fail.cidr ? Number(fail.cidr) : 'v6');
        else {
          ip = (fail.dns as string | null) ?? null;
          if (ip !== null) hostname = true;
          else {
            if (fid === null && mlfid === null) throw new PyRegexError(`No group found in '${buf}' using '${failRegex.regex}'`);
            ip = fid;
          }
          address = ip ?? undefined;
        }
      }
      if (ip === null) {
        fail.mlfpending = 1;
        return failList;
      }
      const id = fid === null || fid === ip ? address! : fid;
      failList.push({
        id,
        regexIndex: index,
        matches: (fail.matches as TupleLine[]).map((t) => t.join('')),
        time: date,
        hostname: hostname || undefined,
        nofail: Boolean(fail.nofail),
      });
      break;
    }
    return failList;
  }
}

/** Where group 1 (the date) starts in the line. */
function groupStart(match: RegExpExecArray): number {
  if (match.indices) return match.indices[1]?.[0] ?? match.index;
  // Without the 'd' flag: group 1 is the date, found after the anchors' prefix of the match.
  const whole = match[0];
  const date = match[1] ?? '';
  return match.index + Math.max(0, whole.indexOf(date));
}
