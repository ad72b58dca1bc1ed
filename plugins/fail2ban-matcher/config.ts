/**
 * fail2ban 1.0.2's reading of a filter, as client/configparserinc.py,
 * configreader.py and filterreader.py do it on top of Python's configparser:
 * `[INCLUDES]` before/after (recursively, with `.local` files), sections
 * merged with `KNOWN/<section>` kept, `%(name)s` / `%(section/name)s` /
 * `%(known/name)s` interpolation, `[Init]` options, the jail's options
 * (`mode`, `logtype`), then `<tag>` substitution (helpers.substituteRecursiveTags)
 * in fail2ban's order. Files come from a virtual directory (path → text),
 * so it runs in the browser too.
 */

export class FilterConfigError extends Error {}

type Section = Map<string, string>;

interface ParsedFile {
  defaults: Section;
  sections: Map<string, Section>;
  /** 1-based line of each value line of each option: `${section}\u0000${option}` → lines. */
  lines: Map<string, number[]>;
}

const isSpace = (c: string) => /\s/.test(c);

/** Python's configparser.read of one file (3.11, fail2ban's settings: inline comments `;`, strict). */
export function parseIni(text: string, fileName = 'filter'): ParsedFile {
  const defaults: Section = new Map();
  const sections = new Map<string, Section>();
  const values = new Map<Section, Map<string, string[] | null>>();
  const lines = new Map<string, number[]>();
  const added = new Set<string>();
  let cursect: Map<string, string[] | null> | null = null;
  let sectname = '';
  let optname: string | null = null;
  let indentLevel = 0;
  const sectionValues = (section: Section) => {
    let v = values.get(section);
    if (!v) values.set(section, (v = new Map()));
    return v;
  };
  const rows = text.split(/(?<=\n)/);
  rows.forEach((line, index) => {
    const lineno = index + 1;
    let commentStart = Infinity;
    for (let i = line.indexOf(';'); i >= 0; i = line.indexOf(';', i + 1)) {
      if (i === 0 || isSpace(line[i - 1])) {
        commentStart = i;
        break;
      }
    }
    const stripped = line.trim();
    if (stripped.startsWith('#') || stripped.startsWith(';')) commentStart = 0;
    const value = (commentStart === Infinity ? line : line.slice(0, commentStart)).trim();
    if (!value) {
      if (commentStart === Infinity && cursect && optname && cursect.get(optname)) cursect.get(optname)!.push('');
      return;
    }
    const firstNonSpace = line.search(/\S/);
    const curIndent = firstNonSpace < 0 ? 0 : firstNonSpace;
    if (cursect && optname && curIndent > indentLevel) {
      cursect.get(optname)!.push(value);
      lines.get(`${sectname}\u0000${optname}`)?.push(lineno);
      return;
    }
    indentLevel = curIndent;
    const header = /^\[(.+)\]/.exec(value);
    if (header) {
      sectname = header[1];
      if (sectname === 'DEFAULT') cursect = sectionValues(defaults);
      else {
        if (sections.has(sectname)) {
          if (added.has(sectname)) throw new FilterConfigError(`${fileName}:${lineno}: section [${sectname}] already exists`);
        } else sections.set(sectname, new Map());
        added.add(sectname);
        cursect = sectionValues(sections.get(sectname)!);
      }
      optname = null;
      return;
    }
    if (!cursect) throw new FilterConfigError(`${fileName}:${lineno}: file contains no section headers`);
    const option = /^(.*?)\s*([=:])\s*(.*)$/s.exec(value);
    if (!option || !option[1]) throw new FilterConfigError(`${fileName}:${lineno}: cannot parse ${JSON.stringify(line.trim())}`);
    optname = option[1].trimEnd().toLowerCase();
    if (added.has(`${sectname}\u0000${optname}`)) throw new FilterConfigError(`${fileName}:${lineno}: option ${optname} in section [${sectname}] already exists`);
    added.add(`${sectname}\u0000${optname}`);
    cursect.set(optname, [option[3].trim()]);
    lines.set(`${sectname}\u0000${optname}`, [lineno]);
  });
  for (const [section, opts] of values) for (const [key, list] of opts) section.set(key, (list ?? []).join('\n').trimEnd());
  return {defaults, sections, lines};
}

