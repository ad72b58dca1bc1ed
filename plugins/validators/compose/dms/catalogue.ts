/**
 * docker-mailserver's environment variables for one release, read from the
 * TSV catalogues next to this file (collected from DMS's docs, scripts and
 * changelog). Each variable's type and allowed values become a check.
 * Browser-safe: `catalogue-files.ts` reads the files for the build.
 */
export interface DmsVariable {
  name: string;
  /** How to check a value. */
  check: ValueCheck;
  /** As the catalogue describes it, for messages. */
  allowed: string;
  /** The default as the catalogue writes it: `0 (mailserver.env ships 1)`. */
  defaultValue: string;
  notes: string;
}

export type ValueCheck = {kind: 'one-of'; values: string[]} | {kind: 'integer'; min: number; max?: number} | {kind: 'number'} | {kind: 'email'} | {kind: 'any'};

export interface DmsCatalogue {
  release: string;
  variables: Map<string, DmsVariable>;
}

/** A variable of the guide's era and what became of it in the newest release. */
export interface DmsVariableStatus {
  name: string;
  statusNow: string;
  since: string;
  replacement: string;
}

export function readTsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trimEnd().split('\n');
  const columns = header.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((cell, index) => [columns[index], cell.trim()])));
}

/** The allowed values of an enum or bool column: `"" | 1` → ['', '1']. */
function alternatives(allowed: string): string[] {
  return allowed
    .split('|')
    .map((value) => value.trim())
    .filter((value) => value !== '(unset)' && !value.startsWith('<'))
    .map((value) => (value === '""' ? '' : value));
}

export function valueCheck(type: string, allowed: string, defaultValue = ''): ValueCheck {
  if (type === 'bool') {
    if (/anything else/.test(allowed)) return {kind: 'any'};
    // Booleans documented as `"" | 1` default to 0 in the scripts, which test for 1: 0 means off too.
    const fallback = /^[01]\b/.exec(defaultValue)?.[0];
    return {kind: 'one-of', values: [...new Set([...alternatives(allowed), ...(fallback ? [fallback] : [])])]};
  }
  if (type === 'enum') return {kind: 'one-of', values: alternatives(allowed)};
  if (type.startsWith('integer')) {
    const range = /^(\d+)-(\d+)$/.exec(allowed);
    if (range) return {kind: 'integer', min: Number(range[1]), max: Number(range[2])};
    const minimum = /^>=\s*(\d+)|^>\s*(\d+)/.exec(allowed);
    if (minimum) return {kind: 'integer', min: minimum[1] !== undefined ? Number(minimum[1]) : Number(minimum[2]) + 1};
    return {kind: 'integer', min: /^0 = /.test(allowed) ? 0 : Number.MIN_SAFE_INTEGER};
  }
  if (type.startsWith('float')) return {kind: 'number'};
  if (type === 'email') return {kind: 'email'};
  return {kind: 'any'};
}

/** A release's catalogue from its TSV text. */
export function parseCatalogue(release: string, tsv: string): DmsCatalogue {
  const variables = new Map(
    readTsv(tsv).map((row) => [
      row.name,
      {name: row.name, check: valueCheck(row.type, row.allowed_values, row.default), allowed: row.allowed_values, defaultValue: row.default ?? '', notes: row.notes ?? ''},
    ]),
  );
  return {release, variables};
}

export const catalogueReleases = ['9.0.1', '15.1.0', '16.0.1'] as const;
export const newestRelease = '16.0.1';

/** What became of the guide's variables since 2021, from its TSV text. */
export function parseVariableStatus(tsv: string): Map<string, DmsVariableStatus> {
  return new Map(readTsv(tsv).map((row) => [row.name, {name: row.name, statusNow: row.status_current, since: row.since_version, replacement: row.replacement}]));
}

/** The catalogues a check needs: the image's release, the newest, and the variables' fates. */
export interface DmsCatalogues {
  byRelease(release: string): DmsCatalogue;
  status: Map<string, DmsVariableStatus>;
}

/** The value the image runs with when a variable is unset or empty: the default's first word, unquoted. */
export function effectiveDefault(variable: DmsVariable | undefined): string {
  const first = (variable?.defaultValue ?? '').split(/\s/)[0];
  return first === '""' ? '' : first;
}
