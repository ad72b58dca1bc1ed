import {readFileSync} from 'node:fs';
import path from 'node:path';
import type {Code, Root} from 'mdast';
import type {Position} from 'unist';
import {visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {isMap, isScalar, parseDocument} from 'yaml';
import {parseCodeMeta} from './code-meta.ts';
import {report} from './diagnostics.ts';
import {resolveInclude} from './includes.ts';
import {findPlaceholders, type Placeholder} from './placeholders.ts';
import {didYouMean} from './suggest.ts';
import {kindNamed, kindOfTarget, snippetKindNames, type SnippetKind} from '../snippet-kinds/index.ts';

export type {SnippetKind};

/** Where the first character of a snippet's text is: the page, or the included file. */
export interface Origin {
  path: string;
  line: number;
  column: number;
}

/** A config file the guide hands the reader: a code fence or include with a `target`. */
export interface Snippet {
  kind: SnippetKind;
  /** Where the file goes: `docker-compose.yml`, `/data/filter.d/mail-dovecot.conf`. */
  target: string;
  /** The text as the page shows it, placeholders unfilled, ending with a newline. */
  text: string;
  mode: string;
  owner: string;
  title?: string;
  /** The included file, for snippets written with `file=`. */
  includedFrom?: string;
  origin: Origin;
  /** The code fence in the page. */
  position?: Position;
  /** Placeholders used, in order of first use. */
  placeholders: string[];
}

export const defaultMode = '0644';
export const defaultOwner = 'root:root';

export interface SnippetOptions {
  /** The docs folder: includes stay inside it. */
  rootDir: string;
  placeholders: readonly Placeholder[];
}

/**
 * The snippets of a page: every code fence with `target=`. A fence or an
 * include without `target` is an example, not a config file, and is left alone.
 * Problems (unknown kind, undeclared placeholder, bad include) are reported on `file`.
 */
export function readSnippets(tree: Root, file: VFile, {rootDir, placeholders}: SnippetOptions): Snippet[] {
  const snippets: Snippet[] = [];
  const declared = placeholders.map((placeholder) => placeholder.name);
  visit(tree, 'code', (node: Code) => {
    const meta = parseCodeMeta(node.meta);
    const target = meta.attributes.get('target');
    if (!target) return;
    const place = node.position;
    const written = meta.attributes.get('kind');
    const kind = (written ?? kindOfTarget(target)) as SnippetKind | undefined;
    if (!kind || !snippetKindNames.includes(kind)) {
      report(file, {
        ruleId: 'snippet/unknown-kind',
        reason: written
          ? `Unknown snippet kind "${written}".${didYouMean(written, snippetKindNames)} Kinds: ${snippetKindNames.join(', ')}.`
          : `Cannot tell what "${target}" is from its path. Add kind=${snippetKindNames.join('|')} to the fence.`,
        place,
      });
      return;
    }
    const include = meta.attributes.get('file');
    let text = `${node.value}\n`;
    let origin: Origin = {path: file.path, line: (place?.start.line ?? 0) + 1, column: place?.start.column ?? 1};
    let includedFrom: string | undefined;
    if (include !== undefined) {
      const resolved = resolveInclude(file.path, include, rootDir);
      if (!resolved.ok) {
        report(file, {ruleId: resolved.ruleId, reason: resolved.reason, place});
        return;
      }
      text = readFileSync(resolved.path, 'utf8');
      includedFrom = resolved.path;
      origin = {path: resolved.path, line: 1, column: 1};
    }
    const used: string[] = [];
    for (const {name, offset} of findPlaceholders(text)) {
      if (!declared.includes(name)) {
        const before = text.slice(0, offset).split('\n');
        report(file, {
          ruleId: 'snippet/unknown-placeholder',
          reason: `Placeholder {${name}} is not declared.${didYouMean(name, declared)} Declare it in src/data/placeholders.yaml or fix the name.`,
          place: includedFrom ? place : {line: origin.line + before.length - 1, column: (before.length === 1 ? origin.column : 1) + before.at(-1)!.length},
        });
      } else if (!used.includes(name)) {
        used.push(name);
      }
    }
    snippets.push({
      kind,
      target,
      text,
      mode: meta.attributes.get('mode') ?? defaultMode,
      owner: meta.attributes.get('owner') ?? defaultOwner,
      title: meta.attributes.get('title'),
      includedFrom,
      origin,
      position: place,
      placeholders: used,
    });
  });
  return snippets;
}

/** The name fail2ban knows a filter by: `/data/filter.d/mail-dovecot.conf` → `mail-dovecot`. */
export function filterName(target: string): string {
  return path.basename(target).replace(/\.(conf|local)$/, '');
}

/**
 * The name a snippet is downloaded under: a compose fragment after its
 * services (`docker-compose.mail.yml`), any other file after its target.
 */
export function snippetFileName(snippet: Snippet): string {
  const base = path.posix.basename(snippet.target);
  if (!kindNamed(snippet.kind).fragment) return base;
  const top = parseDocument(snippet.text).contents;
  const services = isMap(top) ? top.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : '')) : [];
  return base.replace(/(\.ya?ml)$/, `.${services.join('+')}$1`);
}
