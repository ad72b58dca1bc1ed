/**
 * What changes from one edition's setup to another's, computed from the two
 * editions' checked pages and docker-mailserver's catalogues, never written by
 * hand: each variable of the old compose file with what the new release does
 * with it, the compose changes per service, the fail2ban files' changes, and
 * the host folders that move. The migration page renders it
 * (`plugins/remark/migration`), so changing either edition changes the page.
 */
import path from 'node:path';
import {structuredPatch} from 'diff';
import {parse} from 'yaml';
import type {IndexedPage} from '../guide-index/index.ts';
import {kindNamed} from '../snippet-kinds/index.ts';
import {effectiveDefault, type DmsCatalogues, type DmsVariable} from '../validators/compose/dms/catalogue.ts';
import {dmsImage} from '../validators/compose/dms/environment.ts';
import {parseMount} from '../validators/compose/service-data.ts';
import {parseConfig} from '../validators/fail2ban/config-file.ts';

type Service = Record<string, unknown>;

/** What the new release does with a variable the old compose file sets. */
export type VariableFate = 'kept' | 'default changed' | 'renamed' | 'removed';

export interface VariableMigration {
  name: string;
  /** The value the old edition sets (placeholders unfilled). */
  oldValue: string;
  fate: VariableFate;
  /** The catalogue's account: the replacement of a removed or renamed variable, or the defaults of both releases. */
  detail: string;
  /** The variable that takes its place in the new edition (itself when kept). */
  newName?: string;
  /** What the new edition sets it to, if it sets it. */
  newValue?: string;
}

export interface KeyChange {
  service: string;
  key: string;
  old?: string;
  new?: string;
}

export interface FolderMove {
  /** The container path both editions mount. */
  target: string;
  from: string;
  to: string;
}

export interface FileChange {
  /** `/data/filter.d/mail-dovecot.conf`. */
  target: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** For jails: options whose value differs, per jail. */
  options: Array<{jail: string; option: string; old?: string; new?: string}>;
  /** Unified diff lines of the file. */
  diff: string[];
}

export interface EditionMigration {
  oldRelease: string;
  newRelease: string;
  oldImage: string;
  newImage: string;
  /** The docker-mailserver service of each compose file. */
  oldService: string;
  newService: string;
  variables: VariableMigration[];
  /** Variables the new edition sets that the old one did not. */
  added: Array<{name: string; value: string; detail: string}>;
  compose: KeyChange[];
  folders: FolderMove[];
  files: FileChange[];
}

/** A compose file as the page publishes it (placeholders unfilled). */
function servicesOf(page: IndexedPage): Record<string, Service> {
  const text = page.check.merged?.text;
  if (!text) throw new Error(`${page.page.file.path}: the migration needs this page's merged compose file, and it has none`);
  return ((parse(text) as {services?: Record<string, Service>}).services ?? {}) as Record<string, Service>;
}

