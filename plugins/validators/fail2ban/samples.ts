import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {Snippet} from '../../guide-model/snippets.ts';

/** A log line and what fail2ban must make of it, as fail2ban's own test logs annotate it. */
export interface Sample {
  text: string;
  /** 1-based line in the sample file. */
  line: number;
  match: boolean;
  /** The address fail2ban must take from a matching line. */
  host?: string;
}

/**
 * A filter's annotated sample log: `samples/<filter>.log` next to the file the
 * filter is written in (its included `source/` file, or the page), or in `dir`.
 */
export function samplesFileFor(filter: Pick<Snippet, 'target' | 'origin'>, dir = path.join(path.dirname(filter.origin.path), 'samples')): string {
  return path.join(dir, path.basename(filter.target).replace(/\.(conf|local)$/, '.log'));
}

/**
 * Reads a sample log: each log line follows a `# failJSON: {"match": …, "host": …}`
 * comment; other comments and blank lines are ignored.
 * @throws on a log line without its annotation, or a bad annotation.
 */
export function readSamples(file: string): Sample[] {
  if (!existsSync(file)) return [];
  const samples: Sample[] = [];
  let expected: {match: boolean; host?: string} | undefined;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const annotation = /^#\s*failJSON:\s*(\{.*\})\s*$/.exec(text);
      if (annotation) {
        expected = JSON.parse(annotation[1]);
        if (typeof expected?.match !== 'boolean') throw new Error(`${file}:${index + 1}: failJSON needs "match": true or false`);
        return;
      }
      if (text.trim() === '' || text.startsWith('#')) return;
      if (!expected) throw new Error(`${file}:${index + 1}: a log line without a "# failJSON: {…}" line before it`);
      samples.push({text, line: index + 1, match: expected.match, host: expected.host});
      expected = undefined;
    });
  return samples;
}