/** A virtual directory: paths relative to fail2ban's base dir (`filter.d/sshd.conf`) → text. */
export type ConfigFiles = Readonly<Record<string, string>>;

const dirname = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const join = (dir: string, name: string) => (name.startsWith('/') ? name : dir ? `${dir}/${name}` : name);
const withoutExt = (p: string) => p.replace(/\.[^./]*$/, '');

/** The merged configuration of a filter and its includes (SafeConfigParserWithIncludes). */
export class MergedConfig {
  defaults: Section = new Map();
  sections = new Map<string, Section>();
  /** Which file and lines each (section, option) value came from, last writer wins. */
  origin = new Map<string, {file: string; lines: number[]}>();
  readonly filesRead: string[] = [];

  constructor(readonly files: ConfigFiles) {}

  private parsed = new Map<string, ParsedFile | null>();
  parse(path: string): ParsedFile | null {
    if (!this.parsed.has(path)) this.parsed.set(path, this.files[path] === undefined ? null : parseIni(this.files[path], path));
    return this.parsed.get(path)!;
  }

  private expandLocal(names: string[]): string[] {
    const out: string[] = [];
    for (const name of names) {
      out.push(name);
      const local = `${withoutExt(name)}.local`;
      if (!names.includes(local) && this.files[local] !== undefined) out.push(local);
    }
    return out;
  }

  private includes(names: string[], seen: string[]): string[] {
    return this.expandLocal(names).flatMap((name) => this.includesOf(name, seen));
  }

  private includesOf(resource: string, seen: string[]): string[] {
    const parsed = this.parse(resource);
    if (!parsed) return [];
    const lists: Record<'before' | 'after', string[]> = {before: [], after: []};
    const section = parsed.sections.get('INCLUDES');
    if (section) {
      for (const key of ['before', 'after'] as const) {
        const value = section.get(key);
        if (value === undefined) continue;
        const single = new MergedConfig(this.files);
        single.defaults = parsed.defaults;
        single.sections = parsed.sections;
        for (const name of single.get('INCLUDES', key).split('\n')) {
          const path = join(dirname(resource), name);
          if (seen.includes(path)) continue;
          lists[key].push(...this.includes([path], [...seen, resource]));
        }
      }
    }
    return [...lists.before, resource, ...lists.after];
  }

  /** ConfigReaderUnshared.read + SafeConfigParserWithIncludes.read. */
  read(base: string): boolean {
    const candidates = [
      `${base}.conf`,
      ...Object.keys(this.files)
        .filter((p) => p.startsWith(`${base}.d/`) && p.endsWith('.conf'))
        .sort(),
      `${base}.local`,
      ...Object.keys(this.files)
        .filter((p) => p.startsWith(`${base}.d/`) && p.endsWith('.local'))
        .sort(),
    ].filter((p) => this.files[p] !== undefined);
    if (candidates.length === 0) return false;
    for (const path of this.includes(candidates, [])) {
      const parsed = this.parse(path);
      if (!parsed) continue;
      this.filesRead.push(path);
      for (const [k, v] of parsed.defaults) this.defaults.set(k, v);
      for (const [rawName, section] of parsed.sections) {
        let name = rawName;
        let s = section;
        const cond = /^(\w+)(\?.+)$/.exec(rawName);
        if (cond) {
          name = cond[1];
          s = new Map([...section].map(([k, v]) => [k + cond[2], v]));
        }
        for (const [k] of s) {
          const lines = parsed.lines.get(`${rawName}\u0000${k}`);
          if (lines) this.origin.set(`${name}\u0000${k}`, {file: path, lines});
        }
        const existing = this.sections.get(name);
        if (existing) {
          const knownName = `KNOWN/${name}`;
          const known = this.sections.get(knownName) ?? new Map<string, string>();
          for (const [k, v] of existing) if (s.has(k)) known.set(k, v);
          this.sections.set(knownName, known);
          for (const [k, v] of s) existing.set(k, v);
        } else this.sections.set(name, new Map(s));
      }
    }
    return true;
  }