function environmentOf(service: Service | undefined): Map<string, string> {
  const environment = service?.environment;
  if (Array.isArray(environment)) {
    return new Map(environment.map((entry) => String(entry)).map((entry) => [entry.split('=')[0], entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : '']));
  }
  return new Map(Object.entries((environment as Record<string, unknown>) ?? {}).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** The docker-mailserver service of a compose file: its name and release. */
function dmsService(services: Record<string, Service>, page: IndexedPage): {name: string; service: Service; release: string; image: string} {
  for (const [name, service] of Object.entries(services)) {
    const image = typeof service.image === 'string' ? service.image : '';
    const dms = dmsImage(image);
    if (dms?.release) return {name, service, release: dms.release, image};
  }
  throw new Error(`${page.page.file.path}: the migration needs a docker-mailserver service with a pinned release in the page's compose file`);
}

/**
 * A default that is a value (`weekly`, `""`, `${REPORT_INTERVAL:-daily}` → daily),
 * or undefined for one the catalogue describes (`postmaster@<DOMAINNAME>`), which cannot be compared.
 */
function plainDefault(variable: DmsVariable | undefined): string | undefined {
  const written = effectiveDefault(variable);
  const fallback = /^\$\{\w+:-([^}]*)\}$/.exec(written);
  if (fallback) return fallback[1];
  return /[<$({]/.test(written) ? undefined : written;
}

const show = (value: unknown): string | undefined => (value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value));

/** The first word of a replacement (`LOG_LEVEL (error|…)` → `LOG_LEVEL`) when it names a variable. */
const variableIn = (replacement: string) => /^([A-Z][A-Z0-9_]+)\b/.exec(replacement)?.[1];

function variableMigrations(oldEnv: Map<string, string>, newEnv: Map<string, string>, oldRelease: string, newRelease: string, catalogues: DmsCatalogues): VariableMigration[] {
  const oldCatalogue = catalogues.byRelease(oldRelease);
  const newCatalogue = catalogues.byRelease(newRelease);
  return [...oldEnv].map(([name, oldValue]) => {
    const fate = catalogues.status.get(name);
    const now = newCatalogue.variables.get(name);
    const state = fate?.statusNow ?? '';
    if (/^(removed|renamed)/.test(state) || !now) {
      const renamed = state.startsWith('renamed');
      const replacement = fate?.replacement ?? '';
      const newName = variableIn(replacement);
      return {
        name,
        oldValue,
        fate: renamed ? 'renamed' : 'removed',
        detail: `${renamed ? 'Renamed' : 'Removed'}${fate?.since ? ` (${fate.since})` : ''}.${replacement ? ` Instead: ${replacement}.` : ''}`,
        newName: newName && newEnv.has(newName) ? newName : undefined,
        newValue: newName ? newEnv.get(newName) : undefined,
      };
    }
    const before = plainDefault(oldCatalogue.variables.get(name));
    const after = plainDefault(now);
    const changed = before !== undefined && after !== undefined && before !== after;
    const shown = (value: string | undefined) => (value === undefined || !changed ? now.defaultValue || '(empty)' : value === '' ? '(empty)' : value);
    return {
      name,
      oldValue,
      fate: changed ? 'default changed' : 'kept',
      detail: changed ? `Default ${shown(before)} in v${oldRelease}, ${shown(after)} in v${newRelease}.` : `Same meaning; default ${shown(after)}.`,
      newName: newEnv.has(name) ? name : undefined,
      newValue: newEnv.get(name),
    };
  });
}

/** Keys that differ between two services (`skip`: keys with tables of their own). */
function serviceChanges(label: string, oldService: Service | undefined, newService: Service | undefined, skip: readonly string[]): KeyChange[] {
  const keys = [...new Set([...Object.keys(oldService ?? {}), ...Object.keys(newService ?? {})])].filter((key) => !skip.includes(key));
  return keys.flatMap((key) => {
    const old = show(oldService?.[key]);
    const now = show(newService?.[key]);
    return old === now ? [] : [{service: label, key, old, new: now}];
  });
}

function mounts(service: Service | undefined) {
  return ((service?.volumes as unknown[]) ?? []).map(parseMount).filter((mount) => mount?.source?.startsWith('/'));
}

/** Host folders mounted at the same container path in both editions, deepest first (a folder inside another moves before it). */
function folderMoves(oldService: Service, newService: Service): FolderMove[] {
  const newByTarget = new Map(mounts(newService).map((mount) => [mount!.target.replace(/\/$/, ''), mount!.source!.replace(/\/$/, '')]));
  return mounts(oldService)
    .map((mount) => ({target: mount!.target.replace(/\/$/, ''), from: mount!.source!.replace(/\/$/, ''), to: newByTarget.get(mount!.target.replace(/\/$/, ''))}))
    .filter((move): move is FolderMove => move.to !== undefined && move.to !== move.from)
    .sort((a, b) => b.from.split('/').length - a.from.split('/').length || a.from.localeCompare(b.from));
}

function jailOptions(text: string): Map<string, Map<string, string>> {
  return new Map([...parseConfig(text).sections].map(([name, section]) => [name, new Map([...section.options].map(([key, option]) => [key, option.value]))]));
}

function fileChanges(oldPage: IndexedPage, newPage: IndexedPage): FileChange[] {
  const fail2ban = (page: IndexedPage) =>
    new Map(page.page.snippets.filter((snippet) => kindNamed(snippet.kind).readBy === 'fail2ban').map((snippet) => [snippet.target, snippet]));
  const before = fail2ban(oldPage);
  const after = fail2ban(newPage);
  const targets = [...new Set([...before.keys(), ...after.keys()])].sort();
  return targets.map((target) => {
    const old = before.get(target);
    const now = after.get(target);
    const change = !old ? 'added' : !now ? 'removed' : old.text === now.text ? 'unchanged' : 'changed';
    const options: FileChange['options'] = [];
    if ((old ?? now)!.kind === 'fail2ban-jail') {
      const oldJails = jailOptions(old?.text ?? '');
      const newJails = jailOptions(now?.text ?? '');
      for (const jail of new Set([...oldJails.keys(), ...newJails.keys()])) {
        const a = oldJails.get(jail) ?? new Map();
        const b = newJails.get(jail) ?? new Map();
        for (const option of new Set([...a.keys(), ...b.keys()])) if (a.get(option) !== b.get(option)) options.push({jail, option, old: a.get(option), new: b.get(option)});
      }
    }
    const patch = structuredPatch(target, target, old?.text ?? '', now?.text ?? '', '', '', {context: 1});
    const diff = patch.hunks.flatMap((hunk) => [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines]);
    return {target, change, options, diff};
  });
}

/** The migration from the old edition's page to the new edition's, from their indexed pages and the catalogues. */
export function editionMigration(oldPage: IndexedPage, newPage: IndexedPage, catalogues: DmsCatalogues): EditionMigration {
  const oldServices = servicesOf(oldPage);
  const newServices = servicesOf(newPage);
  const oldDms = dmsService(oldServices, oldPage);
  const newDms = dmsService(newServices, newPage);
  const oldEnv = environmentOf(oldDms.service);
  const newEnv = environmentOf(newDms.service);
  const variables = variableMigrations(oldEnv, newEnv, oldDms.release, newDms.release, catalogues);
  const taken = new Set(variables.flatMap((variable) => (variable.newName ? [variable.newName] : [])));
  const newCatalogue = catalogues.byRelease(newDms.release);
  const added = [...newEnv]
    .filter(([name]) => !oldEnv.has(name) && !taken.has(name))
    .map(([name, value]) => ({name, value, detail: newCatalogue.variables.get(name)?.notes.split(/(?<=\.)\s/)[0] ?? ''}));
  const others = [...new Set([...Object.keys(oldServices), ...Object.keys(newServices)])].filter((name) => name !== oldDms.name && name !== newDms.name);
  const compose = [
    // The mail service's variables and folders have tables of their own.
    ...serviceChanges(`${oldDms.name} → ${newDms.name}`, oldDms.service, newDms.service, ['environment', 'volumes']),
    ...others.flatMap((name) => serviceChanges(name, oldServices[name], newServices[name], [])),
  ];
  return {
    oldRelease: oldDms.release,
    newRelease: newDms.release,
    oldImage: oldDms.image,
    newImage: newDms.image,
    oldService: oldDms.name,
    newService: newDms.name,
    variables,
    added,
    compose,
    folders: folderMoves(oldDms.service, newDms.service),
    files: fileChanges(oldPage, newPage),
  };
}

/** The shell commands of the migration's steps, made from the two compose files (the migration page shows them; a test runs the file moves). */
export function migrationCommands(migration: EditionMigration): {stop: string[]; backup: string[]; move: string[]; start: string[]; check: string[]} {
  // Compose commands by service name, run in the folder of the compose file: right whatever the containers are called.
  const {oldService, newService, folders} = migration;
  const archive = `/root/mail-v${migration.oldRelease}-backup.tar.gz`;
  // A folder inside another is in the archive already.
  const sources = [...new Set(folders.map((move) => move.from))].sort();
  const outermost = sources.filter((source) => !sources.some((other) => other !== source && source.startsWith(`${other}/`)));
  return {
    stop: [`docker compose stop ${oldService}`],
    backup: [`tar -C / -czpf ${archive} ${outermost.map((source) => source.replace(/^\//, '')).join(' ')}`, `tar -tzf ${archive} > /dev/null && echo backup readable`],
    // Deepest first (folderMoves' order), each into a parent that may not exist yet.
    move: folders.flatMap((move) => [`mkdir -p ${path.posix.dirname(move.to)}`, `mv ${move.from} ${move.to}`]),
    start: [`docker compose up -d ${newService}`, 'docker restart f2b-system'],
    check: [`docker compose exec ${newService} setup email list`, `docker compose logs --tail 20 ${newService}`, 'docker exec f2b-system fail2ban-client status'],
  };
}
