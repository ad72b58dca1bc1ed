/**
 * `npx tsx test/lab/write-samples.ts [--edition trixie]`: writes the filters'
 * sample logs from the lab's transcript of an edition: bookworm (default)
 * test/lab/recorded/mail.log (made by `npm run lab -- --record`) to
 * docs/services/email/mta/source/samples/*.log; trixie test/lab/recorded/trixie/mail.log (made,
 * and this called, by `npm run lab -- --edition trixie --record`) to the
 * current edition's source/samples/. Each sample is the first recorded line of a kind, annotated with
 * what the traffic that wrote it was: an attacker's failure (match, its
 * address, IPv4 and IPv6) or legitimate traffic (no match). The annotation
 * comes from the scenario, not from the filter, so the build's fail2ban-regex
 * check can disagree.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {editions} from './editions.ts';
import {accounts, attacker, labDir, net} from './lab.ts';

const repo = path.resolve(labDir, '../..');
let lines: string[] = [];
let versions: string[] = [];
let samplesDir = '';
let recordedName = '';

interface Kind {
  what: string;
  pattern: RegExp;
  /** The address fail2ban must take from a failure line. */
  host?: string;
}

/** An address as it appears in a pattern. */
const re = (address: string) => address.replace(/\./g, '\\.');

function sampleFile(filter: string, intro: string, failures: Kind[], legitimate: Kind[]): void {
  const pick = (kind: Kind) => {
    const line = lines.find((candidate) => kind.pattern.test(candidate));
    if (!line) throw new Error(`${filter}: the transcript has no line for "${kind.what}" (${kind.pattern})`);
    return line;
  };
  const hosts = [...new Set(failures.map((kind) => kind.host))];
  const out = [
    `# Sample log for ${filter}.conf: ${intro}`,
    `# Every line below was written by the mail lab's daemons (npm run lab -- ${recordedName === 'test/lab/recorded' ? '' : '--edition trixie '}--record;`,
    `# ${recordedName}/mail.log), then picked by test/lab/write-samples.ts:`,
    ...versions.map((version) => `#   ${version}`),
    '',
    `# Failures (the lab's attackers: ${hosts.join(', ')}).`,
    ...failures.flatMap((kind) => {
      if (!kind.host) throw new Error(`${filter}: failure "${kind.what}" names no host`);
      return [`# ${kind.what}`, `# failJSON: {"match": true, "host": "${kind.host}"}`, pick(kind)];
    }),
    '',
    "# Not failures: legitimate clients and servers, and lines that are not the client's doing.",
    ...legitimate.flatMap((kind) => [`# ${kind.what}`, '# failJSON: {"match": false}', pick(kind)]),
    '',
  ];
  writeFileSync(path.join(samplesDir, `${filter}.log`), out.join('\n'));
}

const smtpAuth4 = attacker('smtpAuth', 'ipv4').address;
const smtpAuth6 = attacker('smtpAuth', 'ipv6').address;
const imap4 = attacker('imap', 'ipv4').address;
const imap6 = attacker('imap', 'ipv6').address;
const bot4 = attacker('spamBot', 'ipv4').address;
const bot6 = attacker('spamBot', 'ipv6').address;
const prober4 = attacker('probing', 'ipv4').address;
const listed4 = attacker('listed', 'ipv4').address;
const listed6 = attacker('listed', 'ipv6').address;