  has(section: string, option: string): boolean {
    return this.sections.get(section)?.has(option) ?? false;
  }

  /** ConfigParser.get with BasicInterpolationWithName. @throws NoOption (undefined) via FilterConfigError. */
  get(section: string, option: string, vars: Readonly<Record<string, string>> = {}, raw = false): string {
    const value = this.lookup(section, option.toLowerCase(), vars);
    if (value === undefined) throw new NoOptionError(section, option);
    if (raw) return value;
    const accum: string[] = [];
    this.interpolate(section, option, accum, value, this.map(section, vars), 1);
    return accum.join('');
  }

  private map(section: string, vars: Readonly<Record<string, string>>): Map<string, string> {
    const sectionMap = section === 'DEFAULT' ? new Map<string, string>() : this.sections.get(section);
    if (!sectionMap) throw new NoSectionError(section);
    const map = new Map(this.defaults);
    for (const [k, v] of sectionMap) map.set(k, v);
    for (const [k, v] of Object.entries(vars)) map.set(k.toLowerCase(), v);
    return map;
  }

  private lookup(section: string, option: string, vars: Readonly<Record<string, string>>): string | undefined {
    const lowerVars = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k.toLowerCase(), v]));
    if (option in lowerVars) return lowerVars[option];
    if (section !== 'DEFAULT') {
      const s = this.sections.get(section);
      if (!s) throw new NoSectionError(section);
      if (s.has(option)) return s.get(option);
    }
    return this.defaults.get(option);
  }

  private mapSectionOptions(section: string, rest: string, map: Map<string, string>): void {
    if (!rest.includes('/') || !rest.includes('%(')) return;
    for (const m of rest.matchAll(/%\(([\w-]+\/([^)]+))\)s/g)) {
      const [, sopt, opt] = m;
      if (map.has(sopt)) continue;
      const sec = sopt.slice(0, sopt.length - opt.length - 1);
      const lower = sec.toLowerCase();
      let v: string | undefined;
      let useDefault = false;
      if (lower !== 'default') {
        if (lower === 'known') {
          v = this.sections.get(`KNOWN/${section}`)?.get(opt);
          if (v === undefined) useDefault = true;
        } else {
          const s = this.sections.get(sec);
          if (!s) continue;
          v = s.get(opt);
          if (v === undefined) useDefault = true;
        }
      } else useDefault = true;
      if (useDefault) {
        v = this.defaults.get(opt);
        if (v === undefined) continue;
      }
      map.set(sopt, v!);
    }
  }

  private interpolate(section: string, option: string, accum: string[], rest: string, outer: Map<string, string>, depth: number): void {
    const map = new Map(outer);
    map.set('__name__', section);
    this.mapSectionOptions(section, rest, map);
    if (depth > 10) throw new FilterConfigError(`recursion limit exceeded in the value of ${option} in [${section}]`);
    while (rest) {
      const p = rest.indexOf('%');
      if (p < 0) {
        accum.push(rest);
        return;
      }
      if (p > 0) {
        accum.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest[1];
      if (c === '%') {
        accum.push('%');
        rest = rest.slice(2);
      } else if (c === '(') {
        const m = /^%\(([^)]+)\)s/.exec(rest);
        if (!m) throw new FilterConfigError(`bad interpolation variable reference ${JSON.stringify(rest)} in ${option} of [${section}]`);
        const name = m[1].toLowerCase();
        rest = rest.slice(m[0].length);
        const v = map.get(name);
        if (v === undefined)
          throw new FilterConfigError(`Bad value substitution: option ${JSON.stringify(option)} in section [${section}] refers to %(${m[1]})s, which is not defined`);
        if (v.includes('%')) this.interpolate(section, option, accum, v, map, depth + 1);
        else accum.push(v);
      } else throw new FilterConfigError(`'%' must be followed by '%' or '(' in ${option} of [${section}], found: ${JSON.stringify(rest)}`);
    }
  }

  /** get_ex: `section/option` and `known/option` names. */
  getEx(section: string, option: string, vars: Readonly<Record<string, string>> = {}): string {
    const sopt = option.includes('/') ? /^([\w-]+)\/([^\s>]+)$/.exec(option) : null;
    if (sopt) {
      const lower = sopt[1].toLowerCase();
      const secs = lower === 'known' ? [`KNOWN/${section}`, section] : [lower === 'default' ? 'DEFAULT' : sopt[1]];
      for (const sec of secs) {
        try {
          return this.get(sec, sopt[2]);
        } catch (error) {
          if (!(error instanceof NoOptionError || error instanceof NoSectionError)) throw error;
        }
      }
    }
    return this.get(section, option, vars);
  }
}

