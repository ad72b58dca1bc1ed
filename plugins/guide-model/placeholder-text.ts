/**
 * Placeholders in text: finding and filling `{NAME}`. Pure and browser-safe:
 * the build, the CLI and the page share it.
 */

/** `{NAME}`, but not the `${NAME}` of compose interpolation. */
export const placeholderPattern = /(?<!\$)\{([A-Z][A-Z0-9_]*)\}/g;

/** Each `{NAME}` in `text` with its offset. */
export function findPlaceholders(text: string): Array<{name: string; offset: number}> {
  return [...text.matchAll(placeholderPattern)].map((match) => ({name: match[1], offset: match.index}));
}

/** `text` with every `{NAME}` that has a value replaced by it; others stay as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (written, name: string) => values[name] ?? written);
}

/** The example value of every placeholder, by name: what validation fills in. */
export function exampleValues(placeholders: ReadonlyArray<{name: string; example: string}>): Record<string, string> {
  return Object.fromEntries(placeholders.map((placeholder) => [placeholder.name, placeholder.example]));
}

/**
 * Fills placeholders like `fillPlaceholders`, and maps offsets in the filled
 * text back to the text as written, so problems found in the filled file
 * point at the page.
 */
export function fillWithOffsets(text: string, values: Readonly<Record<string, string>>): {text: string; toWritten(offset: number): number; filled: Array<[number, number]>} {
  // Each filled value: where it is in the filled text, and where its placeholder was.
  const fills: Array<{filledStart: number; filledEnd: number; writtenStart: number; writtenEnd: number}> = [];
  let delta = 0;
  const filled = text.replace(placeholderPattern, (written, name: string, offset: number) => {
    const value = values[name];
    if (value === undefined) return written;
    fills.push({filledStart: offset + delta, filledEnd: offset + delta + value.length, writtenStart: offset, writtenEnd: offset + written.length});
    delta += value.length - written.length;
    return value;
  });
  const toWritten = (offset: number) => {
    const inside = fills.find((fill) => fill.filledStart <= offset && offset < fill.filledEnd);
    // A position inside a value is the placeholder's position.
    if (inside) return inside.writtenStart;
    const before = fills.filter((fill) => fill.filledEnd <= offset).at(-1);
    return before ? before.writtenEnd + (offset - before.filledEnd) : offset;
  };
  return {text: filled, toWritten, filled: fills.map((fill) => [fill.filledStart, fill.filledEnd])};
}
