import {closest, distance} from 'fastest-levenshtein';

/**
 * A "did you mean" hint for a misspelt name.
 * @returns ` Did you mean "X"?` when a candidate is close enough, else an empty string.
 */
export function didYouMean(input: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(
    input.toUpperCase(),
    candidates.map((c) => c.toUpperCase()),
  );
  const index = candidates.findIndex((c) => c.toUpperCase() === best);
  const tolerance = Math.max(1, Math.ceil(input.length / 3));
  return distance(input.toUpperCase(), best) <= tolerance ? ` Did you mean "${candidates[index]}"?` : '';
}