/** The 2021 edition's filters, from bookworm's daemons (Dovecot 2.3, Postfix 3.7). */
function bookwormSamples(): void {
  sampleFile(
    'mail-dovecot',
    "dovecot lines of docker-mailserver's /var/log/mail/mail.log.",
    [
      {what: 'IMAP login with a wrong password', host: imap4, pattern: new RegExp(`dovecot: auth: passwd-file\\(user1@example\\.test,${re(imap4)},<[^>]+>\\): Password mismatch`)},
      {
        what: 'IMAP login as a user that does not exist',
        host: imap4,
        pattern: new RegExp(`dovecot: auth: passwd-file\\(nobody@example\\.test,${re(imap4)},<[^>]+>\\): unknown user`),
      },
      {
        what: 'SMTP AUTH on 587 with a wrong password (postfix asks dovecot)',
        host: smtpAuth4,
        pattern: new RegExp(`dovecot: auth: passwd-file\\(user1@example\\.test,${re(smtpAuth4)}\\): Password mismatch`),
      },
      {
        what: 'IMAP login with a wrong password, over IPv6',
        host: imap6,
        pattern: new RegExp(`dovecot: auth: passwd-file\\(user1@example\\.test,${imap6},<[^>]+>\\): Password mismatch`),
      },
      {
        what: 'IMAP login as a user that does not exist, over IPv6',
        host: imap6,
        pattern: new RegExp(`dovecot: auth: passwd-file\\(nobody@example\\.test,${imap6},<[^>]+>\\): unknown user`),
      },
      {
        what: 'SMTP AUTH on 587 with a wrong password, over IPv6',
        host: smtpAuth6,
        pattern: new RegExp(`dovecot: auth: passwd-file\\(user1@example\\.test,${smtpAuth6}\\): Password mismatch`),
      },
    ],
    [
      {
        what: 'the disconnect after a wrong password: already counted by its auth line',
        pattern: new RegExp(`imap-login: Disconnected.*\\(auth failed, \\d+ attempts in \\d+ secs\\).*rip=${re(imap4)},`),
      },
      {what: 'the same over IPv6', pattern: new RegExp(`imap-login: Disconnected.*\\(auth failed, \\d+ attempts in \\d+ secs\\).*rip=${imap6},`)},
      {what: 'a successful login', pattern: new RegExp(`imap-login: Login: user=<user1@example\\.test>.*rip=${re(net.client)},`)},
      {what: 'a successful login over IPv6', pattern: new RegExp(`imap-login: Login: user=<user1@example\\.test>.*rip=${net.client6},`)},
      {
        what: 'a client that connects over TLS and leaves without logging in',
        pattern: new RegExp(
          `imap-login: Disconnected: Connection closed \\(no auth attempts in \\d+ secs\\): user=<>, rip=${re(net.client)}, lip=172\\.17\\.0\\.2, TLS: Connection closed`,
        ),
      },
      {
        what: 'the same over IPv6',
        pattern: new RegExp(
          `imap-login: Disconnected: Connection closed \\(no auth attempts in \\d+ secs\\): user=<>, rip=${net.client6}, lip=${net.container6}, TLS: Connection closed`,
        ),
      },
      {
        what: 'an old client whose TLS 1.0 handshake is refused',
        pattern: new RegExp(`imap-login: Disconnected: Connection closed: SSL_accept\\(\\) failed.*rip=${re(net.client)},`),
      },
      {what: 'a logged-in session that ends', pattern: /dovecot: imap\(user1@example\.test\).*Disconnected: Logged out/},
    ],
  );

  sampleFile(
    'mail-postfix',
    "postfix smtpd refusals in docker-mailserver's /var/log/mail/mail.log.",
    [
      {
        what: 'relaying through us',
        host: bot4,
        pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: NOQUEUE: reject: RCPT from unknown\\[${re(bot4)}\\]: [45]54 [45]\\.7\\.1 <[^>]+>: Relay access denied`),
      },
      {
        what: 'a HELO name that is not fully qualified',
        host: bot4,
        pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${re(bot4)}\\]: 504 5\\.5\\.2 <localhost>: Helo command rejected`),
      },
      {what: 'talking before the greeting', host: bot4, pattern: new RegExp(`improper command pipelining after CONNECT from unknown\\[${re(bot4)}\\]`)},
      {
        what: 'relaying through us, over IPv6',
        host: bot6,
        pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: NOQUEUE: reject: RCPT from unknown\\[${bot6}\\]: [45]54 [45]\\.7\\.1 <[^>]+>: Relay access denied`),
      },
      {
        what: 'a HELO name that is not fully qualified, over IPv6',
        host: bot6,
        pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${bot6}\\]: 504 5\\.5\\.2 <localhost>: Helo command rejected`),
      },
      {what: 'talking before the greeting, over IPv6', host: bot6, pattern: new RegExp(`improper command pipelining after CONNECT from unknown\\[${bot6}\\]`)},
    ],
    [
      {
        what: 'another mail server delivering to a mistyped address',
        pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${re(net.mx)}\\]: 550 5\\.1\\.1 <usre\\d@example\\.test>`),
      },
      {what: 'the same over IPv6', pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${net.mx6}\\]: 550 5\\.1\\.1 <usre\\d@example\\.test>`)},
      {what: 'a temporary refusal: the sender domain does not resolve (DNS trouble)', pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${re(net.mx)}\\]: 450 4\\.1\\.8`)},
      {
        what: 'a user-name probe: the [postfix] jail counts the session when postfix cuts it off',
        pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${re(prober4)}\\]: 550 5\\.1\\.1 <guess`),
      },
      {
        what: 'a sender on a DNS blocklist: the [mail-postfix-rbl] jail counts it',
        pattern: new RegExp(`NOQUEUE: reject: RCPT from \\S+\\[${re(listed4)}\\]: 554 5\\.7\\.1 Service unavailable`),
      },
      {what: 'a connection from another mail server', pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: connect from unknown\\[${re(net.mx)}\\]`)},
      {
        what: 'mail sent by a logged-in user',
        pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${re(net.client)}\\], sasl_method=PLAIN, sasl_username=user1@example\\.test`),
      },
    ],
  );

  sampleFile(
    'mail-postfix-rbl',
    'clients that postfix refused because a DNS blocklist lists them (the lab asks its own, bl.lab.test).',
    [
      {
        what: 'a listed server (with a reverse name) delivering',
        host: listed4,
        pattern: new RegExp(
          `postfix/smtpd\\[\\d+\\]: NOQUEUE: reject: RCPT from mx\\.bulk\\.example\\[${re(listed4)}\\]: 554 5\\.7\\.1 Service unavailable; Client host \\[${re(listed4)}\\] blocked using bl\\.lab\\.test; from=<news\\d@bulk\\.example>`,
        ),
      },
      {
        what: 'the same server sending a bounce (null sender)',
        host: listed4,
        pattern: new RegExp(
          `NOQUEUE: reject: RCPT from \\S+\\[${re(listed4)}\\]: 554 5\\.7\\.1 Service unavailable; Client host \\[${re(listed4)}\\] blocked using bl\\.lab\\.test; from=<>`,
        ),
      },
      {
        what: 'a listed server (no reverse name) delivering over IPv6',
        host: listed6,
        pattern: new RegExp(
          `NOQUEUE: reject: RCPT from unknown\\[${listed6}\\]: 554 5\\.7\\.1 Service unavailable; Client host \\[${listed6}\\] blocked using bl\\.lab\\.test; from=<news\\d@bulk\\.example>`,
        ),
      },
      {
        what: 'the same server sending a bounce over IPv6',
        host: listed6,
        pattern: new RegExp(
          `NOQUEUE: reject: RCPT from unknown\\[${listed6}\\]: 554 5\\.7\\.1 Service unavailable; Client host \\[${listed6}\\] blocked using bl\\.lab\\.test; from=<>`,
        ),
      },
    ],
    [
      {
        what: 'the session summary of the listed server: its reject line is the one counted',
        pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: disconnect from \\S+\\[${re(listed4)}\\] .*rcpt=0/1`),
      },
      {
        what: 'relaying through us is refused with 554 5.7.1 too, but is no blocklist hit',
        pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${re(bot4)}\\]: 554 5\\.7\\.1 <[^>]+>: Relay access denied`),
      },
      {what: 'a server that is not listed delivers', pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${re(net.mx)}\\]$`)},
      {what: 'the same over IPv6', pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${net.mx6}\\]$`)},
      {what: 'a temporary refusal: the sender domain does not resolve (DNS trouble)', pattern: new RegExp(`NOQUEUE: reject: RCPT from unknown\\[${re(net.mx)}\\]: 450 4\\.1\\.8`)},
    ],
  );

  sampleFile(
    'mail-postfix-sasl',
    'failed SMTP logins (SASL).',
    [
      {
        what: 'SMTP AUTH PLAIN on 587 with a wrong password',
        host: smtpAuth4,
        pattern: new RegExp(
          `postfix/submission/smtpd\\[\\d+\\]: warning: unknown\\[${re(smtpAuth4)}\\]: SASL PLAIN authentication failed: \\(reason unavailable\\), sasl_username=user1@example\\.test`,
        ),
      },
      {
        what: 'SMTP AUTH LOGIN on 587 with a wrong password',
        host: smtpAuth4,
        pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: warning: unknown\\[${re(smtpAuth4)}\\]: SASL LOGIN authentication failed: `),
      },
      {
        what: 'SMTP AUTH PLAIN over IPv6',
        host: smtpAuth6,
        pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: warning: unknown\\[${smtpAuth6}\\]: SASL PLAIN authentication failed: \\(reason unavailable\\)`),
      },
      {
        what: 'SMTP AUTH LOGIN over IPv6',
        host: smtpAuth6,
        pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: warning: unknown\\[${smtpAuth6}\\]: SASL LOGIN authentication failed: `),
      },
    ],
    [
      {what: 'mail sent by a logged-in user', pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${re(net.client)}\\], sasl_method=PLAIN`)},
      {what: 'the same over IPv6', pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${net.client6}\\], sasl_method=PLAIN`)},
      {
        what: 'the session summary of a failed login: its warning line is the one counted',
        pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: disconnect from unknown\\[${re(smtpAuth4)}\\] .*auth=0/1`),
      },
    ],
  );
}

