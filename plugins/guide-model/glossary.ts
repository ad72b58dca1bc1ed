import {assertUnique, dataDir, readRecords} from './data-file.ts';

/** One entry of the site's glossary (`src/data/glossary.yaml`). */
export interface GlossaryEntry {
  term: string;
  expansion: string;
  definition: string;
}

export const glossaryFile = new URL('glossary.yaml', dataDir);

/** The anchor of a term on the glossary page, kept from the original site. */
export function glossaryAnchor(term: string): string {
  return `term-${term}`;
}

/**
 * Reads and checks the glossary data.
 * @returns the entries in file order; throws when an entry lacks a field or repeats a term.
 */
export function loadGlossary(file: URL | string = glossaryFile): GlossaryEntry[] {
  const entries = readRecords(file, ['term', 'expansion', 'definition']);
  assertUnique(
    file,
    entries.map((entry) => entry.term),
    'term',
  );
  return entries;
}
