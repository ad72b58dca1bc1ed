import {readFileSync} from 'node:fs';
import {parse} from 'yaml';

/** One entry of the site's glossary (`src/data/glossary.yaml`). */
export interface GlossaryEntry {
  term: string;
  expansion: string;
  definition: string;
}

export const glossaryFile = new URL('../../src/data/glossary.yaml', import.meta.url);

/** The anchor of a term on the glossary page, kept from the original site. */
export function glossaryAnchor(term: string): string {
  return `term-${term}`;
}

/**
 * Reads and checks the glossary data.
 * @returns the entries in file order; throws when an entry lacks a field or repeats a term.
 */
export function loadGlossary(file: URL | string = glossaryFile): GlossaryEntry[] {
  const data: unknown = parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: the glossary must be a YAML list of entries`);
  const seen = new Set<string>();
  return data.map((entry, index) => {
    for (const key of ['term', 'expansion', 'definition'] as const) {
      if (typeof entry?.[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`${file}: entry ${index + 1} needs a non-empty "${key}"`);
      }
    }
    if (seen.has(entry.term)) throw new Error(`${file}: term "${entry.term}" is defined twice`);
    seen.add(entry.term);
    return {term: entry.term, expansion: entry.expansion, definition: entry.definition.trim()};
  });
}
