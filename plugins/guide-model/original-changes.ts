import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {structuredPatch} from 'diff';
import type {Root} from 'mdast';
import type {LeafDirective} from 'mdast-util-directive';
import type {Position} from 'unist';
import {visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {isMap, LineCounter, parseDocument} from 'yaml';
import type {Problem} from './diagnostics.ts';
import {snippetFileName, type Snippet} from './snippets.ts';

/** One changed stretch of a file: the lines of a unified diff, and why it changed. */
export interface ChangeHunk {
  /** The first changed line in the original. */
  originalLine: number;
  /** Unified diff lines: ` kept`, `-removed`, `+added`. */
  lines: string[];
  reasons: string[];
}

export interface FileChanges {
  /** The download name of the snippet, which is also the original's file name. */
  file: string;
  /** No original: the page added the file. */
  added: boolean;
  hunks: ChangeHunk[];
}

/** The page's changes from the original guide, for `::changes-from-original`. */
export interface OriginalChanges {
  directive: LeafDirective;
  files: FileChanges[];
  /** Changes without a reason, reasons without a change, originals without a snippet. */
  problems: Problem[];
  /** Originals the page publishes unchanged. */
  unchanged: string[];
}

interface Reason {
  file: string;
  change: string;
  reason: string;
  place?: Position;
  used: boolean;
}

function readReasons(file: string, problems: Problem[]): Reason[] {
  if (!existsSync(file)) return [];
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), {lineCounter, prettyErrors: false});
  const where = (offset: number) => {
    const {line, col} = lineCounter.linePos(offset);
    return {start: {line, column: col}, end: {line, column: col}};
  };
  if (document.errors.length > 0) {
    problems.push({ruleId: 'changes/yaml-syntax', reason: `Invalid YAML: ${document.errors[0].message.split('\n')[0]}.`, place: where(document.errors[0].pos[0]), path: file});
    return [];
  }
  const items = document.contents && 'items' in document.contents ? (document.contents.items as unknown[]) : [];
  return items.flatMap((item) => {
    const entry = isMap(item) ? (item.toJSON() as Record<string, unknown>) : {};
    const place = isMap(item) && item.range ? where(item.range[0]) : undefined;
    if (['file', 'change', 'reason'].some((field) => typeof entry[field] !== 'string' || entry[field] === '')) {
      problems.push({ruleId: 'changes/bad-reason', reason: 'Each entry needs file, change (text of a changed line) and reason, all non-empty strings.', place, path: file});
      return [];
    }
    return [{file: String(entry.file), change: String(entry.change), reason: String(entry.reason), place, used: false}];
  });
}

/** Diffs each published snippet against its original and ties every change to its reason. */
function compareWithOriginals(snippets: readonly Snippet[], originalDir: string, reasons: Reason[]): {files: FileChanges[]; unchanged: string[]; orphans: string[]} {
  const originals = existsSync(originalDir) ? readdirSync(originalDir).filter((name) => !['SOURCE.txt', 'changes.yaml'].includes(name)) : [];
  const byName = new Map(snippets.map((snippet) => [snippetFileName(snippet), snippet]));
  const files: FileChanges[] = [];
  const unchanged: string[] = [];
  for (const [name, snippet] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const added = !originals.includes(name);
    const before = added ? '' : readFileSync(path.join(originalDir, name), 'utf8');
    const patch = structuredPatch(name, name, before, snippet.text, '', '', {context: 1});
    if (patch.hunks.length === 0) {
      unchanged.push(name);
      continue;
    }
    const hunks = patch.hunks.map((hunk) => {
      const changed = hunk.lines.filter((line) => /^[-+]/.test(line)).map((line) => line.slice(1));
      const matching = reasons.filter((reason) => reason.file === name && changed.some((line) => line.includes(reason.change)));
      for (const reason of matching) reason.used = true;
      return {originalLine: hunk.oldStart, lines: hunk.lines, reasons: [...new Set(matching.map((reason) => reason.reason))]};
    });
    files.push({file: name, added, hunks});
  }
  return {files, unchanged, orphans: originals.filter((name) => !byName.has(name))};
}

/**
 * Reads `::changes-from-original` (attribute `from`, the folder of the
 * original files next to the page, `original` by default): every change of
 * every snippet against the original, each with the reason `changes.yaml`
 * gives. A change without a reason, a reason that matches no change and an
 * original the page no longer publishes are its problems, which the note's
 * plugin and the CLIs report after the snippets' own.
 */
export function readOriginalChanges(tree: Root, file: VFile, snippets: readonly Snippet[]): OriginalChanges | undefined {
  let directive: LeafDirective | undefined;
  visit(tree, 'leafDirective', (node) => {
    if (node.name === 'changes-from-original') directive = node;
  });
  if (!directive || !file.path) return undefined;
  const originalDir = path.join(path.dirname(file.path), directive.attributes?.from ?? 'original');
  const reasonsFile = path.join(originalDir, 'changes.yaml');
  const problems: Problem[] = [];
  const reasons = readReasons(reasonsFile, problems);
  const {files, unchanged, orphans} = compareWithOriginals(snippets, originalDir, reasons);
  const place = directive.position;
  const relative = path.relative(path.dirname(file.path), reasonsFile);
  for (const {file: name, hunks} of files) {
    for (const hunk of hunks.filter((candidate) => candidate.reasons.length === 0)) {
      const first = hunk.lines.find((line) => /^[-+]/.test(line)) ?? '';
      problems.push({
        ruleId: 'changes/unexplained',
        reason: `${name} differs from the original at its line ${hunk.originalLine} (${first.slice(0, 80)}), and ${relative} gives no reason. Add an entry: {file: ${name}, change: "<text of the changed line>", reason: "<why>"}.`,
        place,
      });
    }
  }
  for (const reason of reasons.filter((candidate) => !candidate.used)) {
    problems.push({
      ruleId: 'changes/stale-reason',
      reason: `No changed line of ${reason.file} contains "${reason.change}": the reason no longer matches the page. Remove the entry or fix its change text.`,
      place: reason.place,
      path: reasonsFile,
    });
  }
  for (const name of orphans) {
    problems.push({
      ruleId: 'changes/no-snippet',
      reason: `The original ${name} has no snippet on this page (named ${name} when downloaded). Remove it from ${path.relative(path.dirname(file.path), originalDir)}/ or restore the snippet.`,
      place,
    });
  }
  return {directive, files, problems, unchanged};
}
