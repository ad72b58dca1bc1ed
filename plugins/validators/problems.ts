import type {Problem} from '../guide-model/diagnostics.ts';
import {exampleValues, fillWithOffsets} from '../guide-model/placeholder-text.ts';
import type {Placeholder} from '../guide-model/placeholders.ts';
import type {Snippet} from '../guide-model/snippets.ts';
import {location} from 'vfile-location';

/** A snippet as validators see it: filled with the example values, with a way back to the page. */
export interface FilledSnippet {
  snippet: Snippet;
  /** The text with every placeholder's example value: what a reader runs. */
  text: string;
  /** The position (in the page or the included file) of an offset in `text`. */
  locate(offset: number): Pick<Problem, 'place' | 'path'>;
}

/** The snippet filled with `values` (by default, every placeholder's example). */
export function fillSnippet(snippet: Snippet, values: readonly Placeholder[] | Readonly<Record<string, string>>): FilledSnippet {
  const byName = Array.isArray(values) ? exampleValues(values as readonly Placeholder[]) : (values as Record<string, string>);
  const {text, toWritten} = fillWithOffsets(snippet.text, byName);
  const {origin} = snippet;
  const written = location(snippet.text);
  const locate = (offset: number) => {
    const point = written.toPoint(Math.min(toWritten(Math.max(0, offset)), snippet.text.length)) ?? {line: 1, column: 1};
    // Fenced code loses the fence's indentation on every line; an included file starts at column 1.
    return {place: {line: origin.line + point.line - 1, column: origin.column - 1 + point.column}, path: snippet.includedFrom};
  };
  return {snippet, text, locate};
}

/** A problem at an offset of a filled snippet. */
export function problemAt(filled: FilledSnippet, offset: number | undefined, problem: Omit<Problem, 'place' | 'path'>): Problem {
  return {...problem, ...(offset === undefined ? {place: filled.snippet.position, path: undefined} : filled.locate(offset))};
}

/** A problem at the start of a 1-based line of a filled snippet. */
export function problemAtLine(filled: FilledSnippet, line: number, problem: Omit<Problem, 'place' | 'path'>): Problem {
  return problemAt(filled, location(filled.text).toOffset({line, column: 1}), problem);
}
