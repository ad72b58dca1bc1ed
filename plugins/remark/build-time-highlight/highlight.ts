import {createRequire} from 'node:module';
import path from 'node:path';
import {normalizeTokens, Prism} from 'prism-react-renderer';
import {placeholderPattern} from '../../guide-model/placeholder-text.ts';

/**
 * Code highlighting at build time, with the highlighter the Docusaurus theme
 * runs in the browser (prism-react-renderer's Prism and the site's
 * `additionalLanguages`), so the page ships static markup: the browser neither
 * downloads Prism nor tokenizes on hydration.
 */
// From the site (the config is loaded as CommonJS, where import.meta is not available).
const require = createRequire(path.join(process.cwd(), 'package.json'));
const loaded = new Set<string>();

/** Registers Prism grammars as Docusaurus's `prism-include-languages` does in the browser. */
export function loadLanguages(languages: readonly string[]): void {
  const missing = languages.filter((language) => !loaded.has(language));
  if (missing.length === 0) return;
  const global = globalThis as {Prism?: unknown};
  const before = global.Prism;
  global.Prism = Prism;
  try {
    for (const language of missing) {
      if (language === 'php') require('prismjs/components/prism-markup-templating.js');
      require(`prismjs/components/prism-${language}`);
      loaded.add(language);
    }
  } finally {
    if (before === undefined) delete global.Prism;
    else global.Prism = before;
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Piece {
  types: string[];
  text: string;
  placeholder?: string;
}

/**
 * A line's tokens with each `{NAME}` placeholder made one token of its own
 * (the class of the token it starts in, and `data-ph`), so the page can put
 * the reader's value in its place without highlighting again.
 */
function isolatePlaceholders(tokens: Piece[]): Piece[] {
  const text = tokens.map((token) => token.text).join('');
  const matches = [...text.matchAll(placeholderPattern)].map((match) => ({start: match.index, end: match.index + match[0].length, name: match[1]}));
  if (matches.length === 0) return tokens;
  const out: Piece[] = [];
  let offset = 0;
  for (const token of tokens) {
    let from = 0;
    while (from < token.text.length) {
      const at = offset + from;
      const match = matches.find((m) => m.start <= at && at < m.end);
      const next = match ? match.end : Math.min(...matches.filter((m) => m.start > at).map((m) => m.start), offset + token.text.length);
      const to = Math.min(next - offset, token.text.length);
      const piece = token.text.slice(from, to);
      const last = out.at(-1);
      if (match && last?.placeholder === match.name && match.start < at) last.text += piece;
      else out.push({types: token.types, text: piece, placeholder: match?.name});
      from = to;
    }
    offset += token.text.length;
  }
  return out;
}

/** `1,4-6` → [1, 4, 5, 6], as Docusaurus reads a `{…}` meta. */
function lineNumbers(ranges: string): number[] {
  return ranges.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return Number.isInteger(from) && Number.isInteger(to) && to >= from ? Array.from({length: to - from + 1}, (_, i) => from + i) : [];
  });
}

const magicComment = /highlight-next-line|highlight-start|highlight-end|this-line-is-highlighted/;

/**
 * The inner HTML of a code block's `<code>`, as Docusaurus's CodeBlock renders
 * it (`.token-line` per line, `theme-code-block-highlighted-line` for the
 * lines of a `{1,4-6}` meta), or undefined when the block needs the theme's
 * own client-side rendering (magic comments, line numbers, live code).
 */
export function highlightToHtml(code: string, language: string | undefined, meta: string | undefined): string | undefined {
  if (magicComment.test(code) || /showLineNumbers|\blive\b/.test(meta ?? '')) return undefined;
  const source = code.replace(/\r?\n$/, '');
  const grammar = language ? Prism.languages[language] : undefined;
  let lines;
  if (grammar) {
    const env = {code: source, grammar, language, tokens: [] as unknown[]};
    Prism.hooks.run('before-tokenize', env);
    env.tokens = Prism.tokenize(env.code, env.grammar);
    Prism.hooks.run('after-tokenize', env);
    lines = normalizeTokens(env.tokens as Parameters<typeof normalizeTokens>[0]);
  } else {
    lines = normalizeTokens([source]);
  }
  const rangeMatch = /\{([\d,-]+)\}/.exec(meta ?? '');
  const highlighted = new Set(rangeMatch ? lineNumbers(rangeMatch[1]).map((line) => line - 1) : []);
  return lines
    .map((line, index) => {
      const pieces = isolatePlaceholders(
        line.filter((token) => !(token.empty && token.content === '\n') && token.content !== '').map((token) => ({types: token.types, text: token.content})),
      );
      const spans = pieces
        .map((piece) => `<span class="token ${piece.types.join(' ')}"${piece.placeholder ? ` data-ph="${piece.placeholder}"` : ''}>${escapeHtml(piece.text)}</span>`)
        .join('');
      return `<div class="token-line${highlighted.has(index) ? ' theme-code-block-highlighted-line' : ''}">${spans}<br></div>`;
    })
    .join('');
}
