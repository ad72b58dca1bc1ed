import {gzipSync, strToU8, zipSync, type Zippable} from 'fflate';
import {createTar} from 'nanotar';
import {fillPlaceholders} from '../guide-model/placeholder-text.ts';
import {entryTime, isSafeEntryPath, type BundleEntry, type BundleSpec} from './spec.ts';

/** A file of a rendered bundle. */
export interface BundleFile {
  path: string;
  bytes: Uint8Array;
  mode: string;
  owner: string;
}

/** Sorts by code point, the same in every locale (localeCompare is not). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The text with the reader's values; placeholders without a value stay as written. */
export const fillText = fillPlaceholders;

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function installMd(spec: BundleSpec, entries: BundleEntry[], values: Readonly<Record<string, string>>): string {
  const compose = entries.find((entry) => entry.kind === 'compose-merged');
  const files = entries.filter((entry) => entry !== compose);
  const unfilled = spec.placeholders.filter(({name}) => !values[name]);
  const warnings = entries.flatMap((entry) => entry.warnings.map((warning) => `- \`${entry.path}\`: ${warning}`));
  const lines = [
    `# ${spec.page.title}: configuration`,
    '',
    `The configuration files of the mailguide page ${spec.page.route}, laid out as`,
    'they go on the server. Each passed the checks listed in `manifest.json`.',
    '',
    '## Files',
    '',
    '| File in this bundle | Install to | Mode | Owner |',
    '| --- | --- | --- | --- |',
    ...entries.map((entry) => `| \`${entry.path}\` | \`${entry.installTo}\` | ${entry.mode} | ${entry.owner} |`),
    '',
    '## Steps',
    '',
    '1. Check that every file arrived intact:',
    '',
    '   ```sh',
    '   sha256sum -c SHA256SUMS',
    '   ```',
    '',
  ];
  let step = 2;
  if (unfilled.length > 0) {
    lines.push(`${step}. Replace the placeholders in the files with your own values: ${unfilled.map(({name, label}) => `\`{${name}}\` (${label})`).join(', ')}.`, '');
    step += 1;
  }
  if (files.length > 0) {
    lines.push(`${step}. Install the configuration files, as root:`, '', '   ```sh');
    for (const entry of files) {
      const [user, group = user] = entry.owner.split(':');
      lines.push(`   install -D -m ${entry.mode} -o ${user} -g ${group} ${entry.path} ${entry.installTo}`);
    }
    lines.push('   ```', '');
    step += 1;
  }
  if (spec.logFiles.length > 0) {
    // fail2ban 1.0.2 stops with "Have not found any log file for <jail> jail" when one is missing.
    const folders = [...new Set(spec.logFiles.map((file) => file.slice(0, file.lastIndexOf('/')) || '/'))];
    lines.push(
      `${step}. Create the log files the jails read, where they do not exist yet: fail2ban refuses to start while a jail's log file is missing (\`touch -a\` leaves an existing file as it is):`,
      '',
      '   ```sh',
      `   mkdir -p ${folders.join(' ')}`,
      `   touch -a ${spec.logFiles.join(' ')}`,
      '   ```',
      '',
    );
    step += 1;
  }
  if (compose) {
    lines.push(
      `${step}. Copy \`${compose.path}\` to the folder you run Docker Compose from (for example \`/srv/mail\`).`,
      '',
      `${step + 1}. Do the configuration the guide describes (accounts, DKIM keys, certificates) in the order its configuration page gives: it says what must exist before the first start. Start the containers from that folder:`,
      '',
      '   ```sh',
      // Docker Compose v2 reads compose.yaml (the current edition's name); the 2021 edition's docker-compose.yml also works with v1.
      `   ${compose.path === 'compose.yaml' ? 'docker compose up -d' : 'docker-compose up -d'}`,
      '   ```',
      '',
    );
    step += 2;
  }
  if (files.some((entry) => entry.kind.startsWith('fail2ban'))) {
    lines.push(`${step}. Restart the fail2ban container so it reads the new filters and jails (\`docker restart f2b-system\`).`, '');
  }
  if (warnings.length > 0) lines.push('## Warnings', '', 'The checks passed, with these warnings:', '', ...warnings, '');
  return `${lines.join('\n')}`;
}

/**
 * Renders a bundle: its config files filled with `values` (none: as the guide
 * writes them), plus INSTALL.md, manifest.json and SHA256SUMS. Sorted by path.
 * @throws when an entry would unpack outside the bundle.
 */
