import {readFileSync} from 'node:fs';
import {parse} from 'yaml';

/** Folder of the site's data files (`src/data/`). */
export const dataDir = new URL('../../src/data/', import.meta.url);

/**
 * Reads a YAML data file (read once per build by the guide index, which hands
 * the records to every page) that holds a list of records and checks each has the
 * given non-empty string fields.
 * @returns the records in file order.
 */
export function readRecords<Field extends string>(file: URL | string, fields: readonly Field[]): Record<Field, string>[] {
  const data: unknown = parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected a YAML list of entries`);
  return data.map((entry, index) => {
    for (const field of fields) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '') {
        throw new Error(`${file}: entry ${index + 1} needs a non-empty "${field}"`);
      }
    }
    return Object.fromEntries(fields.map((field) => [field, entry[field].trim()])) as Record<Field, string>;
  });
}

/** Throws when two records share a key. */
export function assertUnique(file: URL | string, keys: string[], what: string): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw new Error(`${file}: ${what} "${key}" is defined twice`);
    seen.add(key);
  }
}
