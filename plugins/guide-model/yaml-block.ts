import type {Code} from 'mdast';
import type {Point, Position} from 'unist';
import type {VFile} from 'vfile';
import {location} from 'vfile-location';
import {LineCounter, parseDocument, type Document} from 'yaml';
import {report} from './diagnostics.ts';

/** A YAML fenced block of a page, parsed with positions in the page. */
export interface YamlBlock {
  document: Document.Parsed;
  /** Page position of a YAML node's `range` (or of any [start, end] offsets). */
  place(range: readonly number[] | null | undefined): Position | undefined;
  /** The text of a YAML node's `range` as written (`0644`, not the number 644). */
  source(range: readonly number[] | null | undefined): string;
}

/**
 * Parses the text of a ```yaml fence as YAML 1.2. Syntax errors are reported
 * at their line and column in the page, as `<area>/yaml-syntax`.
 * @returns the block, or undefined when the YAML is invalid.
 */
export function parseYamlBlock(code: Code, file: VFile, area: string): YamlBlock | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(code.value, {lineCounter, prettyErrors: false, uniqueKeys: true});
  const fence = code.position?.start;
  const page = location(file);
  const point = (offset: number): Point | undefined => {
    if (!fence) return undefined;
    const {line, col} = lineCounter.linePos(offset);
    // Content starts on the line after the opening fence, at the fence's indentation.
    const pageLine = fence.line + line;
    const column = fence.column - 1 + col;
    return {line: pageLine, column, offset: page.toOffset({line: pageLine, column})};
  };
  const place = (range: readonly number[] | null | undefined): Position | undefined => {
    if (!range) return undefined;
    const start = point(range[0]);
    const end = point(range[1] ?? range[0]);
    return start && end ? {start, end} : undefined;
  };
  // Later syntax errors are mostly echoes of the first one: report that one.
  for (const error of document.errors.slice(0, 1)) {
    report(file, {
      ruleId: `${area}/yaml-syntax`,
      reason: `Invalid YAML: ${error.message.split('\n')[0]}. Fix the YAML in this block (indent rows as a list of "- key: value" entries).`,
      place: place(error.pos),
    });
  }
  const source = (range: readonly number[] | null | undefined) => (range ? code.value.slice(range[0], range[1]) : '');
  return document.errors.length > 0 ? undefined : {document, place, source};
}
