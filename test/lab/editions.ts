/**
 * An edition is the Debian whose postfix, dovecot, rsyslog and fail2ban the lab
 * runs, and the guide edition whose fail2ban files it proves. `bookworm` is this
 * machine's own Debian 12 (root `/`) with the 2021 edition's page bundle.
 * `trixie` is a Debian 13 root that the lab builds with mmdebstrap (cached,
 * rebuilt when missing): its daemons start with `chroot <root>` in the same
 * namespaces, with their own config templates (Dovecot 2.4 does not read
 * 2.3's configuration), and it installs the current edition's source files.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {must} from './lab.ts';

const labDir = path.dirname(fileURLToPath(import.meta.url));

export interface Edition {
  name: string;
  /** The root of the Debian whose daemons run: `/`, or a chroot. */
  root: string;
  /** The dovecot.conf template in test/lab/config/. */
  dovecotConfig: string;
  /** The Debian packages whose versions the lab records. */
  packages: string[];
  /** A chroot root: mmdebstrap builds it from Debian's mirror when missing. */
  build?: {suite: string; include: string[]};
  /** The page whose bundle (`npm run bundle`) the lab installs, as its INSTALL.md says. */
  bundle: {page: string};
  /** Where --record writes (relative to the repository). */
  recorded: string;
  results: string;
  /** The filters' annotated samples, next to the filters (written by write-samples.ts on --record). */
  samples: string;
}

export const editions: Record<string, Edition> = {
  bookworm: {
    name: 'bookworm',
    root: '/',
    dovecotConfig: 'dovecot-2.3.conf',
    packages: ['postfix', 'dovecot-core', 'dovecot-imapd', 'rsyslog', 'fail2ban', 'iptables', 'openssl'],
    bundle: {page: 'docs/services/email/mta/setup.md'},
    recorded: 'test/lab/recorded',
    results: 'docs/services/email/mta/lab/results.json',
    samples: 'docs/services/email/mta/source/samples',
  },
  trixie: {
    name: 'trixie',
    root: '/var/cache/mailguide-lab/trixie',
    dovecotConfig: 'dovecot-2.4.conf',
    packages: ['postfix', 'dovecot-core', 'dovecot-imapd', 'rsyslog', 'fail2ban', 'iptables', 'nftables', 'openssl'],
    // nftables is only a Recommends of fail2ban: without it the nftables action fails ("nft: not found").
    build: {suite: 'trixie', include: ['postfix', 'dovecot-imapd', 'fail2ban', 'rsyslog', 'iptables', 'nftables', 'openssl', 'ca-certificates', 'python3']},
    bundle: {page: 'versioned_docs/version-16/services/email/mta/setup.md'},
    recorded: 'test/lab/recorded/trixie',
    results: 'versioned_docs/version-16/services/email/mta/lab/results.json',
    samples: 'versioned_docs/version-16/services/email/mta/source/samples',
  },
};

/** The command run inside the edition's root (a chroot: with proc and /dev, in a private mount namespace). */
export function inEdition(edition: Edition, command: string[]): string[] {
  return edition.root === '/' ? command : [path.join(labDir, 'containers/in-root.sh'), edition.root, '--', ...command];
}

/** The Debian mirror apt on this machine already uses (the lab's only network). */
function mirror(): string {
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const uri = /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+\s+main/m.exec(text)?.[1];
    if (uri && !uri.includes('security')) return uri;
  }
  return 'http://deb.debian.org/debian';
}

/** Mount points at or under `dir` in this (the root) mount namespace. */
export function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point) => point && (point === dir || point.startsWith(`${dir}/`)));
}

/**
 * Makes sure the edition's root exists: kept between runs, built with
 * `mmdebstrap --variant=minbase` when missing or made for another package
 * list (the stamp file says which). Returns what it did, for the output.
 */
export function ensureRoot(edition: Edition): string {
  const {build, root} = edition;
  if (!build) return `${edition.name}: this machine's Debian (${readFileSync('/etc/debian_version', 'utf8').trim()})`;
  const stamp = path.join(root, '.mailguide-lab-root');
  const source = mirror();
  const wanted = `mmdebstrap --variant=minbase --include=${build.include.join(',')} ${build.suite}\n`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
    return `${edition.name}: cached Debian ${readFileSync(path.join(root, 'etc/debian_version'), 'utf8').trim()} root ${root} (built ${statSync(stamp).mtime.toISOString().slice(0, 16)}; delete it to rebuild)`;
  }
  if (mountsUnder(root).length > 0) throw new Error(`${root} has mounts (${mountsUnder(root).join(', ')}): is a lab running?`);
  const started = Date.now();
  const building = `${root}.building`;
  mkdirSync(path.dirname(root), {recursive: true});
  rmSync(building, {recursive: true, force: true});
  try {
    // /data: the f2b-system container's volume is mounted there.
    must(['mmdebstrap', '--quiet', '--variant=minbase', `--include=${build.include.join(',')}`, '--customize-hook=mkdir -p "$1/data"', build.suite, building, source], {
      timeoutSeconds: 900,
    });
    writeFileSync(path.join(building, '.mailguide-lab-root'), wanted);
    rmSync(root, {recursive: true, force: true});
    renameSync(building, root);
  } finally {
    rmSync(building, {recursive: true, force: true});
  }
  return `${edition.name}: built Debian ${readFileSync(path.join(root, 'etc/debian_version'), 'utf8').trim()} root ${root} with mmdebstrap from ${source} in ${((Date.now() - started) / 1000).toFixed(0)} s (cached for the next runs)`;
}
