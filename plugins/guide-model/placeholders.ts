import {assertUnique, dataDir, readRecords} from './data-file.ts';
import {checkPlaceholderValue} from './placeholder-rules.ts';

/** The kinds of value a placeholder takes, each with its own check. */
export const placeholderTypes = ['domain', 'local-part', 'email', 'timezone', 'absolute-path', 'address-list'] as const;
export type PlaceholderType = (typeof placeholderTypes)[number];

/** A value the reader fills in, written `{NAME}` in snippets (`src/data/placeholders.yaml`). */
export interface Placeholder {
  name: string;
  label: string;
  help: string;
  type: PlaceholderType;
  example: string;
}

export const placeholdersFile = new URL('placeholders.yaml', dataDir);

/** Reads and checks the placeholders; throws on a bad or repeated entry. */
export function loadPlaceholders(file: URL | string = placeholdersFile): Placeholder[] {
  const records = readRecords(file, ['name', 'label', 'help', 'type', 'example']);
  assertUnique(
    file,
    records.map((record) => record.name),
    'placeholder',
  );
  for (const {name, type, example} of records) {
    if (!(placeholderTypes as readonly string[]).includes(type)) {
      throw new Error(`${file}: placeholder ${name} has type "${type}"; use one of ${placeholderTypes.join(', ')}`);
    }
    // The example is what validation fills in: it must pass the readers' own check.
    const wrong = checkPlaceholderValue(type as PlaceholderType, example);
    if (wrong) throw new Error(`${file}: the example of ${name} ("${example}") is not a valid ${type}: ${wrong}`);
  }
  return records as Placeholder[];
}

export {exampleValues, fillPlaceholders, fillWithOffsets, findPlaceholders, placeholderPattern} from './placeholder-text.ts';
