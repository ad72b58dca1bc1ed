/**
 * What the crazymax/fail2ban image reads from its environment, per image tag,
 * from `env-history.tsv` (each variable with the tag that added and removed
 * it). Browser-safe: the text is read by `catalogue-files.ts` for the build.
 */
import {readTsv} from '../dms/catalogue.ts';

export interface Fail2banVariable {
  name: string;
  readFrom: string;
  /** The git tag (and date) that removed it, or undefined while it is read. */
  removedIn?: string;
  notes: string;
}

export interface Fail2banCatalogue {
  /** The newest fail2ban release the history knows (what `latest` means). */
  newest: string;
  variables: Fail2banVariable[];
}

export function parseFail2banCatalogue(historyTsv: string, releasesTsv: string): Fail2banCatalogue {
  const variables = readTsv(historyTsv).flatMap((row) =>
    row.name.split(' / ').map((name) => ({name, readFrom: row.read_from, removedIn: row.removed_in === '-' ? undefined : row.removed_in, notes: row.notes})),
  );
  const released = readTsv(releasesTsv)
    .map((row) => row.fail2ban)
    .filter((version) => /^\d/.test(version));
  return {newest: released.sort(compareVersions).at(-1)!, variables};
}

/** Orders `0.10.3.1-RC2`, `0.11.1`, `1.0.2-r1` numerically; a bare version sorts after its RCs and revisions. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => {
    const [numbers, suffix] = version.split(' ')[0].split('-');
    const revision = suffix ? Number(/\d+/.exec(suffix)?.[0] ?? 0) : Number.MAX_SAFE_INTEGER;
    return [...numbers.split('.').map(Number), 0, 0, 0].slice(0, 4).concat(revision);
  };
  const [left, right] = [parts(a), parts(b)];
  const index = left.findIndex((value, i) => value !== right[i]);
  return index < 0 ? 0 : left[index] - right[index];
}

/** The fail2ban release an image of crazymax/fail2ban runs, or undefined for another image. */
export function fail2banImage(image: string, catalogue: Fail2banCatalogue): {release: string; moving: boolean} | undefined {
  const match = /^(?:(?:docker\.io|ghcr\.io)\/)?(?:crazymax|crazy-max)\/fail2ban(?::([\w.-]+))?$/.exec(image);
  if (!match) return undefined;
  const tag = (match[1] ?? 'latest').replace(/-debian$/, '');
  return /^\d/.test(tag) ? {release: tag, moving: false} : {release: catalogue.newest, moving: true};
}

/** The variables the image reads at a release, and what became of the others. */
export function variableAt(catalogue: Fail2banCatalogue, name: string, release: string): {read: boolean; variable?: Fail2banVariable} {
  const variable = catalogue.variables.find((candidate) => candidate.name === name);
  if (!variable) return {read: false};
  const added = compareVersions(variable.readFrom, release) <= 0;
  const removed = variable.removedIn !== undefined && compareVersions(variable.removedIn, release) <= 0;
  return {read: added && !removed, variable};
}