export class NoOptionError extends Error {
  constructor(section: string, option: string) {
    super(`No option ${JSON.stringify(option)} in section [${section}]`);
  }
}
export class NoSectionError extends Error {
  constructor(section: string) {
    super(`No section [${section}]`);
  }
}

/** What FilterReader.convert() gives fail2ban-regex. */
export interface ResolvedFilter {
  prefregex?: string;
  failregex: string[];
  ignoreregex: string[];
  maxlines?: number;
  datepattern?: string;
  usedns?: string;
  /** The file and line each failregex line was written on, when it can be told. */
  failregexOrigin: Array<{file: string; line: number} | undefined>;
  /** Every mode the filter defines (names X of its mdre-X / mdpr-X options), default first. */
  modes: string[];
  /** The options given (mode, logtype…), after fail2ban's defaults. */
  options: Record<string, string>;
}

const configOpts = ['usedns', 'prefregex', 'ignoreregex', 'failregex', 'maxlines', 'datepattern', 'journalmatch'];

/** helpers.substituteRecursiveTags. */
export function substituteRecursiveTags(input: Map<string, string | null>, ignore: Set<string>, addrepl?: (tag: string) => string | null): Map<string, string | null> {
  const tags = new Map(input);
  const done = new Set<string>();
  const repCounts = new Map<string, Map<string, number>>();
  const tagRe = /<([^ <>]+)>/g;
  const search = (value: string, from: number) => {
    tagRe.lastIndex = from;
    return tagRe.exec(value);
  };
  for (;;) {
    let repFlag = false;
    for (const tag of [...input.keys()]) {
      if (ignore.has(tag) || done.has(tag)) continue;
      const orgval = String(tags.get(tag) ?? 'None');
      let value = orgval;
      let m = search(value, 0);
      const rplc = repCounts.get(tag) ?? new Map<string, number>();
      while (m) {
        const rtag = m[1];
        if (ignore.has(rtag)) {
          m = search(value, m.index + m[0].length);
          continue;
        }
        if (rtag === tag || (rplc.get(rtag) ?? 1) > 25)
          throw new FilterConfigError(`properties contain self referencing definitions and cannot be resolved, fail tag: ${tag}, found: ${rtag}`);
        let repl = tags.get(rtag) ?? null;
        if (repl === null && addrepl) repl = addrepl(rtag);
        if (repl === null) {
          m = search(value, m.index + m[0].length);
          continue;
        }
        value = value.split(`<${rtag}>`).join(repl);
        rplc.set(rtag, (rplc.get(rtag) ?? 0) + 1);
        m = search(value, m.index);
      }
      if (orgval !== value) {
        if (search(value, 0)) {
          repCounts.set(tag, rplc);
          repFlag = true;
        }
        tags.set(tag, value);
      }
      if (!value.includes('<')) done.add(tag);
    }
    if (!repFlag) break;
  }
  return tags;
}

/**
 * Reads filter `name` (`filter.d/<name>.conf` and its includes) as
 * fail2ban-regex does with `<name>[mode=…]` and the `file` backend.
 */
