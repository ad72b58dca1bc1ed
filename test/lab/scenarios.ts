/**
 * One scenario per claim of the mail and fail2ban pages. Each starts with an
 * empty mail log and a freshly started fail2ban (no failures, no bans), drives
 * real clients from the attacker or client namespace, over IPv4 or IPv6, and
 * asserts the log, the jails' status, the firewall counters and what the next
 * connection gets. What it saw goes into `observed` (results.json).
 */
import {rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {accounts, attacker as attackerPeer, net, peer, sleep, type AttackerSlot, type Family, type Lab, type Peer} from './lab.ts';

export class ScenarioFailure extends Error {}

/** What a scenario saw of one client address, for the page's results (test/lab/run.ts --record). */
export interface AddressObserved {
  family: Family;
  /** Tries made from this address (an attacker's attempts, a legitimate client's tries). */
  attempts: number;
  /** Banned by the jail(s) the page says act on it (for legitimate traffic: by any jail). */
  banned: boolean;
  /** The attempt after which the ban was in place. */
  bannedAfterAttempts?: number;
  /** The next connection after the ban was refused (false: it reached the daemon). */
  nextConnectionRefused?: boolean;
  /**
   * Packets the firewall counted for that next connection: on the rule in
   * DOCKER-USER (or INPUT) that jumps to the jail's chain, and on the jail's
   * REJECT rule for the address.
   */
  counters?: {chain: string; chainRulePackets: number; banRulePackets: number};
}

/** What a scenario saw: per client address. */
export type Observed = Record<string, AddressObserved>;

export interface Context {
  lab: Lab;
  /** The installed jails (from the bundle's jail.d files): name → settings. */
  jails: Record<string, Record<string, string>>;
  /** Notes printed under the scenario. */
  note(text: string): void;
  /** What the scenario saw, per client address (filled as it goes). */
  observed: Observed;
}

export type Kind = 'attacker' | 'legitimate' | 'control';

export interface Scenario {
  name: string;
  claim: string;
  kind: Kind;
  /** The jails the page says act on this traffic (none for legitimate traffic). */
  jails: string[];
  /** The client addresses the scenario is about (IPv4 and IPv6). */
  addresses: string[];
  /** Jail settings written to jail.d before fail2ban starts (the negative controls). */
  override?: string;
  /** Only these editions run it (test/lab/editions.ts); all when absent. */
  editions?: string[];
  run(context: Context): Promise<void>;
}

/** Fails with what was expected and what the log, the jails and the firewall show. */
function fail(context: Context, expected: string, actual: string, jails: string[] = Object.keys(context.jails)): never {
  const {lab} = context;
  const status = jails
    .filter((jail) => lab.jails().includes(jail))
    .map((jail) => lab.jailStatus(jail).text.trim())
    .join('\n');
  const log = lab.log().trim().split('\n').slice(-30).join('\n');
  throw new ScenarioFailure(
    [
      `expected: ${expected}`,
      `actual:   ${actual}`,
      '--- mail.log (last 30 lines)',
      log,
      '--- fail2ban-client status',
      status,
      '--- firewall (host namespace)',
      lab.firewall().trim(),
    ].join('\n'),
  );
}

function maxretry(context: Context, jail: string): number {
  const settings = context.jails[jail];
  if (!settings) fail(context, `a jail [${jail}] in the page's jail.d files`, `jails: ${Object.keys(context.jails).join(', ')}`);
  return Number(settings.maxretry ?? 5);
}

async function waitFor(seconds: number, condition: () => boolean): Promise<boolean> {
  for (let waited = 0; waited <= seconds; waited += 0.5) {
    if (condition()) return true;
    await sleep(0.5);
  }
  return false;
}

/** The address banned by which running jails. */
function bannedBy(lab: Lab, address: string): string[] {
  return lab.jails().filter((jail) => lab.jailStatus(jail).banned.includes(address));
}

/** Waits (at most 10 s) until the ban rules of `peers` counted nothing for a second. */
async function quiet(lab: Lab, jail: string, peers: Peer[]): Promise<void> {
  const count = () => peers.map((from) => lab.banRules(jail, from.address).rejectPackets).join(',');
  let last = count();
  for (let waited = 0; waited < 10; waited += 1) {
    await sleep(1);
    const now = count();
    if (now === last) return;
    last = now;
  }
}

async function checkAll(context: Context, outcomes: {from: Peer; index: number; outcome: string}[], expected: RegExp, allowCut = false): Promise<void> {
  for (const {from, index, outcome} of outcomes) {
    // The last attempt may be cut by the ban itself: the rule in DOCKER-USER comes before Docker's ESTABLISHED accept.
    const cutByBan = allowCut && /^(aborted|exit 124|timeout|closed)/.test(outcome);
    if (!expected.test(outcome) && !cutByBan) fail(context, `attempt ${index} from ${from.address} answered ${expected}`, outcome);
  }
}

/**
 * Attackers (one IPv4, one IPv6 address, side by side) repeat `attempt` until
 * the page's jail bans them: not banned after maxretry − 1 failures each,
 * banned after maxretry, then each one's next connection to the published
 * port is refused by the jail's rule in DOCKER-USER (iptables, ip6tables).
 * `between` runs after each round of attempts (legitimate traffic that must
 * not be counted).
 */
async function attackersAreBanned(
  context: Context,
  attackers: Peer[],
  jail: string,
  port: number,
  attempt: (from: Peer, index: number, signal: AbortSignal) => Promise<string>,
  expectedOutcome: RegExp,
  {failuresPerAttempt = 1, between}: {failuresPerAttempt?: number; between?: () => Promise<void>} = {},
): Promise<void> {
  const {lab, observed} = context;
  const limit = maxretry(context, jail);
  const attempts = Math.ceil(limit / failuresPerAttempt);
  for (const from of attackers) observed[from.address] = {family: from.family, attempts: 0, banned: false};
  const allBanned = () => {
    const banned = lab.jailStatus(jail).banned;
    return attackers.every((from) => banned.includes(from.address));
  };
  const round = async (indexes: number[], last: boolean) => {
    const tries = attackers.flatMap((from) => indexes.map((index) => ({from, index})));
    const stop = new AbortController();
    const running = Promise.all(tries.map(async ({from, index}) => ({from, index, outcome: await attempt(from, index, stop.signal)})));
    if (last) {
      // The ban cuts the last attempts mid-session (the rule in DOCKER-USER comes before Docker's
      // ESTABLISHED accept): once every attacker is banned, their clients stop waiting.
      let settled = false;
      void running.finally(() => (settled = true));
      await waitFor(40, () => settled || allBanned());
      stop.abort();
    }
    const outcomes = await running;
    for (const {from} of tries) observed[from.address].attempts += 1;
    await checkAll(context, outcomes, expectedOutcome, last);
    await between?.();
  };
  // Attempts 1 … maxretry − 1 side by side (as a botnet does; dovecot slows each address after a failure).
  if (attempts > 1) {
    await round(
      Array.from({length: attempts - 1}, (_, index) => index + 1),
      false,
    );
    const counted = (attempts - 1) * failuresPerAttempt * attackers.length;
    await waitFor(8, () => lab.jailStatus(jail).totalFailed >= counted);
    const status = lab.jailStatus(jail);
    if (status.totalFailed !== counted)
      fail(
        context,
        `[${jail}] counts ${counted} failure(s) after ${attempts - 1} attempt(s) from each of ${attackers.map((from) => from.address).join(', ')}`,
        `Total failed: ${status.totalFailed}`,
        [jail],
      );
    const early = attackers.filter((from) => status.banned.includes(from.address));
    if (early.length > 0)
      fail(context, `nobody banned before maxretry = ${limit}`, `${early.map((from) => from.address).join(', ')} banned after ${attempts - 1} attempt(s)`, [jail]);
  }
  await round([attempts], true);
  for (const from of attackers) {
    if (!(await waitFor(15, () => lab.jailStatus(jail).banned.includes(from.address)))) {
      fail(context, `[${jail}] bans ${from.address} after maxretry = ${limit} failures`, `not banned; Total failed: ${lab.jailStatus(jail).totalFailed}`, [jail]);
    }
    Object.assign(observed[from.address], {banned: true, bannedAfterAttempts: attempts});
    context.note(`[${jail}] banned ${from.address} after ${limit} failure(s) (${attempts} attempt(s)); banned by: ${bannedBy(lab, from.address).join(', ')}`);
  }
  // Sessions cut by the ban keep sending (retransmissions, RSTs to the server's late replies):
  // abort them and wait until the ban rules count nothing more, so the counters below are the next connection's.
  const quietened = attackers.map((from) => lab.quieten(from));
  await quiet(lab, jail, attackers);
  for (const from of attackers) {
    const tool = from.family === 'ipv6' ? 'ip6tables' : 'iptables';
    const before = lab.banRules(jail, from.address);
    if (!before.chains.includes('DOCKER-USER'))
      fail(context, `the ban of [${jail}] sits in DOCKER-USER (${tool})`, `jumps to f2b-${jail} from: ${before.chains.join(', ') || 'nowhere'}`, [jail]);
    const next = await lab.client(from, ['connect', `${port}`], {seconds: 10});
    const after = lab.banRules(jail, from.address);
    const counters = {chain: 'DOCKER-USER', chainRulePackets: after.jumpPackets - before.jumpPackets, banRulePackets: after.rejectPackets - before.rejectPackets};
    Object.assign(observed[from.address], {nextConnectionRefused: next === 'refused', counters});
    if (next !== 'refused') fail(context, `${from.address}'s next connection to [${from.published}]:${port} is refused`, next, [jail]);
    if (counters.banRulePackets < 1) fail(context, `a REJECT rule for ${from.address} (${tool}) counted its next connection`, `${counters.banRulePackets} packets`, [jail]);
    context.note(
      `${from.address}: next connection to [${from.published}]:${port} refused; ${tool} DOCKER-USER → f2b-*: ${counters.chainRulePackets} packet(s), REJECT: ${counters.banRulePackets} packet(s)`,
    );
  }
  for (const {release} of quietened) release();
  for (const family of new Set(attackers.map((from) => from.family))) {
    const user = await lab.client(peer('client', family), ['imap-login', accounts.user, accounts.password]);
    if (user !== 'ok') fail(context, `the legitimate client ${peer('client', family).address} still logs in`, user);
  }
}

/**
 * Legitimate traffic, repeated more often than any jail's maxretry from its
 * IPv4 and its IPv6 address (side by side): nobody counted, nobody banned.
 */
async function neverBanned(context: Context, who: 'client' | 'mx', times: number, action: (from: Peer, index: number) => Promise<string>, expectedOutcome: RegExp): Promise<void> {
  const {lab, observed} = context;
  const outcomes = new Set<string>();
  const senders = (['ipv4', 'ipv6'] as const).map((family) => peer(who, family));
  await Promise.all(
    senders.map(async (from) => {
      observed[from.address] = {family: from.family, attempts: 0, banned: false};
      for (let index = 1; index <= times; index += 1) {
        const outcome = await action(from, index);
        observed[from.address].attempts += 1;
        outcomes.add(outcome);
        if (!expectedOutcome.test(outcome)) fail(context, `the server answers ${expectedOutcome} (${from.address}, try ${index})`, outcome);
      }
    }),
  );
  await sleep(3); // the log is read by polling: give fail2ban time to see every line
  const counted = lab
    .jails()
    .map((jail) => ({jail, status: lab.jailStatus(jail)}))
    .filter(({status}) => status.totalFailed > 0 || status.banned.length > 0);
  for (const from of senders) observed[from.address].banned = counted.some(({status}) => status.banned.includes(from.address));
  const addresses = senders.map((from) => from.address).join(' and ');
  if (counted.length > 0) {
    fail(
      context,
      `no jail counts or bans ${addresses} after ${times} tries each`,
      counted.map(({jail, status}) => `[${jail}] Total failed ${status.totalFailed}, banned: ${status.banned.join(' ') || 'none'}`).join('; '),
    );
  }
  context.note(`${times} tries each from ${addresses} (${[...outcomes].join(' / ')}): no jail counted a failure`);
}

/** Tries per address of each legitimate scenario: more than any jail's maxretry (3). */
const times = 4;

/** The IPv4 and the IPv6 address of one attacker slot. */
const both = (slot: AttackerSlot) => [attackerPeer(slot, 'ipv4'), attackerPeer(slot, 'ipv6')];
const addresses = (peers: Peer[]) => peers.map((from) => from.address);

const smtpAuth = both('smtpAuth');
const imap = both('imap');
const probing = both('probing');
const spamBot = both('spamBot');
const listed = both('listed');
const control = attackerPeer('control', 'ipv4');
const nftControl = both('nftControl');
const repeat = attackerPeer('recidive', 'ipv4');

/** What the spam bot tries, in turn: talk before the greeting, relay, greet as localhost. */
const spamBotAttempt = (lab: Lab, from: Peer, index: number, signal?: AbortSignal) =>
  [
    () => lab.client(from, ['smtp-pipelining', '25', 'bot.attacker.test'], {signal}),
    () => lab.client(from, ['smtp-deliver', '25', 'bot.attacker.test', '', `victim${index}@elsewhere.example`], {signal}),
    () => lab.client(from, ['smtp-deliver', '25', 'localhost', '', accounts.user], {signal}),
  ][index % 3]();

export const scenarios: Scenario[] = [
  {
    name: 'smtp-auth-brute-force',
    // Dovecot checks the password and logs before postfix answers: [mail-dovecot] bans on the
    // maxretry-th auth line and may cut the session before postfix logs its SASL warning.
    claim: 'An address guessing SMTP AUTH passwords on 587 is banned by [mail-dovecot] (dovecot checks them) after its maxretry, and its next connection is refused.',
    kind: 'attacker',
    jails: ['mail-dovecot'],
    addresses: addresses(smtpAuth),
    run: (context) =>
      attackersAreBanned(
        context,
        smtpAuth,
        'mail-dovecot',
        587,
        (from, index, signal) => context.lab.client(from, ['smtp-auth', '587', accounts.user, `wrong-${index}`, index % 2 ? 'PLAIN' : 'LOGIN'], {seconds: 25, signal}),
        /^auth-failed 535/,
      ),
  },
  {
    name: 'imap-password-guessing',
    claim: 'An address guessing passwords on IMAP 993 is banned by [mail-dovecot] after its maxretry, and its next connection is refused.',
    kind: 'attacker',
    jails: ['mail-dovecot'],
    addresses: addresses(imap),
    run: (context) =>
      attackersAreBanned(
        context,
        imap,
        'mail-dovecot',
        993,
        (from, index, signal) => context.lab.client(from, ['imap-login', index === 1 ? 'nobody@example.test' : accounts.user, `wrong-${index}`], {seconds: 25, signal}),
        /^auth-failed/,
      ),
  },
  {
    name: 'unknown-user-probing',
    claim: 'An address probing for user names on 25 until postfix cuts it off ("too many errors") is banned by [postfix], and its next connection is refused.',
    kind: 'attacker',
    jails: ['postfix'],
    addresses: addresses(probing),
    run: (context) =>
      attackersAreBanned(
        context,
        probing,
        'postfix',
        25,
        (from, index, signal) =>
          context.lab.client(from, ['smtp-deliver', '25', 'probe.attacker.test', '', ...Array.from({length: 22}, (_, rcpt) => `guess${index}x${rcpt}@example.test`)], {
            seconds: 60,
            signal,
          }),
        /^rejected .*RCPT=550.*disconnected|RCPT=421/,
      ),
  },
  {
    name: 'spam-bot-rejections',
    claim:
      'An address that tries to relay, greets with a non-qualified name or talks before the greeting is banned by [mail-postfix] after its maxretry, and its next connection is refused.',
    kind: 'attacker',
    jails: ['mail-postfix'],
    addresses: addresses(spamBot),
    run: (context) => attackersAreBanned(context, spamBot, 'mail-postfix', 25, (from, index, signal) => spamBotAttempt(context.lab, from, index, signal), /^(ok|rejected) /),
  },
  {
    name: 'blocklisted-sender',
    claim:
      'A server on a DNS blocklist that postfix asks (reject_rbl_client) is refused at RCPT and banned by [mail-postfix-rbl] after its maxretry, its next connection refused; a server not on the list delivers throughout and is never counted.',
    kind: 'attacker',
    jails: ['mail-postfix-rbl'],
    addresses: addresses(listed),
    run: (context) =>
      attackersAreBanned(
        context,
        listed,
        'mail-postfix-rbl',
        25,
        // The second try is a bounce (null sender), as spam sources send too.
        (from, index, signal) => context.lab.client(from, ['smtp-deliver', '25', 'mx.bulk.example', index === 2 ? '' : `news${index}@bulk.example`, accounts.user], {signal}),
        /^rejected MAIL=250 RCPT=554$/,
        {
          between: async () => {
            for (const mx of [peer('mx', 'ipv4'), peer('mx', 'ipv6')]) {
              const delivered = await context.lab.client(mx, ['smtp-deliver', '25', 'mx.sender.example', 'someone@sender.example', accounts.user]);
              if (delivered !== 'ok') fail(context, `the unlisted server ${mx.address} delivers`, delivered, ['mail-postfix-rbl']);
            }
          },
        },
      ),
  },
  {
    name: 'successful-logins',
    claim: 'Users who log in (IMAP on 993, SMTP AUTH on 587 and send) are never counted, however often.',
    kind: 'legitimate',
    jails: [],
    addresses: [net.client, net.client6],
    run: (context) =>
      neverBanned(
        context,
        'client',
        times,
        async (from) =>
          `${await context.lab.client(from, ['imap-login', accounts.user, accounts.password])} ${await context.lab.client(from, ['smtp-auth', '587', accounts.user, accounts.password])}`,
        /^ok ok$/,
      ),
  },
  {
    name: 'connect-without-login',
    claim: 'A client that opens IMAP over TLS and leaves without logging in (phones, IDLE reconnects) is never counted.',
    kind: 'legitimate',
    jails: [],
    addresses: [net.client, net.client6],
    run: (context) => neverBanned(context, 'client', times, (from) => context.lab.client(from, ['imap-no-login']), /^ok$/),
  },
  {
    name: 'old-tls-client',
    claim: 'An old client whose TLS 1.0 handshake dovecot refuses is never counted.',
    kind: 'legitimate',
    jails: [],
    addresses: [net.client, net.client6],
    run: (context) => neverBanned(context, 'client', times, (from) => context.lab.client(from, ['tls-old', '993']), /^(ok handshake refused|closed|tls-error)/),
  },
  {
    name: 'mistyped-address',
    claim: 'Another mail server delivering to a mistyped address (550 5.1.1 User unknown) is never counted.',
    kind: 'legitimate',
    jails: [],
    addresses: [net.mx, net.mx6],
    run: (context) =>
      neverBanned(
        context,
        'mx',
        times,
        (from, index) => context.lab.client(from, ['smtp-deliver', '25', 'mx.sender.example', 'someone@sender.example', `usre${index}@example.test`]),
        /^rejected MAIL=250 RCPT=550$/,
      ),
  },
  {
    name: 'temporary-rejection',
    claim: 'A server refused with a temporary 4xx (450 4.1.8 sender domain not found: DNS trouble) is never counted.',
    kind: 'legitimate',
    jails: [],
    addresses: [net.mx, net.mx6],
    run: (context) =>
      neverBanned(
        context,
        'mx',
        times,
        (from) => context.lab.client(from, ['smtp-deliver', '25', 'mx.sender.example', 'someone@unresolvable.example', accounts.user]),
        /^rejected MAIL=250 RCPT=450$/,
      ),
  },
  {
    name: 'negative-control-input-chain',
    claim: 'Control: the same ban in INPUT (no chain = DOCKER-USER) does not stop the attacker, so the lab can tell a broken setup from a working one.',
    kind: 'control',
    jails: ['mail-postfix'],
    addresses: [control.address],
    override: '[mail-postfix]\nchain = INPUT\n',
    async run(context) {
      const {lab, observed} = context;
      const jail = 'mail-postfix';
      const limit = maxretry(context, jail);
      observed[control.address] = {family: control.family, attempts: 0, banned: false};
      for (let index = 1; index <= limit; index += 1) {
        await spamBotAttempt(lab, control, index);
        observed[control.address].attempts += 1;
      }
      if (!(await waitFor(15, () => lab.jailStatus(jail).banned.includes(control.address)))) fail(context, `[${jail}] bans ${control.address} (in INPUT)`, 'not banned', [jail]);
      Object.assign(observed[control.address], {banned: true, bannedAfterAttempts: limit});
      const quietened = lab.quieten(control);
      await quiet(lab, jail, [control]);
      quietened.release(); // the next try must reach postfix and get its answer
      const before = lab.banRules(jail, control.address);
      if (!before.chains.includes('INPUT')) fail(context, `the ban of [${jail}] sits in INPUT`, `jumps from: ${before.chains.join(', ')}`, [jail]);
      // The banned address tries to relay again: postfix answers it.
      const next = await lab.client(control, ['smtp-deliver', '25', 'bot.attacker.test', '', 'victim-after-ban@elsewhere.example']);
      const after = lab.banRules(jail, control.address);
      Object.assign(observed[control.address], {
        nextConnectionRefused: next === 'refused',
        counters: {chain: 'INPUT', chainRulePackets: after.jumpPackets - before.jumpPackets, banRulePackets: after.rejectPackets - before.rejectPackets},
      });
      if (!/^rejected MAIL=250 RCPT=[45]54/.test(next)) fail(context, 'the banned address still reaches postfix and tries to relay again (the ban does not work)', next, [jail]);
      if (after.jumpPackets !== 0 || after.rejectPackets !== 0)
        fail(context, `the INPUT ban never sees the attacker's packets (0 packets)`, `INPUT → f2b-${jail}: ${after.jumpPackets}, REJECT: ${after.rejectPackets}`, [jail]);
      context.note(`banned in INPUT per fail2ban, yet ${control.address} reached postfix again (${next}); INPUT → f2b-${jail}: 0 packets, REJECT: 0 packets`);
    },
  },
  {
    name: 'negative-control-nftables-docker-user',
    claim:
      "Control: fail2ban 1.1's nftables action (Debian 13's default banaction) with chain = DOCKER-USER makes a chain of that name in its own table, hooked on input: the attacker is banned per fail2ban, yet still reaches postfix, over IPv4 and IPv6.",
    kind: 'control',
    jails: ['mail-postfix'],
    addresses: addresses(nftControl),
    editions: ['trixie'],
    override: '[mail-postfix]\nbanaction = nftables\nchain = DOCKER-USER\n',
    async run(context) {
      const {lab, observed} = context;
      const jail = 'mail-postfix';
      const limit = maxretry(context, jail);
      for (const from of nftControl) observed[from.address] = {family: from.family, attempts: 0, banned: false};
      await Promise.all(
        nftControl.map(async (from) => {
          for (let index = 1; index <= limit; index += 1) {
            await spamBotAttempt(lab, from, index);
            observed[from.address].attempts += 1;
          }
        }),
      );
      for (const from of nftControl) {
        if (!(await waitFor(15, () => lab.jailStatus(jail).banned.includes(from.address)))) fail(context, `[${jail}] bans ${from.address} (nftables action)`, 'not banned', [jail]);
        Object.assign(observed[from.address], {banned: true, bannedAfterAttempts: limit});
      }
      // Where the ban went: fail2ban's own table, a chain named DOCKER-USER hooked on input, the addresses in its sets.
      const ruleset = lab.nftRuleset();
      const chain = /table inet f2b-table \{[\s\S]*?chain DOCKER-USER \{\s*type filter hook (\w+)/.exec(ruleset);
      if (!chain) fail(context, 'fail2ban made chain DOCKER-USER in table inet f2b-table', ruleset || '(empty ruleset)', [jail]);
      if (chain[1] !== 'input') fail(context, 'that chain hooks input', `hook ${chain[1]}`, [jail]);
      for (const from of nftControl) {
        if (!ruleset.includes(from.address)) fail(context, `${from.address} is in fail2ban's nftables set`, ruleset, [jail]);
        const iptablesChains = lab.banRules(jail, from.address).chains;
        if (iptablesChains.length > 0) fail(context, "no ban in Docker's iptables chains", `jumps to f2b-${jail} from ${iptablesChains.join(', ')}`, [jail]);
      }
      await Promise.all(
        nftControl.map(async (from) => {
          // The banned address tries to relay again: postfix answers it.
          const next = await lab.client(from, ['smtp-deliver', '25', 'bot.attacker.test', '', 'victim-after-ban@elsewhere.example']);
          observed[from.address].nextConnectionRefused = next === 'refused';
          if (!/^rejected MAIL=250 RCPT=[45]54/.test(next))
            fail(context, `the banned ${from.address} still reaches postfix and tries to relay again (the ban does not work)`, next, [jail]);
          context.note(`banned per fail2ban (nft set of table inet f2b-table, chain DOCKER-USER hook ${chain[1]}), yet ${from.address} reached postfix again: ${next}`);
        }),
      );
    },
  },
  {
    name: 'recidive-counts-bans',
    claim: "The recidive jail reads fail2ban's own log and counts each ban of a mail jail, so repeat offenders get the long ban.",
    kind: 'attacker',
    jails: ['mail-postfix', 'recidive'],
    addresses: [repeat.address],
    async run(context) {
      const {lab, observed} = context;
      if (!context.jails.recidive) fail(context, "a [recidive] jail in the page's jail.d files", `jails: ${Object.keys(context.jails).join(', ')}`);
      const jail = 'mail-postfix';
      const limit = maxretry(context, jail);
      observed[repeat.address] = {family: repeat.family, attempts: 0, banned: false};
      for (let index = 1; index <= limit; index += 1) {
        await spamBotAttempt(lab, repeat, index);
        observed[repeat.address].attempts += 1;
      }
      if (!(await waitFor(15, () => lab.jailStatus(jail).banned.includes(repeat.address)))) fail(context, `[${jail}] bans ${repeat.address}`, 'not banned', [jail]);
      Object.assign(observed[repeat.address], {banned: true, bannedAfterAttempts: limit});
      if (!(await waitFor(10, () => lab.jailStatus('recidive').totalFailed >= 1)))
        fail(context, '[recidive] counts the ban as one failure', `Total failed: ${lab.jailStatus('recidive').totalFailed}`, [jail, 'recidive']);
      context.note(
        `[recidive] counted the ban of [${jail}] (Total failed ${lab.jailStatus('recidive').totalFailed}, maxretry ${context.jails.recidive.maxretry ?? 5}, bantime ${context.jails.recidive.bantime ?? '1w'})`,
      );
    },
  },
];

/** Writes or removes a scenario's jail.d override. */
export function setOverride(lab: Lab, scenario: Pick<Scenario, 'override'>): void {
  const file = path.join(lab.hostData, 'jail.d', 'zz-lab-override.local');
  if (scenario.override) writeFileSync(file, scenario.override);
  else rmSync(file, {force: true});
}