/** Writes an edition's samples from its recorded transcript; returns what it did. */
export function writeSamples(editionName: string): string {
  const edition = editions[editionName];
  if (!edition) throw new Error(`unknown edition ${editionName}`);
  const recorded = path.join(repo, edition.recorded);
  recordedName = edition.recorded;
  samplesDir = path.join(repo, edition.samples);
  mkdirSync(samplesDir, {recursive: true});
  lines = readFileSync(path.join(recorded, 'mail.log'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  versions = readFileSync(path.join(recorded, 'versions.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  (edition.name === 'trixie' ? trixieSamples : bookwormSamples)();
  return `wrote mail-dovecot.log, mail-postfix.log, mail-postfix-rbl.log, mail-postfix-sasl.log to ${path.relative(repo, samplesDir)}/ from ${lines.length} recorded lines`;
}

/** The current edition's filters, from trixie's daemons (Dovecot 2.4, Postfix 3.10). */
function trixieSamples(): void {
  const auth = (user: string, address: string, session: boolean, message: string) =>
    new RegExp(`dovecot: auth\\(${user.replace(/\./g, '\\.')},${re(address)},sasl:(?:plain|login)\\)${session ? '<[^>]+>' : ''}: passdb-default: ${message}$`);
  sampleFile(
    'mail-dovecot',
    "dovecot 2.4 lines of docker-mailserver v16's /var/log/mail/mail.log.",
    [
      {what: 'IMAP login with a wrong password', host: imap4, pattern: auth(accounts.user, imap4, true, 'Password mismatch')},
      {what: 'IMAP login as a user that does not exist', host: imap4, pattern: auth('nobody@example.test', imap4, true, 'unknown user')},
      {what: 'SMTP AUTH on 587 with a wrong password (postfix asks dovecot; no session id)', host: smtpAuth4, pattern: auth(accounts.user, smtpAuth4, false, 'Password mismatch')},
      {what: 'IMAP login with a wrong password, over IPv6', host: imap6, pattern: auth(accounts.user, imap6, true, 'Password mismatch')},
      {what: 'IMAP login as a user that does not exist, over IPv6', host: imap6, pattern: auth('nobody@example.test', imap6, true, 'unknown user')},
      {what: 'SMTP AUTH on 587 with a wrong password, over IPv6', host: smtpAuth6, pattern: auth(accounts.user, smtpAuth6, false, 'Password mismatch')},
    ],
    [
      {
        what: 'the end of a login with a wrong password (auth_failed): already counted by its auth line',
        pattern: new RegExp(`imap-login: Login aborted: Connection closed \\(auth failed, \\d+ attempts in \\d+ secs\\) \\(auth_failed\\).*rip=${re(imap4)},`),
      },
      {
        what: 'the same over IPv6',
        pattern: new RegExp(`imap-login: Login aborted: Connection closed \\(auth failed, \\d+ attempts in \\d+ secs\\) \\(auth_failed\\).*rip=${imap6},`),
      },
      {what: 'a successful login', pattern: new RegExp(`imap-login: Logged in: user=<user1@example\\.test>.*rip=${re(net.client)},`)},
      {what: 'a successful login over IPv6', pattern: new RegExp(`imap-login: Logged in: user=<user1@example\\.test>.*rip=${net.client6},`)},
      {
        what: 'a client that connects over TLS and leaves without logging in (no_auth_attempts)',
        pattern: new RegExp(
          `imap-login: Login aborted: Connection closed \\(no auth attempts in \\d+ secs\\) \\(no_auth_attempts\\): user=<>, rip=${re(net.client)}, lip=172\\.17\\.0\\.2, TLS: Connection closed`,
        ),
      },
      {
        what: 'the same over IPv6',
        pattern: new RegExp(
          `imap-login: Login aborted: Connection closed \\(no auth attempts in \\d+ secs\\) \\(no_auth_attempts\\): user=<>, rip=${net.client6}, lip=${net.container6}, TLS: Connection closed`,
        ),
      },
      {
        what: 'an old client whose TLS 1.0 handshake is refused (tls_handshake_not_finished)',
        pattern: new RegExp(`imap-login: Login aborted: Connection closed: SSL_accept\\(\\) failed.*\\(tls_handshake_not_finished\\).*rip=${re(net.client)},`),
      },
      {
        what: 'the same over IPv6',
        pattern: new RegExp(`imap-login: Login aborted: Connection closed: SSL_accept\\(\\) failed.*\\(tls_handshake_not_finished\\).*rip=${net.client6},`),
      },
      {what: 'a logged-in session that ends', pattern: /dovecot: imap\(user1@example\.test\).*Disconnected: Logged out/},
    ],
  );

  const reject = (address: string, reply: string) => new RegExp(`postfix/smtpd\\[\\d+\\]: NOQUEUE: reject: RCPT from unknown\\[${re(address)}\\]: ${reply}`);
  sampleFile(
    'mail-postfix',
    'postfix 3.10 smtpd refusals in docker-mailserver v16\'s /var/log/mail/mail.log (default mode; mode=errors, the [postfix] jail, counts "too many errors").',
    [
      {what: 'relaying through us', host: bot4, pattern: reject(bot4, '[45]54 [45]\\.7\\.1 <[^>]+>: Relay access denied')},
      {what: 'a HELO name that is not fully qualified', host: bot4, pattern: reject(bot4, '504 5\\.5\\.2 <localhost>: Helo command rejected')},
      {what: 'talking before the greeting', host: bot4, pattern: new RegExp(`improper command pipelining after (?:CONNECT|EHLO) from unknown\\[${re(bot4)}\\]`)},
      {what: 'relaying through us, over IPv6', host: bot6, pattern: reject(bot6, '[45]54 [45]\\.7\\.1 <[^>]+>: Relay access denied')},
      {what: 'a HELO name that is not fully qualified, over IPv6', host: bot6, pattern: reject(bot6, '504 5\\.5\\.2 <localhost>: Helo command rejected')},
      {what: 'talking before the greeting, over IPv6', host: bot6, pattern: new RegExp(`improper command pipelining after (?:CONNECT|EHLO) from unknown\\[${bot6}\\]`)},
    ],
    [
      {what: 'another mail server delivering to a mistyped address', pattern: reject(net.mx, '550 5\\.1\\.1 <usre\\d@example\\.test>')},
      {what: 'the same over IPv6', pattern: reject(net.mx6, '550 5\\.1\\.1 <usre\\d@example\\.test>')},
      {what: 'a temporary refusal: the sender domain does not resolve (DNS trouble)', pattern: reject(net.mx, '450 4\\.1\\.8')},
      {what: 'a user-name probe: the [postfix] jail counts the session when postfix cuts it off', pattern: reject(prober4, '550 5\\.1\\.1 <guess')},
      {
        what: "postfix cuts the probe off, with Postfix 3.10's NOQUEUE: prefix: counted by the [postfix] jail (mode=errors), not in this mode",
        pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: NOQUEUE: too many errors after RCPT from unknown\\[${re(prober4)}\\]$`),
      },
      {
        what: 'a sender on a DNS blocklist: the [mail-postfix-rbl] jail counts it',
        pattern: new RegExp(`NOQUEUE: reject: RCPT from \\S+\\[${re(listed4)}\\]: 554 5\\.7\\.1 Service unavailable`),
      },
      {what: 'a connection from another mail server', pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: connect from unknown\\[${re(net.mx)}\\]`)},
      {
        what: 'mail sent by a logged-in user',
        pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${re(net.client)}\\], sasl_method=PLAIN, sasl_username=user1@example\\.test`),
      },
    ],
  );

  const listedReject = (address: string, host: string, from: string) =>
    new RegExp(
      `postfix/smtpd\\[\\d+\\]: NOQUEUE: reject: RCPT from ${host}\\[${re(address)}\\]: 554 5\\.7\\.1 Service unavailable; Client host \\[${re(address)}\\] blocked using bl\\.lab\\.test; from=<${from}>`,
    );
  sampleFile(
    'mail-postfix-rbl',
    'clients that postfix 3.10 refused because a DNS blocklist lists them (the lab asks its own, bl.lab.test).',
    [
      {what: 'a listed server (with a reverse name) delivering', host: listed4, pattern: listedReject(listed4, 'mx\\.bulk\\.example', 'news\\d@bulk\\.example')},
      {what: 'the same server sending a bounce (null sender)', host: listed4, pattern: listedReject(listed4, '\\S+', '')},
      {what: 'a listed server (no reverse name) delivering over IPv6', host: listed6, pattern: listedReject(listed6, 'unknown', 'news\\d@bulk\\.example')},
      {what: 'the same server sending a bounce over IPv6', host: listed6, pattern: listedReject(listed6, 'unknown', '')},
    ],
    [
      {
        what: 'the session summary of the listed server: its reject line is the one counted',
        pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: disconnect from \\S+\\[${re(listed4)}\\] .*rcpt=0/1`),
      },
      {what: 'relaying through us is refused with 554 5.7.1 too, but is no blocklist hit', pattern: reject(bot4, '554 5\\.7\\.1 <[^>]+>: Relay access denied')},
      {what: 'a server that is not listed delivers', pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${re(net.mx)}\\]$`)},
      {what: 'the same over IPv6', pattern: new RegExp(`postfix/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${net.mx6}\\]$`)},
      {what: 'a temporary refusal: the sender domain does not resolve (DNS trouble)', pattern: reject(net.mx, '450 4\\.1\\.8')},
    ],
  );

  const sasl = (address: string, mech: string) =>
    new RegExp(
      `postfix/submission/smtpd\\[\\d+\\]: warning: unknown\\[${re(address)}\\]: SASL ${mech} authentication failed: \\(reason unavailable\\), sasl_username=user1@example\\.test$`,
    );
  sampleFile(
    'mail-postfix-sasl',
    'failed SMTP logins (SASL) to postfix 3.10.',
    [
      {what: 'SMTP AUTH PLAIN on 587 with a wrong password', host: smtpAuth4, pattern: sasl(smtpAuth4, 'PLAIN')},
      {what: 'SMTP AUTH LOGIN on 587 with a wrong password', host: smtpAuth4, pattern: sasl(smtpAuth4, 'LOGIN')},
      {what: 'SMTP AUTH PLAIN over IPv6', host: smtpAuth6, pattern: sasl(smtpAuth6, 'PLAIN')},
      {what: 'SMTP AUTH LOGIN over IPv6', host: smtpAuth6, pattern: sasl(smtpAuth6, 'LOGIN')},
    ],
    [
      {what: 'mail sent by a logged-in user', pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${re(net.client)}\\], sasl_method=PLAIN`)},
      {what: 'the same over IPv6', pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: \\w+: client=unknown\\[${net.client6}\\], sasl_method=PLAIN`)},
      {
        what: 'the session summary of a failed login: its warning line is the one counted',
        pattern: new RegExp(`postfix/submission/smtpd\\[\\d+\\]: disconnect from unknown\\[${re(smtpAuth4)}\\] .*auth=0/1`),
      },
    ],
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const index = process.argv.indexOf('--edition');
  console.log(writeSamples(index >= 0 ? process.argv[index + 1] : 'bookworm'));
}