export function resolveFilter(name: string, files: ConfigFiles, jailOptions: Readonly<Record<string, string>> = {}): ResolvedFilter {
  const cfg = new MergedConfig(files);
  if (!cfg.read(`filter.d/${name}`)) throw new FilterConfigError(`Filter ${name} not found`);
  const initOpts: Record<string, string> = {...jailOptions};
  // FilterReader.applyAutoOptions('auto'): logtype = file unless given
  if (!initOpts.logtype && !cfg.has('Definition', 'logtype')) initOpts.logtype = 'file';
  const pOpts = {...initOpts};
  const opts = new Map<string, string | null>();
  for (const opt of configOpts) {
    if (opt in pOpts) continue;
    try {
      opts.set(opt, cfg.get('Definition', opt, pOpts));
    } catch (error) {
      if (error instanceof NoSectionError) throw new FilterConfigError(`Filter ${name} has no [Definition] section`);
      if (error instanceof NoOptionError) opts.set(opt, null);
      else throw error;
    }
  }
  const init = cfg.sections.get('Init');
  if (init) {
    for (const opt of init.keys()) {
      const v = cfg.get('Init', opt);
      if (!opt.startsWith('known/')) initOpts[`known/${opt}`] = v;
      if (!(opt in initOpts)) initOpts[opt] = v;
    }
  }
  const combined = new Map(opts);
  for (const [k, v] of Object.entries(initOpts)) combined.set(k, v);
  const ignore = new Set<string>();
  for (const n of combined.keys()) {
    const cond = /^(\w+)(\?.+)$/.exec(n);
    if (cond) ignore.add(cond[1]);
  }
  const cache = new Map<string, string | null>();
  const combOption = (tag: string) => {
    if (!cache.has(tag)) {
      let v: string | null;
      try {
        v = cfg.getEx('Definition', tag, pOpts);
      } catch (error) {
        if (error instanceof NoOptionError || error instanceof NoSectionError) v = null;
        else throw error;
      }
      cache.set(tag, v);
    }
    return cache.get(tag)!;
  };
  const resolved = substituteRecursiveTags(combined, ignore, combOption);
  const split = (v: string | null | undefined) => (v == null ? [] : v.split('\n').filter((line) => line !== ''));
  const failregex = split(resolved.get('failregex'));
  const maxlinesText = resolved.get('maxlines');
  let maxlines: number | undefined;
  if (maxlinesText != null) {
    if (!/^\s*[+-]?\d+\s*$/.test(maxlinesText)) throw new FilterConfigError(`Wrong int value ${JSON.stringify(maxlinesText)} for maxlines`);
    maxlines = Number(maxlinesText);
  }
  // Where each failregex line was written, when its lines map one to one.
  const origin = cfg.origin.get(`Definition\u0000failregex`);
  const rawLines = cfg.sections.get('Definition')?.get('failregex')?.split('\n') ?? [];
  const failregexOrigin = failregex.map((_, i) =>
    origin && rawLines.filter((l) => l !== '').length === failregex.length
      ? {file: origin.file, line: origin.lines[rawLines.findIndex((_l, j) => rawLines.slice(0, j + 1).filter((x) => x !== '').length === i + 1)] ?? origin.lines[0]}
      : origin
        ? {file: origin.file, line: origin.lines[0]}
        : undefined,
  );
  const definition = cfg.sections.get('Definition') ?? new Map();
  const modes = new Set<string>();
  const defaultMode = initOpts.mode ?? definition.get('mode') ?? cfg.defaults.get('mode');
  if (defaultMode !== undefined) modes.add(defaultMode);
  const usesMode = [...definition.values()].some((v) => v.includes('<mode>') || v.includes('%(mode)s'));
  if (usesMode)
    for (const key of definition.keys()) {
      const m = /^(?:mdre|mdpr)-(\w+)$/.exec(key);
      if (m) modes.add(m[1]);
    }
  return {
    prefregex: resolved.get('prefregex') ?? undefined,
    failregex,
    ignoreregex: split(resolved.get('ignoreregex')),
    maxlines,
    datepattern: resolved.get('datepattern') ?? undefined,
    usedns: resolved.get('usedns') ?? undefined,
    failregexOrigin,
    modes: [...modes],
    options: initOpts,
  };
}
