/**
 * An edition is the Debian whose postfix, dovecot, rsyslog and fail2ban the lab
 * runs. `bookworm` is this machine's own Debian 12 (root `/`). A later edition
 * (Debian 13, trixie) is a chroot made with mmdebstrap: its daemons start with
 * `chroot <root>` in the same namespaces, and it brings its own config
 * templates (Dovecot 2.4 does not read 2.3's configuration).
 */
export interface Edition {
  name: string;
  /** The root of the Debian whose daemons run: `/`, or a chroot. */
  root: string;
  /** The dovecot.conf template in test/lab/config/. */
  dovecotConfig: string;
  /** The Debian packages whose versions the lab records. */
  packages: string[];
}

export const editions: Record<string, Edition> = {
  bookworm: {
    name: 'bookworm',
    root: '/',
    dovecotConfig: 'dovecot-2.3.conf',
    packages: ['postfix', 'dovecot-core', 'dovecot-imapd', 'rsyslog', 'fail2ban', 'iptables', 'openssl'],
  },
};

/** The command run inside the edition's root. */
export function inEdition(edition: Edition, command: string[]): string[] {
  return edition.root === '/' ? command : ['chroot', edition.root, ...command];
}
