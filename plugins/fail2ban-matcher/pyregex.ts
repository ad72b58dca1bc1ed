/**
 * Python 3 `re` syntax to JavaScript, faithfully or not at all. fail2ban's
 * regexes run in Python, on `str` (Unicode: `\w`, `\d`, `\s`, `\b` are
 * Unicode-aware; `.` stops only at `\n`; `$` also matches before a final
 * `\n`). Each regex is parsed and emitted twice: an ASCII variant (plain
 * JavaScript flags, fast) that is exact on ASCII-only input, and a Unicode
 * variant (`v` flag, Python's Unicode classes) used for any other input.
 * Constructs whose meaning would differ are refused with a {@link PyRegexError}
 * naming the construct. Browser-safe.
 */

export class PyRegexError extends Error {}

type ClassItem = {t: 'range'; lo: number; hi: number} | {t: 'esc'; kind: string};
type Node =
  | {t: 'lit'; cp: number; ci: boolean}
  | {t: 'any'; dotall: boolean}
  | {t: 'class'; negated: boolean; items: ClassItem[]; ci: boolean}
  | {t: 'esc'; kind: string}
  | {t: 'assert'; kind: string}
  | {t: 'group'; kind: 'cap' | 'noncap' | 'la' | 'nla' | 'lb' | 'nlb'; name?: string; index?: number; body: Node[][]}
  | {t: 'backref'; index: number; ci: boolean}
  | {t: 'quant'; min: number; max: number; lazy: boolean; atom: Node}
  | {t: 'cond'; ref: number; body: Node[][]};

export interface TranslatedRegex {
  /** For ASCII-only input (exact there). */
  ascii: RegExp;
  /** For any input (Python's Unicode semantics). */
  unicode: RegExp;
  /** Named groups, in order. */
  names: string[];
  /** A statically detected risk of catastrophic backtracking, if any. */
  backtrackingRisk?: string;
  /** Copies of named groups made to do without a conditional group: copy → the group's name. */
  aliases?: Array<[string, string]>;
  /** Text every match contains, one per top-level alternative: a text with none of them cannot match. */
  required?: string[];
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  a: boolean;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

class Parser {
  pos = 0;
  groupCount = 0;
  names = new Map<string, number>();
  backrefs: Array<{index: number; path: Node[]}> = [];
  conditionals = 0;
  aliases: Array<[string, string]> = [];
  /** Copies of capturing groups (made to write out conditionals): copy's number → the group's. */
  copies = new Map<number, number>();
  constructor(
    readonly src: string,
    readonly flags: Flags,
  ) {}

  fail(message: string): never {
    throw new PyRegexError(`${message} (at offset ${this.pos} of the regex)`);
  }

  peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  parseAlt(flags: Flags, path: Node[]): Node[][] {
    const branches: Node[][] = [[]];
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === ')') break;
      if (c === '|') {
        this.pos += 1;
        branches.push([]);
        continue;
      }
      const atom = this.parseAtom(flags, path);
      if (atom === null) continue;
      branches[branches.length - 1].push(this.parseQuantifier(atom));
    }
    return branches;
  }

  parseQuantifier(atom: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos += 1;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m || (m[1] === '' && m[2] === undefined)) return atom; // a literal brace, as in Python
      this.pos += m[0].length;
      min = m[1] === '' ? 0 : Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) this.fail('min repeat greater than max repeat');
    } else return atom;
    if (atom.t === 'assert' || (atom.t === 'group' && atom.kind !== 'cap' && atom.kind !== 'noncap')) this.fail('a repeated assertion or lookaround');
    if (atom.t === 'quant') this.fail('multiple repeat');
    let lazy = false;
    if (this.peek() === '?') {
      lazy = true;
      this.pos += 1;
    } else if (this.peek() === '+') {
      throw new PyRegexError(`possessive quantifiers (${this.src.slice(this.pos - 1, this.pos + 1)}) have no JavaScript equivalent`);
    }
    return {t: 'quant', min, max, lazy, atom};
  }

  parseEscape(inClass: boolean): ClassItem | Node {
    const c = this.src[this.pos + 1];
    if (c === undefined) this.fail('bad escape (end of pattern)');
    this.pos += 2;
    if ('dDsSwW'.includes(c)) return {t: 'esc', kind: this.flags.a ? `a${c}` : c} as ClassItem;
    const simple: Record<string, number> = {n: 10, t: 9, r: 13, f: 12, v: 11, a: 7};
    if (c in simple) return {t: 'range', lo: simple[c], hi: simple[c]};
    if (c === 'x') {
      const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
      if (!m) this.fail('incomplete escape \\x');
      this.pos += 2;
      return {t: 'range', lo: parseInt(m[0], 16), hi: parseInt(m[0], 16)};
    }
    if (c === 'u' || c === 'U') {
      const n = c === 'u' ? 4 : 8;
      const m = new RegExp(`^[0-9a-fA-F]{${n}}`).exec(this.src.slice(this.pos));
      if (!m) this.fail(`incomplete escape \\${c}`);
      this.pos += n;
      return {t: 'range', lo: parseInt(m[0], 16), hi: parseInt(m[0], 16)};
    }
    if (c === '0' || (inClass && isDigit(c))) {
      const m = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))!;
      if (c !== '0' && !/^[0-7]/.test(c)) this.fail(`bad escape \\${c}`);
      this.pos += m[0].length;
      const value = parseInt(c + m[0], 8);
      return {t: 'range', lo: value, hi: value};
    }
    if (inClass && c === 'b') return {t: 'range', lo: 8, hi: 8};
    if (!inClass && isDigit(c)) {
      // octal escape (3 octal digits) or a group reference (1-2 digits)
      const three = this.src.slice(this.pos - 1, this.pos + 2);
      if (/^[0-7]{3}$/.test(three)) {
        this.pos += 2;
        const value = parseInt(three, 8);
        return {t: 'range', lo: value, hi: value};
      }
      let digits = c;
      if (isDigit(this.peek())) digits += this.src[this.pos++];
      const index = Number(digits);
      if (index > this.groupCount) this.fail(`invalid group reference ${index}`);
      return {t: 'backref', index, ci: false} as Node;
    }
    if (!inClass && 'bBAZ'.includes(c)) return {t: 'assert', kind: c} as Node;
    if (c === 'N') throw new PyRegexError('the escape \\N{…} has no faithful JavaScript translation');
    if (/[A-Za-z]/.test(c)) this.fail(`bad escape \\${c}`);
    const cp = this.src.codePointAt(this.pos - 1)!;
    if (cp > 0xffff) this.pos += 1;
    return {t: 'range', lo: cp, hi: cp};
  }

  parseClass(flags: Flags): Node {
    this.pos += 1; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos += 1;
    }
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated character set');
      if (c === ']' && !first) {
        this.pos += 1;
        break;
      }
      first = false;
      let item: ClassItem;
      if (c === '\\') {
        const escaped = this.parseEscape(true);
        if (escaped.t !== 'range' && escaped.t !== 'esc') this.fail('bad escape in a character set');
        item = escaped as ClassItem;
      } else {
        const cp = this.src.codePointAt(this.pos)!;
        this.pos += cp > 0xffff ? 2 : 1;
        item = {t: 'range', lo: cp, hi: cp};
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos += 1;
        let hi: ClassItem;
        if (this.peek() === '\\') hi = this.parseEscape(true) as ClassItem;
        else {
          const cp = this.src.codePointAt(this.pos)!;
          this.pos += cp > 0xffff ? 2 : 1;
          hi = {t: 'range', lo: cp, hi: cp};
        }
        if (item.t !== 'range' || hi.t !== 'range' || item.lo !== item.hi || hi.lo !== hi.hi) this.fail('bad character range');
        if (hi.lo < item.lo) this.fail('bad character range');
        item = {t: 'range', lo: item.lo, hi: hi.lo};
      }
      items.push(item);
    }
    return {t: 'class', negated, items, ci: flags.i};
  }

  parseAtom(flags: Flags, path: Node[]): Node | null {
    const c = this.peek()!;
    if (c === '(') return this.parseGroup(flags, path);
    if (c === '[') return this.parseClass(flags);
    if (c === '.') {
      this.pos += 1;
      return {t: 'any', dotall: flags.s};
    }
    if (c === '^' || c === '$') {
      this.pos += 1;
      return {t: 'assert', kind: flags.m ? `m${c}` : c};
    }
    if (c === '\\') {
      const escaped = this.parseEscape(false);
      if (escaped.t === 'range') return {t: 'lit', cp: escaped.lo, ci: flags.i};
      if (escaped.t === 'backref') {
        const node = {...escaped, ci: flags.i};
        this.backrefs.push({index: node.index, path: [...path]});
        return node;
      }
      return escaped as Node;
    }
    if (c === '*' || c === '+' || c === '?') this.fail('nothing to repeat');
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return {t: 'lit', cp, ci: flags.i};
  }

  parseGroup(flags: Flags, path: Node[]): Node | null {
    const rest = this.src.slice(this.pos);
    let node: Extract<Node, {t: 'group'}>;
    let inner = flags;
    let m: RegExpExecArray | null;
    if ((m = /^\(\?P<([A-Za-z_]\w*)>/.exec(rest)) || (m = /^\(\?<([A-Za-z_]\w*)>/.exec(rest))) {
      if (this.names.has(m[1])) this.fail(`redefinition of group name ${m[1]}`);
      this.groupCount += 1;
      this.names.set(m[1], this.groupCount);
      node = {t: 'group', kind: 'cap', name: m[1], index: this.groupCount, body: []};
      this.pos += m[0].length;
    } else if ((m = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest))) {
      this.pos += m[0].length;
      const index = this.names.get(m[1]);
      if (index === undefined) this.fail(`unknown group name ${m[1]}`);
      this.backrefs.push({index, path: [...path]});
      return {t: 'backref', index, ci: flags.i};
    } else if (rest.startsWith('(?:')) {
      node = {t: 'group', kind: 'noncap', body: []};
      this.pos += 3;
    } else if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
      node = {t: 'group', kind: rest[2] === '=' ? 'la' : 'nla', body: []};
      this.pos += 3;
    } else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      node = {t: 'group', kind: rest[3] === '=' ? 'lb' : 'nlb', body: []};
      this.pos += 4;
    } else if (rest.startsWith('(?#')) {
      const end = this.src.indexOf(')', this.pos);
      if (end < 0) this.fail('missing ), unterminated comment');
      this.pos = end + 1;
      return null;
    } else if ((m = /^\(\?([aiLmsux]*)(?:-([imsx]+))?(:|\))/.exec(rest))) {
      const on = m[1];
      const off = m[2] ?? '';
      if (/[Lux]/.test(on + off) && !/^u*$/.test(on + off)) throw new PyRegexError(`the flag group (?${on}${off ? `-${off}` : ''}…) has no faithful JavaScript translation`);
      if (m[3] === ')') {
        if (this.pos !== 0) this.fail('global flags not at the start of the expression');
        // Global flags were taken by translate(); nothing left here.
        this.pos += m[0].length;
        return null;
      }
      inner = {...flags};
      for (const f of on) if (f === 'i' || f === 's' || f === 'm' || f === 'a') inner[f] = true;
      for (const f of off) if (f === 'i' || f === 's' || f === 'm') inner[f] = false;
      node = {t: 'group', kind: 'noncap', body: []};
      this.pos += m[0].length;
    } else if (rest.startsWith('(?(')) {
      const c = /^\(\?\((\w+)\)/.exec(rest);
      if (!c) this.fail('bad character in group name');
      const ref = /^\d+$/.test(c[1]) ? Number(c[1]) : this.names.get(c[1]);
      if (ref === undefined || ref > this.groupCount) this.fail(`unknown group name ${c[1]}`);
      this.pos += c[0].length;
      const cond: Extract<Node, {t: 'cond'}> = {t: 'cond', ref, body: []};
      cond.body = this.parseAlt(flags, [...path, cond]);
      if (cond.body.length > 2) this.fail('conditional backref with more than two branches');
      if (this.peek() !== ')') this.fail('missing ), unterminated subpattern');
      this.pos += 1;
      this.conditionals += 1;
      return cond;
    } else if (rest.startsWith('(?>')) {
      throw new PyRegexError('atomic groups (?>…) have no JavaScript equivalent');
    } else if (rest.startsWith('(?')) {
      this.fail(`unknown extension ${rest.slice(0, 3)}`);
    } else {
      this.groupCount += 1;
      node = {t: 'group', kind: 'cap', index: this.groupCount, body: []};
      this.pos += 1;
    }
    node.body = this.parseAlt(inner, [...path, node]);
    if (this.peek() !== ')') this.fail('missing ), unterminated subpattern');
    this.pos += 1;
    return node;
  }
}

