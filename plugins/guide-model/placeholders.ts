import {assertUnique, dataDir, readRecords} from './data-file.ts';
import {checkPlaceholderValue} from './placeholder-rules.ts';

/** The kinds of value a placeholder takes, each with its own check. */
export const placeholderTypes = ['domain', 'local-part', 'email', 'timezone', 'absolute-path'] as const;
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

/** `{NAME}`, but not the `${NAME}` of compose interpolation. */
export const placeholderPattern = /(?<!\$)\{([A-Z][A-Z0-9_]*)\}/g;

/** Reads and checks the placeholders; throws on a bad or repeated entry. */
export function loadPlaceholders(file: URL | string = placeholdersFile): Placeholder[] {
  const records = readRecords(file, ['name', 'label', 'help', 'type', 'example']);
  assertUnique(file, records.map((record) => record.name), 'placeholder');
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

/** Each `{NAME}` in `text` with its offset. */
export function findPlaceholders(text: string): Array<{name: string; offset: number}> {
  return [...text.matchAll(placeholderPattern)].map((match) => ({name: match[1], offset: match.index}));
}

/** `text` with every `{NAME}` that has a value replaced by it; others stay as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (written, name: string) => values[name] ?? written);
}

/** The example value of every placeholder, by name: what validation fills in. */
export function exampleValues(placeholders: readonly Placeholder[]): Record<string, string> {
  return Object.fromEntries(placeholders.map((placeholder) => [placeholder.name, placeholder.example]));
}

/**
 * Fills placeholders like `fillPlaceholders`, and maps offsets in the filled
 * text back to the text as written, so problems found in the filled file
 * point at the page.
 */
export function fillWithOffsets(text: string, values: Readonly<Record<string, string>>): {text: string; toWritten(offset: number): number} {
  const shifts: Array<{filledEnd: number; delta: number}> = [];
  let delta = 0;
  const filled = text.replace(placeholderPattern, (written, name: string, offset: number) => {
    const value = values[name];
    if (value === undefined) return written;
    delta += value.length - written.length;
    shifts.push({filledEnd: offset + written.length + delta, delta});
    return value;
  });
  const toWritten = (offset: number) => {
    const last = shifts.filter((shift) => shift.filledEnd <= offset).at(-1);
    return offset - (last?.delta ?? 0);
  };
  return {text: filled, toWritten};
}
