/**
 * A mixed mail log from real lines, for the benchmark and the page-wide
 * differential test: fail2ban's own sample logs of the filters the guide's
 * jails use (test/fail2ban/upstream-samples/) and the guide's samples
 * (next to its filters), repeated with varied IPv4 addresses.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

const upstreamDir = path.join(import.meta.dirname, 'upstream-samples');
const guideSamplesDir = path.resolve(import.meta.dirname, '../../docs/services/email/mta/source/samples');

/** The real lines: upstream samples of `filters`, then every guide sample. */
export function realLines(filters: readonly string[] = ['postfix', 'dovecot', 'sshd', 'recidive']): string[] {
  const files = [
    ...filters.map((name) => path.join(upstreamDir, name)).filter((file) => existsSync(file)),
    ...readdirSync(guideSamplesDir)
      .filter((name) => name.endsWith('.log'))
      .sort()
      .map((name) => path.join(guideSamplesDir, name)),
  ];
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.replace(/\r$/, ''))
      .filter((line) => line.trim() !== '' && !line.startsWith('#')),
  );
}

/**
 * `count` lines: the real lines over and over, each round with its IPv4
 * addresses moved into 198.18.0.0/15 (a pool of `pool` addresses, so that
 * addresses come back and jails ban).
 */
export function mixedMailLog(count: number, {pool = 400, filters}: {pool?: number; filters?: readonly string[]} = {}): string[] {
  const lines = realLines(filters);
  const out: string[] = [];
  for (let n = 0; out.length < count; n += 1) {
    const round = Math.floor(n / lines.length);
    const line = lines[n % lines.length];
    out.push(
      round === 0
        ? line
        : line.replace(/(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g, (_whole, a: string, b: string, c: string, d: string) => {
            const k = (Number(a) * 7 + Number(b) * 13 + Number(c) * 17 + Number(d) + round * 31) % pool;
            return `198.${18 + (k >> 8)}.${k & 255}.${(round % 250) + 1}`;
          }),
    );
  }
  return out;
}