// Python's Unicode classes (sre: Py_UNICODE_ISALNUM, ISDECIMAL, ISSPACE).
const uWord = String.raw`\p{L}\p{N}_`;
const uSpace = String.raw`\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
const unicodeClass: Record<string, string> = {
  w: `[${uWord}]`,
  W: `[^${uWord}]`,
  d: String.raw`\p{Nd}`,
  D: String.raw`\P{Nd}`,
  s: `[${uSpace}]`,
  S: `[^${uSpace}]`,
};
// ASCII sets as ranges over [0, 0xFFFF] (exact on ASCII input).
const asciiRanges: Record<string, Array<[number, number]>> = {
  w: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122],
  ],
  d: [[48, 57]],
  s: [
    [9, 13],
    [28, 32],
  ],
};
function complement(ranges: Array<[number, number]>): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) result.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 0xffff) result.push([next, 0xffff]);
  return result;
}
function rangesOf(kind: string): Array<[number, number]> {
  const base = kind.replace(/^a/, '');
  const lower = base.toLowerCase();
  return base === lower ? asciiRanges[lower] : complement(asciiRanges[lower]);
}
// With the ASCII flag (?a) the Unicode variant uses the ASCII sets too.
for (const k of 'dDsSwW')
  unicodeClass[`a${k}`] = `[${rangesOf(k)
    .map(([lo, hi]) => `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`)
    .join('')}]`;

const hex4 = (cp: number) => `\\u${cp.toString(16).padStart(4, '0')}`;
const isAsciiAlnum = (cp: number) => (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);

function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const set = new Set([cp, ...[ch.toLowerCase(), ch.toUpperCase()].filter((s) => [...s].length === 1).map((s) => s.codePointAt(0)!)]);
  if (cp === 0x6b || cp === 0x4b) set.add(0x212a);
  if (cp === 0x73 || cp === 0x53) set.add(0x17f);
  return [...set];
}

class Emitter {
  constructor(
    readonly unicode: boolean,
    readonly globalI: boolean,
  ) {}

  lit(cp: number): string {
    if (this.unicode) return isAsciiAlnum(cp) ? String.fromCharCode(cp) : `\\u{${cp.toString(16)}}`;
    if (isAsciiAlnum(cp)) return String.fromCharCode(cp);
    if (cp <= 0xffff) return hex4(cp);
    const s = String.fromCodePoint(cp);
    return `(?:${hex4(s.charCodeAt(0))}${hex4(s.charCodeAt(1))})`;
  }

  classRange(lo: number, hi: number): string {
    if (this.unicode) return lo === hi ? `\\u{${lo.toString(16)}}` : `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`;
    if (lo > 0xffff) return '';
    const top = Math.min(hi, 0xffff);
    return lo === top ? hex4(lo) : `${hex4(lo)}-${hex4(top)}`;
  }

  classItems(items: ClassItem[], ci: boolean): string {
    let out = '';
    for (const item of items) {
      if (item.t === 'esc') {
        out += this.unicode
          ? unicodeClass[item.kind]
          : rangesOf(item.kind)
              .map(([lo, hi]) => this.classRange(lo, hi))
              .join('');
        continue;
      }
      out += this.classRange(item.lo, item.hi);
      if (ci && !this.globalI) {
        if (item.hi - item.lo > 2000) throw new PyRegexError('a large character range under a local (?i:…) flag has no faithful translation');
        for (let cp = item.lo; cp <= item.hi; cp += 1) for (const v of caseVariants(cp)) if (v !== cp) out += this.classRange(v, v);
      }
    }
    return out;
  }

  seq(nodes: Node[], multilineMode: boolean): string {
    return nodes.map((node) => this.node(node, multilineMode)).join('');
  }

  alt(branches: Node[][], multilineMode: boolean): string {
    return branches.map((b) => this.seq(b, multilineMode)).join('|');
  }

  node(node: Node, ml: boolean): string {
    switch (node.t) {
      case 'lit': {
        if (node.ci && !this.globalI) {
          const variants = caseVariants(node.cp).filter((v) => this.unicode || v <= 0xffff);
          if (variants.length > 1) return `[${variants.map((v) => this.classRange(v, v)).join('')}]`;
        }
        return this.lit(node.cp);
      }
      case 'any':
        return node.dotall ? '[\\s\\S]' : '[^\\n]';
      case 'class': {
        const body = this.classItems(node.items, node.ci);
        if (body === '') return node.negated ? '[\\s\\S]' : '[]';
        return `[${node.negated ? '^' : ''}${body}]`;
      }
      case 'esc':
        return this.unicode
          ? unicodeClass[node.kind]
          : `[${rangesOf(node.kind)
              .map(([lo, hi]) => this.classRange(lo, hi))
              .join('')}]`;
      case 'assert': {
        const w = this.unicode ? unicodeClass.w : '[0-9A-Z_a-z]';
        switch (node.kind) {
          case '^':
          case 'A':
            // The regexes never get JavaScript's m flag, so ^ is the start of the input, as Python's
            // ^ (without MULTILINE) and \A are; written as ^, V8 anchors the search there.
            return '^';
          case '$':
            return '(?=\\n?(?![\\s\\S]))';
          case 'Z':
            return '(?![\\s\\S])';
          case 'm^':
            return '(?<![^\\n])';
          case 'm$':
            return '(?![^\\n])';
          case 'b':
            return this.unicode ? `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))` : '\\b';
          case 'B':
            return this.unicode ? `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))` : '\\B';
        }
        throw new PyRegexError(`unknown assertion ${node.kind}`);
      }
      case 'backref':
        if (node.ci && !this.globalI) throw new PyRegexError('a back reference under a local (?i:…) flag has no faithful translation');
        return `(?:\\${node.index})`;
      case 'group': {
        const body = this.alt(node.body, ml);
        const open = {cap: node.name ? `(?<${node.name}>` : '(', noncap: '(?:', la: '(?=', nla: '(?!', lb: '(?<=', nlb: '(?<!'}[node.kind];
        return `${open}${body})`;
      }
      case 'cond':
        throw new PyRegexError('conditional groups (?(…)…|…) have no JavaScript equivalent here');
      case 'quant': {
        let atom = this.node(node.atom, ml);
        if (node.atom.t === 'lit' && atom.length > 1 && !atom.startsWith('[') && !atom.startsWith('(')) atom = `(?:${atom})`;
        const q =
          node.min === 0 && node.max === Infinity
            ? '*'
            : node.min === 1 && node.max === Infinity
              ? '+'
              : node.min === 0 && node.max === 1
                ? '?'
                : node.max === Infinity
                  ? `{${node.min},}`
                  : node.min === node.max
                    ? `{${node.min}}`
                    : `{${node.min},${node.max}}`;
        return `${atom}${q}${node.lazy ? '?' : ''}`;
      }
    }
  }
}

// --- conditional groups ------------------------------------------------------
//
// JavaScript has no (?(group)yes|no). A conditional whose group is decided by an
// earlier element of the same sequence (an optional group `(?P<g>…)?`, or a
// group whose alternatives hold g or not) is written out: the sequence from that
// element to the conditional becomes one alternative per way the element can
// match, in the order Python tries them, each with the conditional resolved —
// `X (?P<g>G)? Y (?(g)A|B) Z` is `X (?:(?P<g>G) Y A | Y B) Z`, which a
// backtracking engine explores in the same order. Groups copied into the later
// alternatives are renamed and read back under their own name. Anything else is
// refused.

const unsupportedConditional = (why: string) => new PyRegexError(`conditional groups (?(…)…|…): ${why}; no faithful JavaScript translation`);

function children(node: Node): Node[][] {
  if (node.t === 'group' || node.t === 'cond') return node.body;
  if (node.t === 'quant') return [[node.atom]];
  return [];
}

/** Python's group number of a (possibly copied) capturing group. */
function rootOf(parser: Parser, index: number): number {
  return parser.copies.get(index) ?? index;
}

function containsGroup(node: Node, ref: number, parser: Parser): boolean {
  if (node.t === 'group' && node.kind === 'cap' && rootOf(parser, node.index!) === rootOf(parser, ref)) return true;
  return children(node).some((branch) => branch.some((child) => containsGroup(child, ref, parser)));
}

function condRefs(node: Node, out: number[] = []): number[] {
  if (node.t === 'cond') out.push(node.ref);
  for (const branch of children(node)) for (const child of branch) condRefs(child, out);
  return out;
}

/** Whether every way through `node` captures group `ref` (a repeated group counts, an optional one not). */
function alwaysCaptures(node: Node, ref: number, parser: Parser): boolean {
  if (node.t === 'group' && node.kind === 'cap' && rootOf(parser, node.index!) === rootOf(parser, ref)) return true;
  if (node.t === 'quant') return node.min > 0 && alwaysCaptures(node.atom, ref, parser);
  if (node.t === 'group' && (node.kind === 'cap' || node.kind === 'noncap')) return node.body.every((branch) => branch.some((child) => alwaysCaptures(child, ref, parser)));
  return false;
}

type Way = {nodes: Node[]; captures: boolean};

/** The ways a sequence can match, in Python's order, each with whether it captured `ref`. */
function seqWays(seq: Node[], ref: number, parser: Parser): Way[] {
  const e = seq.findIndex((node) => containsGroup(node, ref, parser));
  if (e < 0) return [{nodes: seq, captures: false}];
  return waysOf(seq[e], ref, parser).map((way) => ({nodes: [...seq.slice(0, e), ...way.nodes, ...seq.slice(e + 1)], captures: way.captures}));
}

/** The ways `node` can match, in Python's order, each with whether it captured `ref`. */
function waysOf(node: Node, ref: number, parser: Parser): Way[] {
  if (alwaysCaptures(node, ref, parser)) return [{nodes: [node], captures: true}];
  if (!containsGroup(node, ref, parser)) return [{nodes: [node], captures: false}];
  if (node.t === 'quant' && node.min === 0 && node.max === 1) {
    const ways = [...waysOf(node.atom, ref, parser), {nodes: [], captures: false}];
    return node.lazy ? [ways.at(-1)!, ...ways.slice(0, -1)] : ways;
  }
  if (node.t === 'group' && (node.kind === 'cap' || node.kind === 'noncap')) {
    return node.body.flatMap((branch) => seqWays(branch, ref, parser).map((way) => ({nodes: [{...node, body: [way.nodes]}], captures: way.captures})));
  }
  throw unsupportedConditional(`group ${ref} is captured in a repetition or a lookaround`);
}

/** A copy of nodes with every capturing group renumbered (named ones renamed), conditionals following. */
function copyNodes(nodes: Node[], parser: Parser, copy: number): Node[] {
  const renumbered = new Map<number, number>();
  const clone = (node: Node): Node => {
    switch (node.t) {
      case 'group': {
        const out: Extract<Node, {t: 'group'}> = {...node, body: []};
        if (node.kind === 'cap') {
          parser.groupCount += 1;
          renumbered.set(node.index!, parser.groupCount);
          parser.copies.set(parser.groupCount, rootOf(parser, node.index!));
          out.index = parser.groupCount;
          if (node.name) {
            const original = parser.aliases.find(([alias]) => alias === node.name)?.[1] ?? node.name;
            out.name = `${original}__${copy}_${parser.groupCount}`;
            parser.aliases.push([out.name, original]);
          }
        }
        out.body = node.body.map((branch) => branch.map(clone));
        return out;
      }
      case 'quant':
        return {...node, atom: clone(node.atom)};
      case 'cond':
        return {...node, body: node.body.map((branch) => branch.map(clone))};
      case 'backref':
        throw unsupportedConditional('a back reference would have to be copied');
      default:
        return node;
    }
  };
  const out = nodes.map(clone);
  const remap = (node: Node): void => {
    if (node.t === 'cond' && renumbered.has(node.ref)) node.ref = renumbered.get(node.ref)!;
    for (const branch of children(node)) for (const child of branch) remap(child);
  };
  out.forEach(remap);
  return out;
}

/** `nodes` with the conditionals on `ref` resolved: what Python does when the group did (or did not) match. */
function resolveConditional(nodes: Node[], ref: number, captured: boolean, parser: Parser): Node[] {
  const resolve = (node: Node): Node => {
    if (node.t === 'cond' && rootOf(parser, node.ref) === rootOf(parser, ref))
      return {t: 'group', kind: 'noncap', body: [(captured ? node.body[0] : node.body[1]) ?? []].map((branch) => branch.map(resolve))};
    if (node.t === 'group' || node.t === 'cond') return {...node, body: node.body.map((branch) => branch.map(resolve))};
    if (node.t === 'quant') return {...node, atom: resolve(node.atom)};
    return node;
  };
  return nodes.map(resolve);
}

function withoutConditionalsSeq(seq: Node[], parser: Parser): Node[] {
  for (let k = 0; k < seq.length; k += 1) {
    for (const ref of condRefs(seq[k])) {
      const j = seq.findIndex((node, index) => index < k && containsGroup(node, ref, parser));
      if (j < 0) continue;
      const ways = waysOf(seq[j], ref, parser);
      const span = seq.slice(j + 1, k + 1);
      const branches = ways.map((way, i) => resolveConditional(i === 0 ? [...way.nodes, ...span] : copyNodes([...way.nodes, ...span], parser, i), ref, way.captures, parser));
      return withoutConditionalsSeq([...seq.slice(0, j), {t: 'group', kind: 'noncap', body: branches}, ...seq.slice(k + 1)], parser);
    }
  }
  return seq.map((node) => {
    if (node.t === 'group') return {...node, body: node.body.map((branch) => withoutConditionalsSeq(branch, parser))};
    if (node.t === 'quant') {
      const [atom] = withoutConditionalsSeq([node.atom], parser);
      return {...node, atom};
    }
    if (node.t === 'cond') throw unsupportedConditional(`group ${node.ref} is not decided by an earlier part of the same sequence`);
    return node;
  });
}

/**
 * The longest run of literal characters a match of `branch` must contain (case-sensitive
 * literals in sequence, through groups of one alternative that are not repeated or optional).
 */
function requiredLiteral(branch: Node[]): string {
  let best = '';
  let run = '';
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.t === 'lit' && !node.ci) run += String.fromCodePoint(node.cp);
      else if (node.t === 'group' && (node.kind === 'cap' || node.kind === 'noncap') && node.body.length === 1) walk(node.body[0]);
      else if (node.t === 'group' && node.kind !== 'cap' && node.kind !== 'noncap') {
        // A lookaround matches no text: the run goes on around it.
      } else if (node.t === 'assert') {
        // Neither do assertions.
      } else {
        if (run.length > best.length) best = run;
        run = '';
      }
    }
  };
  walk(branch);
  return run.length > best.length ? run : best;
}

/** Checks that the named groups read after a match have Python's values in JavaScript. */
function checkCaptures(branches: Node[][], referenced: Set<number>): void {
  // JavaScript clears the captures of a repeated group at each repetition; Python keeps
  // the last value. They differ when a capture is optional inside the repetition.
  const visit = (node: Node, repeated: boolean, optionalSinceRepeat: boolean) => {
    if (node.t === 'quant') {
      const rep = node.max > 1;
      visit(node.atom, repeated || rep, optionalSinceRepeat || (repeated && node.min === 0));
      return;
    }
    if (node.t !== 'group') return;
    if (node.kind === 'cap' && repeated && optionalSinceRepeat && (node.name !== undefined || referenced.has(node.index!))) {
      throw new PyRegexError(
        `the group ${node.name ? `<${node.name}>` : `#${node.index}`} is optional inside a repeated group: JavaScript forgets its value where Python keeps it`,
      );
    }
    const alternation = node.body.length > 1;
    for (const branch of node.body) for (const child of branch) visit(child, repeated, optionalSinceRepeat || (repeated && alternation));
  };
  for (const branch of branches) for (const node of branch) visit(node, false, false);
}

/** Nested unbounded repetition: the classic shape of catastrophic backtracking. */
function backtrackingRisk(branches: Node[][], source: string): string | undefined {
  let risk: string | undefined;
  const visit = (node: Node, outerUnbounded: boolean) => {
    if (risk) return;
    if (node.t === 'quant') {
      const unbounded = node.max === Infinity || node.max > 50;
      if (unbounded && outerUnbounded) risk = `nested unbounded repetition in ${source.slice(0, 80)}`;
      visit(node.atom, outerUnbounded || unbounded);
      return;
    }
    if (node.t === 'group') for (const b of node.body) for (const c of b) visit(c, outerUnbounded);
  };
  for (const b of branches) for (const n of b) visit(n, false);
  return risk;
}

/**
 * Translates a Python regex (as fail2ban compiles it: `multiline` adds re.MULTILINE).
 * @throws PyRegexError when JavaScript would read it differently.
 */
export function translate(source: string, multiline = false): TranslatedRegex {
  const flags: Flags = {i: false, s: false, m: multiline, a: false};
  const body = source;
  const global = /^\(\?([aiLmsux]+)\)/.exec(body);
  let offset = 0;
  if (global) {
    for (const f of global[1]) {
      if (f === 'i' || f === 's' || f === 'm' || f === 'a') flags[f] = true;
      else if (f !== 'u') throw new PyRegexError(`the flag (?${f}) has no faithful JavaScript translation`);
    }
    offset = global[0].length;
  }
  const parser = new Parser(body, flags);
  parser.pos = offset;
  let tree = parser.parseAlt(flags, []);
  if (parser.pos < body.length) throw new PyRegexError(`unbalanced parenthesis (at offset ${parser.pos} of the regex)`);
  if (parser.conditionals) {
    if (parser.backrefs.length) throw unsupportedConditional('the regex also has back references');
    tree = tree.map((branch) => withoutConditionalsSeq(branch, parser));
  }
  checkCaptures(tree, new Set(parser.backrefs.map((b) => b.index)));
  for (const {index, path} of parser.backrefs) {
    // A back reference to a group that may not have matched: Python fails, JavaScript matches empty.
    const groupPathOk = (() => {
      const seek = (nodes: Node[][], trail: Node[]): Node[] | undefined => {
        for (const b of nodes)
          for (const n of b) {
            if (n.t === 'group') {
              if (n.kind === 'cap' && n.index === index) return trail;
              const found = seek(n.body, [...trail, n]);
              if (found) return found;
            }
            if (n.t === 'quant') {
              const found = seek([[n.atom]], [...trail, n]);
              if (found) return found;
            }
          }
        return undefined;
      };
      const trail = seek(tree, []);
      if (!trail) return false;
      return trail.every((n) => path.includes(n) || (n.t === 'group' && n.body.length === 1) || (n.t === 'quant' && n.min > 0));
    })();
    if (!groupPathOk) throw new PyRegexError(`the back reference to group ${index} may refer to a group that did not match (JavaScript then matches empty, Python fails)`);
  }
  const ascii = new Emitter(false, flags.i).alt(tree, multiline);
  const unicode = new Emitter(true, flags.i).alt(tree, multiline);
  const names = [...parser.names.keys()];
  try {
    return {
      ...(parser.aliases.length ? {aliases: parser.aliases} : {}),
      ...(() => {
        const required = tree.map(requiredLiteral);
        return required.every((literal) => literal.length >= 3) ? {required} : {};
      })(),
      ascii: new RegExp(ascii, flags.i ? 'i' : ''),
      unicode: new RegExp(unicode, flags.i ? 'iv' : 'v'),
      names,
      backtrackingRisk: backtrackingRisk(tree, source),
    };
  } catch (error) {
    throw new PyRegexError(`the translated regex does not compile in JavaScript: ${(error as Error).message}`);
  }
}

const asciiOnly = /^[\x00-\x7f]*$/;

/** Python's `re.search`: the match's groups by name (undefined when not set), with start/end of the whole match. */
let lastText: string | undefined;
let lastAscii = true;

export function search(regex: TranslatedRegex, text: string): RegExpExecArray | null {
  // Text without any literal a match must contain: no match, without running the regex.
  const required = regex.required;
  if (required) {
    let found = false;
    for (let i = 0; i < required.length && !found; i += 1) found = text.includes(required[i]);
    if (!found) return null;
  }
  // The same buffer is searched by several regexes in a row: test it once.
  if (text !== lastText) {
    lastText = text;
    lastAscii = asciiOnly.test(text);
  }
  const re = lastAscii ? regex.ascii : regex.unicode;
  if (regex.aliases) {
    // Groups copied to write out a conditional: the copy that matched gives the group's value.
    const m = re.exec(text);
    if (m?.groups) for (const [alias, name] of regex.aliases) if (m.groups[name] === undefined && m.groups[alias] !== undefined) m.groups[name] = m.groups[alias];
    return m;
  }
  return re.exec(text);
}
