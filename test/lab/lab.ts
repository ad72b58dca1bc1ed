/**
 * The mail lab's machinery: network namespaces that stand in for a Docker host
 * publishing the mail container's ports, the mail "container" (postfix, dovecot,
 * rsyslog), the f2b-system "container" (fail2ban with the page's bundle), and
 * the clients. Everything it makes is listed in `made` and undone by `teardown`.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, rmdirSync, truncateSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {inEdition, mountsUnder, type Edition} from './editions.ts';

export const labDir = path.dirname(fileURLToPath(import.meta.url));
const configDir = path.join(labDir, 'config');

/**
 * The lab's addresses: documentation and private ranges, inside the lab's
 * namespaces only. IPv6 as Docker gives it with `ip6tables: true` and a
 * `fixed-cidr-v6`: the host's public address, a /64 for docker0, and the
 * published ports DNATed by ip6tables.
 */
export const net = {
  published: '203.0.113.1', // the Docker host's public address (bridge ext0 in lab-host)
  gateway: '172.17.0.1', // docker0
  container: '172.17.0.2', // the mail container
  client: '203.0.113.10', // a user's phone or laptop
  mx: '203.0.113.25', // another mail server (in the client namespace)
  published6: '2001:db8::1',
  gateway6: '2001:db8:1::1',
  container6: '2001:db8:1::2',
  client6: '2001:db8:10::10',
  mx6: '2001:db8:10::25',
  clientRouter6: '2001:db8:10::1',
  ports: [25, 587, 993],
} as const;

/**
 * The attacker namespace's addresses: one per attack, 203.0.113.<n> and
 * 2001:db8:<n>::<n> (each in its own IPv6 /48). Dovecot slows every login
 * from an address (an IPv6 /48) after each failure, up to 15 s, for 29 s
 * after the last one: separate attackers keep the scenarios quick. 77 is the
 * spam source listed on the lab's DNS blocklist (clients/dns_server.py).
 */
export const attackers = {smtpAuth: 66, imap: 67, probing: 68, spamBot: 69, control: 70, recidive: 71, nftControl: 72, listed: 77} as const;
export type AttackerSlot = keyof typeof attackers;

export type Family = 'ipv4' | 'ipv6';

/** A client address, the namespace it lives in, and the published address it connects to. */
export interface Peer {
  ns: Namespace;
  address: string;
  family: Family;
  /** The published address of the Docker host in this family. */
  published: string;
}

export function attacker(slot: AttackerSlot, family: Family): Peer {
  const n = attackers[slot];
  return family === 'ipv6'
    ? {ns: ns.attacker, address: `2001:db8:${n}::${n}`, family, published: net.published6}
    : {ns: ns.attacker, address: `203.0.113.${n}`, family, published: net.published};
}

export function peer(kind: 'client' | 'mx', family: Family): Peer {
  const v6 = family === 'ipv6';
  const address = {client: v6 ? net.client6 : net.client, mx: v6 ? net.mx6 : net.mx}[kind];
  return {ns: ns.client, address, family, published: v6 ? net.published6 : net.published};
}

export const ns = {host: 'lab-host', mail: 'lab-mail', attacker: 'lab-attacker', client: 'lab-client'} as const;
export type Namespace = (typeof ns)[keyof typeof ns];

export const accounts = {user: 'user1@example.test', password: 'lab-secret-1', mailboxes: ['user1@example.test', 'user2@example.test']};

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (at most `timeoutSeconds`). */
export function run(command: string[], {timeoutSeconds = 60, input}: {timeoutSeconds?: number; input?: string} = {}): Result {
  const result = spawnSync(command[0], command.slice(1), {encoding: 'utf8', timeout: timeoutSeconds * 1000, input, killSignal: 'SIGKILL'});
  return {code: result.status ?? -1, stdout: result.stdout ?? '', stderr: (result.stderr ?? '') + (result.error ? String(result.error) : '')};
}