export async function renderBundle(spec: BundleSpec, givenValues: Readonly<Record<string, string>> = {}): Promise<BundleFile[]> {
  // Only the placeholders this bundle uses: the same values give the same bytes, however many were given.
  const values = Object.fromEntries(spec.placeholders.flatMap(({name}) => (givenValues[name] ? [[name, givenValues[name]]] : [])));
  for (const entry of spec.entries) {
    if (!isSafeEntryPath(entry.path)) throw new Error(`Bundle entry "${entry.path}" would unpack outside the bundle.`);
  }
  const entries = [...spec.entries].sort((a, b) => byCodePoint(a.path, b.path));
  const configFiles = entries.map((entry) => ({entry, bytes: strToU8(fillText(entry.text, values))}));
  const hashes = await Promise.all(configFiles.map(({bytes}) => sha256(bytes)));
  const manifest = {
    bundle: spec.name,
    page: spec.page,
    values: Object.fromEntries(Object.entries(values).sort(([a], [b]) => byCodePoint(a, b))),
    files: configFiles.map(({entry}, index) => ({
      path: entry.path,
      installTo: entry.installTo,
      target: entry.target,
      kind: entry.kind,
      mode: entry.mode,
      owner: entry.owner,
      sha256: hashes[index],
      source: entry.source,
      validators: entry.validators,
      warnings: entry.warnings,
    })),
  };
  const extra = [
    {path: 'INSTALL.md', text: installMd(spec, entries, values)},
    {path: 'manifest.json', text: `${JSON.stringify(manifest, null, 2)}\n`},
  ].map(({path, text}) => ({path, bytes: strToU8(text), mode: '0644', owner: 'root:root'}));
  const files: BundleFile[] = [...configFiles.map(({entry, bytes}) => ({path: entry.path, bytes, mode: entry.mode, owner: entry.owner})), ...extra];
  const sums = await Promise.all(files.map(async (file) => `${await sha256(file.bytes)}  ${file.path}`));
  files.push({path: 'SHA256SUMS', bytes: strToU8(`${sums.sort((a, b) => byCodePoint(a.slice(66), b.slice(66))).join('\n')}\n`), mode: '0644', owner: 'root:root'});
  return files.sort((a, b) => byCodePoint(a.path, b.path));
}

function ids(owner: string): {user: string; group: string; uid: number; gid: number} {
  const [user, group = user] = owner.split(':');
  // Only root's ids are the same on every system; other names are resolved by tar on unpacking.
  const id = (name: string) => (/^\d+$/.test(name) ? Number(name) : name === 'root' ? 0 : 0);
  return {user, group, uid: id(user), gid: id(group)};
}

/** The bundle as a .tar.gz: a top folder named after it, entries with their mode and owner, a fixed time. */
export function tarGz(name: string, files: readonly BundleFile[]): Uint8Array {
  const folders = [
    ...new Set(
      files.flatMap((file) =>
        file.path
          .split('/')
          .slice(0, -1)
          .map((_, index, parts) => parts.slice(0, index + 1).join('/')),
      ),
    ),
  ].sort(byCodePoint);
  const tar = createTar([
    {name: `${name}/`, attrs: {mode: '755', mtime: entryTime, uid: 0, gid: 0, user: 'root', group: 'root'}},
    ...folders.map((folder) => ({name: `${name}/${folder}/`, attrs: {mode: '755', mtime: entryTime, uid: 0, gid: 0, user: 'root', group: 'root'}})),
    ...files.map((file) => {
      const {user, group, uid, gid} = ids(file.owner);
      return {name: `${name}/${file.path}`, data: file.bytes, attrs: {mode: file.mode.replace(/^0/, ''), mtime: entryTime, uid, gid, user, group}};
    }),
  ]);
  return gzipSync(tar, {level: 9, mtime: 0});
}

/**
 * Zip stores local time: a date whose local fields are the fixed time gives
 * the same bytes in every time zone (the browser's and the build machine's).
 */
function localEntryTime(): Date {
  const utc = new Date(entryTime);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
}

/** The bundle as a .zip (unix modes kept; zip has no owner). */
export function zip(name: string, files: readonly BundleFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) {
    entries[`${name}/${file.path}`] = [file.bytes, {level: 9, mtime: localEntryTime(), os: 3, attrs: (0o100000 | parseInt(file.mode, 8)) << 16}];
  }
  return zipSync(entries, {mtime: localEntryTime()});
}

/** An archive format a bundle is published in. */
export interface ArchiveFormat {
  /** File name ending, without the dot: `tar.gz`. */
  extension: string;
  mediaType: string;
  render: (name: string, files: readonly BundleFile[]) => Uint8Array;
}

/**
 * The formats every bundle is published in, in the order the download box
 * shows them: the one place a new format is registered (the build, `npm run
 * bundle` and the browser's "with your values" read this list).
 */
export const archiveFormats: readonly ArchiveFormat[] = [
  {extension: 'tar.gz', mediaType: 'application/gzip', render: tarGz},
  {extension: 'zip', mediaType: 'application/zip', render: zip},
];
