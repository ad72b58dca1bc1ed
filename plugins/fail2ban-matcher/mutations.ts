/**
 * Near-miss log lines for the differential test: each sample line changed in
 * small ways (another address form, a missing word, another daemon, a changed
 * code, a moved date…), so the in-page matcher and fail2ban-regex are compared
 * where filters are most likely to disagree. Deterministic (seeded).
 */

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const addresses = ['198.51.100.77', '2001:db8:ffff::42', '::ffff:203.0.113.99', 'mail.attacker.example', '[2001:db8::9]', '300.1.2.3', 'fe80::1%eth0', '10.0.0.1.5', ''];
const address = /(?:\d{1,3}\.){3}\d{1,3}|(?:[0-9a-fA-F]{1,4}:){2,}[0-9a-fA-F:]*[0-9a-fA-F]/;

type Mutation = (line: string, pick: () => number) => string;

const mutations: Mutation[] = [
  (line, pick) => line.replace(address, addresses[Math.floor(pick() * addresses.length)]),
  (line, pick) => {
    const words = line.split(' ');
    words.splice(3 + Math.floor(pick() * Math.max(1, words.length - 3)), 1);
    return words.join(' ');
  },
  (line) => line.replace(/(dovecot|postfix\/\w+|auth)(?=[:[(])/, '$1x'),
  (line) => line.replace(/\b(\d)\.(\d)\.(\d)\b/, (_, a: string, b: string, c: string) => `${a}.${b}.${(Number(c) + 1) % 10}`),
  (line) => line.replace(/\b(554|450|454|504|550)\b/, (code: string) => String(Number(code) + 1)),
  (line, pick) => line.slice(0, Math.max(20, Math.floor(line.length * (0.5 + pick() / 2)))),
  (line) => `${line} trailing words`,
  (line) => line.replace(/ {1,2}/, '  '),
  (line) => line.replace(/^\w{3} +\d+ [\d:]+/, '2021-02-20T10:15:03+01:00'),
  (line) => line.replace(/^\w{3} +\d+ [\d:]+ |^\S+T\S+ /, ''),
  (line) => line.toUpperCase(),
  (line) => line.replace(/: /, ':'),
  (line) => line.replace(/\[\d+\]/, ''),
  (line) => line.replace(/rip=/, 'rip= '),
  (line) => line.replace(/authentication failed/, 'authentication failure'),
  (line) => line.replace(/unknown\[/, 'client.example.org['),
];

/** `count` distinct mutated lines of the samples (the samples themselves excluded). */
export function nearMisses(samples: readonly string[], count: number, seed = 2021): string[] {
  const pick = random(seed);
  const seen = new Set(samples);
  const lines: string[] = [];
  for (let attempt = 0; lines.length < count && attempt < count * 50; attempt += 1) {
    let line = samples[attempt % samples.length];
    const times = 1 + Math.floor(pick() * 2);
    for (let index = 0; index < times; index += 1) line = mutations[Math.floor(pick() * mutations.length)](line, pick);
    if (!seen.has(line) && !line.includes('\t')) {
      seen.add(line);
      lines.push(line);
    }
  }
  return lines;
}