/** Runs a command and throws with its output when it fails. */
export function must(command: string[], options?: {timeoutSeconds?: number; input?: string}): string {
  const result = run(command, options);
  if (result.code !== 0) throw new Error(`${command.join(' ')} exited ${result.code}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export const inNs = (name: Namespace, command: string[]) => ['ip', 'netns', 'exec', name, ...command];

export const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

export class Lab {
  /** Temp folder of this run: the containers' state, the host's /var/log and /data/fail2ban. */
  readonly dir: string;
  readonly mailState: string;
  readonly hostVarLog: string;
  readonly hostData: string;
  readonly f2bEtc: string;
  readonly f2bSocket: string;
  readonly mailLog: string;
  private readonly made: string[] = [];
  private mail?: ChildProcess;
  private fail2ban?: ChildProcess;
  private createdDataDir = false;
  f2bEnv: Record<string, string> = {};

  constructor(readonly edition: Edition) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'mailguide-lab-'));
    this.made.push(`temp folder ${this.dir}`);
    this.mailState = path.join(this.dir, 'mail');
    this.hostVarLog = path.join(this.dir, 'host/var/log');
    this.hostData = path.join(this.dir, 'host/data/fail2ban');
    this.f2bEtc = path.join(this.dir, 'f2b-image/etc/fail2ban');
    this.f2bSocket = path.join(this.dir, 'f2b-run/fail2ban.sock');
    this.mailLog = path.join(this.hostVarLog, 'mail/mail.log');
  }

  // ---- network -----------------------------------------------------------

  /** The namespaces and Docker's published-port rules (nothing in the root namespace). */
  networkUp(): void {
    for (const name of Object.values(ns)) {
      if (existsSync(`/run/netns/${name}`)) throw new Error(`network namespace ${name} exists: is another lab running? (ip netns del ${name})`);
    }
    for (const name of Object.values(ns)) {
      must(['ip', 'netns', 'add', name]);
      this.made.push(`netns ${name}`);
      must(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
    }
    const h = (...args: string[]) => must(['ip', '-n', ns.host, ...args]);
    h('link', 'add', 'docker0', 'type', 'bridge');
    h('link', 'add', 'ext0', 'type', 'bridge');
    // nodad: the addresses are usable at once (no duplicate address detection on a private bridge).
    const v6 = (address: string) => [`${address}/64`, 'nodad'];
    h('addr', 'add', `${net.gateway}/16`, 'dev', 'docker0');
    h('addr', 'add', ...v6(net.gateway6), 'dev', 'docker0');
    h('addr', 'add', `${net.published}/24`, 'dev', 'ext0');
    const attackers6 = Object.values(attackers).map((n) => `2001:db8:${n}::${n}`);
    const attackerRouters6 = Object.values(attackers).map((n) => `2001:db8:${n}::1`);
    for (const address of [net.published6, ...attackerRouters6, net.clientRouter6]) h('addr', 'add', ...v6(address), 'dev', 'ext0');
    const veth = (hostSide: string, bridge: string, peerNs: Namespace, addresses: string[], via: string, addresses6: string[], via6: string) => {
      must(['ip', 'link', 'add', hostSide, 'netns', ns.host, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', peerNs]);
      h('link', 'set', hostSide, 'master', bridge, 'up');
      for (const address of addresses) must(['ip', '-n', peerNs, 'addr', 'add', address, 'dev', 'eth0']);
      for (const address of addresses6) must(['ip', '-n', peerNs, 'addr', 'add', ...v6(address), 'dev', 'eth0']);
      must(['ip', '-n', peerNs, 'link', 'set', 'eth0', 'up']);
      must(['ip', '-n', peerNs, 'route', 'add', 'default', 'via', via]);
      must(['ip', '-n', peerNs, '-6', 'route', 'add', 'default', 'via', via6]);
    };
    veth('veth-mail', 'docker0', ns.mail, [`${net.container}/16`], net.gateway, [net.container6], net.gateway6);
    veth(
      'veth-attacker',
      'ext0',
      ns.attacker,
      Object.values(attackers).map((n) => `203.0.113.${n}/24`),
      net.published,
      attackers6,
      attackerRouters6[0],
    );
    veth('veth-client', 'ext0', ns.client, [`${net.client}/24`, `${net.mx}/24`], net.published, [net.client6, net.mx6], net.clientRouter6);
    h('link', 'set', 'docker0', 'up');
    h('link', 'set', 'ext0', 'up');
    must(inNs(ns.host, ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']));
    this.dockerRules('iptables');
    this.dockerRules('ip6tables');
  }

  /**
   * The rules Docker writes for a container publishing 25, 587 and 993
   * (iptables backend; for IPv6 with `ip6tables: true` in daemon.json, the
   * same rules in ip6tables with the container's IPv6 address).
   */
  private dockerRules(tool: 'iptables' | 'ip6tables'): void {
    const ipt = (...args: string[]) => must(inNs(ns.host, [tool, ...args]));
    const v6 = tool === 'ip6tables';
    const subnet = v6 ? `${net.gateway6.replace(/1$/, '')}/64` : '172.17.0.0/16';
    const container = v6 ? net.container6 : net.container;
    ipt('-t', 'nat', '-N', 'DOCKER');
    ipt('-t', 'nat', '-A', 'PREROUTING', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'DOCKER');
    ipt('-t', 'nat', '-A', 'POSTROUTING', '-s', subnet, '!', '-o', 'docker0', '-j', 'MASQUERADE');
    ipt('-t', 'nat', '-A', 'DOCKER', '-i', 'docker0', '-j', 'RETURN');
    for (const port of net.ports) {
      ipt(
        '-t',
        'nat',
        '-A',
        'DOCKER',
        '!',
        '-i',
        'docker0',
        '-p',
        'tcp',
        '-m',
        'tcp',
        '--dport',
        `${port}`,
        '-j',
        'DNAT',
        '--to-destination',
        v6 ? `[${container}]:${port}` : `${container}:${port}`,
      );
    }
    for (const chain of ['DOCKER', 'DOCKER-USER', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2']) ipt('-N', chain);
    ipt('-P', 'FORWARD', 'DROP');
    ipt('-A', 'FORWARD', '-j', 'DOCKER-USER');
    ipt('-A', 'FORWARD', '-j', 'DOCKER-ISOLATION-STAGE-1');
    ipt('-A', 'FORWARD', '-o', 'docker0', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT');
    ipt('-A', 'FORWARD', '-o', 'docker0', '-j', 'DOCKER');
    ipt('-A', 'FORWARD', '-i', 'docker0', '!', '-o', 'docker0', '-j', 'ACCEPT');
    ipt('-A', 'FORWARD', '-i', 'docker0', '-o', 'docker0', '-j', 'ACCEPT');
    for (const port of net.ports) {
      ipt('-A', 'DOCKER', '-d', `${container}/${v6 ? 128 : 32}`, '!', '-i', 'docker0', '-o', 'docker0', '-p', 'tcp', '-m', 'tcp', '--dport', `${port}`, '-j', 'ACCEPT');
    }
    ipt('-A', 'DOCKER-ISOLATION-STAGE-1', '-i', 'docker0', '!', '-o', 'docker0', '-j', 'DOCKER-ISOLATION-STAGE-2');
    ipt('-A', 'DOCKER-ISOLATION-STAGE-1', '-j', 'RETURN');
    ipt('-A', 'DOCKER-ISOLATION-STAGE-2', '-o', 'docker0', '-j', 'DROP');
    ipt('-A', 'DOCKER-ISOLATION-STAGE-2', '-j', 'RETURN');
    ipt('-A', 'DOCKER-USER', '-j', 'RETURN');
  }

  /** `iptables -L -v` and `ip6tables -L -v` of the host namespace (for failure reports). */
  firewall(): string {
    return ['iptables', 'ip6tables'].map((tool) => `# ${tool}\n${run(inNs(ns.host, [tool, '-L', '-v', '-n', '-x'])).stdout.trim()}`).join('\n');
  }

  /**
   * Where the bans of `source` sit and what their rules counted: the chains
   * that jump to `f2b-<jail>` (DOCKER-USER, INPUT), and, over every jail
   * banning `source`, the packets of the jump rules and of the REJECT rules
   * for `source` (the first jail in the chain rejects; the others see nothing).
   */
  banRules(jail: string, source: string): {chains: string[]; jumpPackets: number; rejectPackets: number} {
    const tool = source.includes(':') ? 'ip6tables' : 'iptables';
    const rules = run(inNs(ns.host, [tool, '-S'])).stdout.split('\n');
    const jumps = rules.filter((rule) => rule.startsWith('-A ') && / -j f2b-\S+$/.test(rule)).map((rule) => ({from: rule.split(' ')[1], to: rule.split(' -j ')[1]}));
    const chains = [...new Set(jumps.filter((jump) => jump.to === `f2b-${jail}`).map((jump) => jump.from))];
    const rows = (chain: string) =>
      run(inNs(ns.host, [tool, '-L', chain, '-v', '-n', '-x']))
        .stdout.split('\n')
        .slice(2)
        .map((row) => row.trim().split(/\s+/));
    let jumpPackets = 0;
    let rejectPackets = 0;
    for (const to of new Set(jumps.map((jump) => jump.to))) {
      const banRow = rows(to).find((row) => row.includes(source) || row.includes(`${source}/32`) || row.includes(`${source}/128`));
      if (!banRow) continue;
      rejectPackets += Number(banRow[0]);
      for (const from of new Set(jumps.filter((jump) => jump.to === to).map((jump) => jump.from))) {
        for (const row of rows(from)) if (row[2] === to) jumpPackets += Number(row[0]);
      }
    }
    return {chains, jumpPackets, rejectPackets};
  }

  // ---- the mail container ------------------------------------------------

  /** Writes the mail container's configuration: the templates, a certificate, the accounts. */
  prepareMail(): void {
    const s = (...parts: string[]) => path.join(this.mailState, ...parts);
    const root = this.edition.root;
    for (const folder of ['etc', 'spool', 'lib', 'mail']) mkdirSync(s(folder), {recursive: true});
    mkdirSync(path.dirname(this.mailLog), {recursive: true});
    must(['cp', '-a', path.join(root, 'etc/postfix'), s('etc/postfix')]);
    rmSync(s('etc/postfix/main.cf'), {force: true});
    copyFileSync(path.join(configDir, 'postfix-main.cf'), s('etc/postfix/main.cf'));
    appendFileSync(s('etc/postfix/master.cf'), `\n${readFileSync(path.join(configDir, 'postfix-master.cf'), 'utf8')}`);
    writeFileSync(s('etc/postfix/lab-vmailbox'), accounts.mailboxes.map((box) => `${box} ${box.split('@')[1]}/${box.split('@')[0]}/\n`).join(''));
    mkdirSync(s('etc/dovecot'));
    copyFileSync(path.join(configDir, this.edition.dovecotConfig), s('etc/dovecot/dovecot.conf'));
    copyFileSync(path.join(configDir, 'rsyslog.conf'), s('etc/rsyslog.conf'));
    copyFileSync(path.join(configDir, 'resolv.conf'), s('etc/resolv.conf'));
    must([
      'openssl',
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=mail.example.test',
      '-keyout',
      s('etc/postfix/lab-tls.key'),
      '-out',
      s('etc/postfix/lab-tls.crt'),
    ]);
    copyFileSync(s('etc/postfix/lab-tls.key'), s('etc/dovecot/lab-tls.key'));
    copyFileSync(s('etc/postfix/lab-tls.crt'), s('etc/dovecot/lab-tls.crt'));
    const hash = must(inEdition(this.edition, ['doveadm', 'pw', '-s', 'SHA512-CRYPT', '-p', accounts.password])).trim();
    writeFileSync(s('etc/dovecot/lab-users'), accounts.mailboxes.map((box) => `${box}:${hash}\n`).join(''), {mode: 0o640});
    // Owners as the edition's root names them (a chroot's ids differ from this machine's).
    must(['chown', `0:${this.id('group', 'dovecot')}`, s('etc/dovecot/lab-users')]);
    must(['chown', '5000:5000', s('mail')]);
    must(['chown', `${this.id('passwd', 'postfix')}:${this.id('group', 'postfix')}`, s('lib')]);
    // The spool as the package leaves it, owners and modes kept.
    rmSync(s('spool'), {recursive: true});
    must(['cp', '-a', path.join(root, 'var/spool/postfix'), s('spool')]);
  }

  /** The numeric id of a user or group in the edition's root. */
  private id(database: 'passwd' | 'group', name: string): string {
    const entry = readFileSync(path.join(this.edition.root, 'etc', database), 'utf8')
      .split('\n')
      .find((line) => line.startsWith(`${name}:`));
    if (!entry) throw new Error(`no ${database} entry ${name} in ${this.edition.root}`);
    return entry.split(':')[2];
  }

  async startMail(): Promise<void> {
    const out = openSync(path.join(this.dir, 'mail-container.out'), 'a');
    this.mail = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns.mail,
        'unshare',
        '-m',
        '--propagation',
        'private',
        'bash',
        path.join(labDir, 'containers/mail-entrypoint.sh'),
        this.mailState,
        this.hostVarLog,
        this.edition.root,
      ],
      {stdio: ['ignore', out, out]},
    );
    this.made.push(`mail container pid ${this.mail.pid}`);
    for (let waited = 0; waited < 30; waited += 0.5) {
      if ([25, 587, 993].every((port) => this.listening(port))) return;
      if (this.mail.exitCode !== null) break;
      await sleep(0.5);
    }
    throw new Error(`the mail container did not start:\n${readFileSync(path.join(this.dir, 'mail-container.out'), 'utf8')}\n${this.log()}`);
  }

  private listening(port: number): boolean {
    return run(inNs(ns.mail, ['ss', '-Hltn', `sport = :${port}`])).stdout.trim() !== '';
  }

  log(): string {
    return existsSync(this.mailLog) ? readFileSync(this.mailLog, 'utf8') : '';
  }

  truncateLog(): void {
    if (existsSync(this.mailLog)) truncateSync(this.mailLog);
  }

  // ---- the fail2ban container ----------------------------------------------

  /** The image's /etc/fail2ban: the stock configuration without jail.d (the Dockerfile deletes it). */
  prepareFail2ban(): void {
    cpSync(path.join(this.edition.root, 'etc/fail2ban'), this.f2bEtc, {recursive: true});
    rmSync(path.join(this.f2bEtc, 'jail.d'), {recursive: true, force: true});
    mkdirSync(this.hostData, {recursive: true});
    mkdirSync(path.dirname(this.f2bSocket), {recursive: true});
    if (this.edition.root === '/' && !existsSync('/data')) {
      // The container's /data is a mount point; it has to exist to mount on it.
      mkdirSync('/data');
      this.createdDataDir = true;
      this.made.push("empty folder /data (mount point of the lab container's /data)");
    }
  }

  async startFail2ban(): Promise<void> {
    const outFile = path.join(this.dir, 'fail2ban.out');
    const out = openSync(outFile, 'a');
    this.fail2ban = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns.host,
        'unshare',
        '-m',
        '--propagation',
        'private',
        'bash',
        path.join(labDir, 'containers/fail2ban-entrypoint.sh'),
        this.f2bEtc,
        this.hostData,
        this.hostVarLog,
        this.f2bSocket,
        this.edition.root,
      ],
      {stdio: ['ignore', out, out], env: {...process.env, ...this.f2bEnv}},
    );
    this.made.push(`fail2ban container pid ${this.fail2ban.pid}`);
    for (let waited = 0; waited < 20; waited += 0.25) {
      if (run(this.f2bClient(['ping']), {timeoutSeconds: 5}).code === 0 && this.f2b(['status']).includes('Jail list')) return;
      if (this.fail2ban.exitCode !== null) break;
      await sleep(0.25);
    }
    throw new Error(`fail2ban did not start:\n${readFileSync(outFile, 'utf8').slice(-4000)}`);
  }

  async stopFail2ban(): Promise<void> {
    const child = this.fail2ban;
    if (!child || child.exitCode !== null) return;
    run(this.f2bClient(['stop']), {timeoutSeconds: 15});
    await this.waitExit(child, 15);
    this.fail2ban = undefined;
  }

  /** A clean fail2ban for the next scenario: log, database and bans emptied. */
  async restartFail2ban(): Promise<void> {
    await this.stopFail2ban();
    this.truncateLog();
    rmSync(path.join(this.hostData, 'db'), {recursive: true, force: true});
    // fail2ban's own log is emptied, not removed: the recidive jail reads it,
    // and fail2ban 1.0.2 refuses to start a jail whose log file is missing.
    const f2bLog = this.f2bLogFile();
    if (f2bLog && existsSync(f2bLog)) truncateSync(f2bLog);
    await this.startFail2ban();
  }

  /** The host path of fail2ban's own log when F2B_LOG_TARGET puts it under /data. */
  f2bLogFile(): string | undefined {
    const target = this.f2bEnv.F2B_LOG_TARGET;
    return target?.startsWith('/data/') ? path.join(this.hostData, target.slice('/data/'.length)) : undefined;
  }

  /** The edition's fail2ban-client (in a chroot: the socket's folder is at /run/lab-f2b, as for the server). */
  private f2bClient(args: string[]): string[] {
    if (this.edition.root === '/') return inNs(ns.host, ['fail2ban-client', '-s', this.f2bSocket, ...args]);
    const [command, ...rest] = inEdition(this.edition, ['fail2ban-client', '-s', `/run/lab-f2b/${path.basename(this.f2bSocket)}`, ...args]);
    return inNs(ns.host, [command, rest[0], '--bind', path.dirname(this.f2bSocket), '/run/lab-f2b', ...rest.slice(1)]);
  }

  /** `nft list ruleset` of the host namespace, with the edition's nft. */
  nftRuleset(): string {
    return run(inNs(ns.host, inEdition(this.edition, ['nft', 'list', 'ruleset']))).stdout;
  }

  f2b(args: string[]): string {
    const result = run(this.f2bClient(args), {timeoutSeconds: 15});
    return result.stdout + result.stderr;
  }

  jails(): string[] {
    const line =
      this.f2b(['status'])
        .split('\n')
        .find((row) => row.includes('Jail list:')) ?? '';
    return (
      line
        .split(':')[1]
        ?.split(',')
        .map((jail) => jail.trim())
        .filter(Boolean) ?? []
    );
  }

  /** `fail2ban-client status <jail>` as numbers and the banned addresses. */
  jailStatus(jail: string): {failed: number; totalFailed: number; banned: string[]; text: string} {
    const text = this.f2b(['status', jail]);
    const field = (name: string) =>
      text
        .split('\n')
        .find((row) => row.includes(`${name}:`))
        ?.split(':')
        .slice(1)
        .join(':')
        .trim() ?? '';
    return {failed: Number(field('Currently failed')), totalFailed: Number(field('Total failed')), banned: field('Banned IP list').split(/\s+/).filter(Boolean), text};
  }

  fail2banOutput(): string {
    const file = path.join(this.dir, 'fail2ban.out');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  // ---- clients -------------------------------------------------------------

  /** One client connection from `from` (bounded by `seconds`) to the published address in its family. */
  client(from: Peer, args: string[], {seconds = 30, signal}: {seconds?: number; signal?: AbortSignal} = {}): Promise<string> {
    const [command, ...rest] = args;
    // Every client binds its own address (the namespaces hold several).
    const argv = inNs(from.ns, [
      'timeout',
      `${seconds}`,
      'env',
      `LAB_SOURCE=${from.address}`,
      'python3',
      path.join(labDir, 'clients/mail_client.py'),
      command,
      from.published,
      ...rest,
    ]);
    return new Promise((resolve) => {
      const child = spawn(argv[0], argv.slice(1), {stdio: ['ignore', 'pipe', 'pipe']});
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const guard = setTimeout(() => child.kill('SIGKILL'), (seconds + 5) * 1000);
      // Aborted: TERM to `timeout`, which passes it on to the client.
      const abort = () => child.kill('SIGTERM');
      signal?.addEventListener('abort', abort);
      child.on('close', (code) => {
        clearTimeout(guard);
        signal?.removeEventListener('abort', abort);
        resolve(signal?.aborted && !stdout.trim() ? 'aborted' : (stdout.trim() || `exit ${code} ${stderr.trim().split('\n').pop() ?? ''}`).trim());
      });
      if (signal?.aborted) abort();
    });
  }

  /**
   * Quietens a banned client before its next connection is counted: aborts the
   * TCP connections it still has to the published address (a session cut by
   * the ban retransmits for minutes), and drops, in its own namespace, the
   * server's late segments for them (each would draw a reset into the ban's
   * counters). `release` removes that rule.
   */
  quieten(from: Peer): {release: () => void} {
    const address = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip);
    const tool = from.family === 'ipv6' ? 'ip6tables' : 'iptables';
    const rule = ['INPUT', '-p', 'tcp', '-s', from.published, '-d', from.address, '-j', 'DROP'];
    must(inNs(from.ns, [tool, '-I', ...rule]));
    run(inNs(from.ns, ['ss', '-K', '-t', 'src', address(from.address), 'dst', address(from.published)]));
    const left = run(inNs(from.ns, ['ss', '-Htan', 'src', address(from.address), 'dst', address(from.published)]))
      .stdout.split('\n')
      .filter((row) => row.trim() && !row.startsWith('TIME-WAIT'));
    if (left.length > 0) throw new Error(`connections from ${from.address} survived ss -K:\n${left.join('\n')}`);
    return {release: () => void must(inNs(from.ns, [tool, '-D', ...rule]))};
  }

  // ---- teardown --------------------------------------------------------------

  private async waitExit(child: ChildProcess, seconds: number): Promise<void> {
    for (let waited = 0; waited < seconds && child.exitCode === null && child.signalCode === null; waited += 0.1) await sleep(0.1);
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
      await sleep(0.2);
    }
  }

  /** Stops what the lab started (by PID), deletes its namespaces, folders and /data if it made it. */
  async teardown({keep = false}: {keep?: boolean} = {}): Promise<void> {
    await this.stopFail2ban().catch(() => {});
    for (const child of [this.fail2ban, this.mail]) {
      if (child?.pid && child.exitCode === null) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // Gone already.
        }
        await this.waitExit(child, 10);
      }
    }
    // Anything still running in a lab namespace was started by the lab: killed, and waited for.
    const left = () => Object.values(ns).flatMap((name) => (existsSync(`/run/netns/${name}`) ? run(['ip', 'netns', 'pids', name]).stdout.split(/\s+/).filter(Boolean) : []));
    for (let waited = 0; waited < 5 && left().length > 0; waited += 0.2) {
      for (const pid of left()) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      await sleep(0.2);
    }
    if (left().length > 0) console.error(`lab: processes left in the lab's namespaces: ${left().join(' ')}`);
    for (const name of Object.values(ns)) {
      if (existsSync(`/run/netns/${name}`)) run(['ip', 'netns', 'del', name]);
    }
    if (this.createdDataDir) {
      try {
        rmdirSync('/data');
      } catch (error) {
        console.error(`lab: could not remove /data: ${error}`);
      }
    }
    // The chroot's mounts live in the containers' private mount namespaces and end with them: check.
    if (this.edition.root !== '/') {
      for (const point of mountsUnder(this.edition.root).reverse()) {
        console.error(`lab: unmounting ${point}, left in the root mount namespace`);
        run(['umount', '-l', point]);
      }
    }
    if (!keep) rmSync(this.dir, {recursive: true, force: true});
  }
}
