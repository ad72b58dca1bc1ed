/**
 * Installs a page's bundle (the site's own .tar.gz) the way its INSTALL.md
 * says: check SHA256SUMS, fill the placeholders, run each `install -D …` line
 * with the server's paths taken to the lab's host folders, and read the
 * f2b-system container's environment from the bundle's docker-compose.yml.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {parse as parseYaml} from 'yaml';
import {must, run} from './lab.ts';

/**
 * The values the lab gives the page's placeholders (step "Replace the
 * placeholders"): these, else the example of src/data/placeholders.yaml.
 */
export const labValues: Record<string, string> = {
  DOMAIN: 'example.test',
  USER: 'user1',
  // The reader's own networks; the lab's clients are deliberately not in it.
  TRUSTED_NETWORKS: '127.0.0.1/8 ::1',
};

function placeholderValue(name: string, repo: string): string | undefined {
  if (name in labValues) return labValues[name];
  const declared = parseYaml(readFileSync(path.join(repo, 'src/data/placeholders.yaml'), 'utf8')) as {name: string; example?: unknown}[];
  const example = declared.find((entry) => entry.name === name)?.example;
  return example === undefined ? undefined : String(example);
}

export interface UnpackedBundle {
  /** The unpacked bundle folder (placeholders filled). */
  folder: string;
  /** Environment of the f2b-system service in the bundle's docker-compose.yml. */
  f2bEnvironment: Record<string, string>;
  installMd: string;
}

/** Writes the page's bundle with `npm run bundle` (the bytes the site publishes). */
export function writeBundle(page: string, out: string, repo: string): void {
  const result = run(['npm', 'run', '--silent', 'bundle', '--', page, '--out', out], {timeoutSeconds: 120});
  if (result.code !== 0 || !existsSync(out)) throw new Error(`npm run bundle -- ${page} failed (run in ${repo}):\n${result.stdout}${result.stderr}`);
}

/** Unpacks a bundle, checks SHA256SUMS and fills the placeholders (INSTALL.md's first two steps). */
export function unpackBundle(archive: string, into: string, repo: string): UnpackedBundle {
  mkdirSync(into, {recursive: true});
  must(['tar', '-xzf', archive, '-C', into]);
  const [top] = readdirSync(into);
  return openBundle(path.join(into, top), repo);
}

/** Checks SHA256SUMS, fills the placeholders, reads the f2b-system environment (from the bundle's compose file, when it has one). */
function openBundle(folder: string, repo: string): UnpackedBundle {
  const installMd = readFileSync(path.join(folder, 'INSTALL.md'), 'utf8');

  // 1. Check that every file arrived intact.
  if (!installMd.includes('sha256sum -c SHA256SUMS')) throw new Error('INSTALL.md no longer checks SHA256SUMS: update the lab');
  must(['sh', '-c', `cd '${folder}' && sha256sum --quiet -c SHA256SUMS`]);

  // 2. Replace the placeholders (the step names them).
  const placeholderStep = installMd.split('\n').find((line) => line.includes('Replace the placeholders'));
  const names = [...(placeholderStep ?? '').matchAll(/`\{([A-Z_]+)\}`/g)].map((match) => match[1]);
  const values = Object.fromEntries(names.map((name) => [name, placeholderValue(name, repo)]));
  const unknown = names.filter((name) => values[name] === undefined);
  if (unknown.length > 0) throw new Error(`INSTALL.md asks for placeholders the lab has no value for: ${unknown.join(', ')} (add them to labValues in test/lab/bundle-install.ts)`);

  for (const entry of readdirSync(folder, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || ['INSTALL.md', 'SHA256SUMS', 'manifest.json'].includes(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    let text = readFileSync(file, 'utf8');
    for (const name of names) text = text.replaceAll(`{${name}}`, values[name] as string);
    writeFileSync(file, text);
  }

  // The compose file's f2b-system environment, as the container gets it.
  // docker-compose.yml in the 2021 edition, compose.yaml (docker-mailserver 16's name) in the current one.
  const composeFile = ['compose.yaml', 'docker-compose.yml'].map((name) => path.join(folder, name)).find((file) => existsSync(file));
  if (!composeFile) return {folder, f2bEnvironment: {}, installMd};
  const compose = parseYaml(readFileSync(composeFile, 'utf8')) as {services?: Record<string, {environment?: string[] | Record<string, string>}>};
  const environment = compose.services?.['f2b-system']?.environment ?? [];
  const f2bEnvironment = Array.isArray(environment)
    ? Object.fromEntries(environment.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]))
    : Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
  return {folder, f2bEnvironment, installMd};
}

/**
 * INSTALL.md's third step: every `install -D` line, as written, except that
 * the server path goes to the lab's folder.
 * @param hostPaths server path prefix → lab folder, e.g. `/data/fail2ban` → `<lab>/host/data/fail2ban`.
 */
export function installBundle({folder, installMd}: UnpackedBundle, hostPaths: Record<string, string>): string[] {
  const installLines = installMd
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('install -D '));
  if (installLines.length === 0) throw new Error('INSTALL.md has no install lines');
  const installed: string[] = [];
  for (const line of installLines) {
    const words = line.split(/\s+/);
    const target = words[words.length - 1];
    const prefix = Object.keys(hostPaths).find((serverPath) => target.startsWith(`${serverPath}/`));
    if (!prefix) throw new Error(`INSTALL.md installs ${target}, which the lab does not map (known: ${Object.keys(hostPaths).join(', ')})`);
    const labTarget = hostPaths[prefix] + target.slice(prefix.length);
    must(['sh', '-c', `cd '${folder}' && ${[...words.slice(0, -1), `'${labTarget}'`].join(' ')}`]);
    installed.push(target);
  }
  return installed;
}

/** The jails of the installed jail.d files: section → settings (INI with continuation lines). */
export function readJails(jailDir: string): Record<string, Record<string, string>> {
  const jails: Record<string, Record<string, string>> = {};
  const files = readdirSync(jailDir)
    .filter((file) => /\.(conf|local)$/.test(file))
    .sort((a, b) => Number(a.endsWith('.local')) - Number(b.endsWith('.local')) || (a < b ? -1 : 1));
  for (const file of files) {
    let section: Record<string, string> | undefined;
    let key: string | undefined;
    for (const raw of readFileSync(path.join(jailDir, file), 'utf8').split('\n')) {
      const line = raw.replace(/\s+#.*$/, '');
      if (/^\s*[#;]/.test(line) || line.trim() === '') continue;
      const header = /^\[([^\]]+)\]\s*$/.exec(line);
      if (header) {
        section = jails[header[1]] ??= {};
        continue;
      }
      const setting = /^([A-Za-z_.]+)\s*=\s*(.*)$/.exec(line);
      if (setting && section) {
        key = setting[1];
        section[key] = setting[2].trim();
      } else if (/^\s/.test(line) && section && key) {
        section[key] += `\n${line.trim()}`;
      }
    }
  }
  return jails;
}
