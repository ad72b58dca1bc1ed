import {describe, expect, it} from 'vitest';
import {banLogLine, formatDuration, ignoredBy, jailsFromFiles, runJailSet, splitFilterSpec, type JailSpec} from '../jails.ts';
import {runJailSetGuarded} from '../node-guarded.ts';
import {stockFilterFiles} from '../page-data.ts';

const toy = `[Definition]
failregex = toy: failed login from <HOST>$
`;
const evil = `[Definition]
failregex = ^(?:a+)+b from <HOST>$
`;
const jail = (options: Partial<JailSpec> = {}): JailSpec => ({name: 'toy', filter: 'toy', filterOptions: {}, maxretry: 3, findtime: 600, bantime: 3600, ignoreip: [], ...options});
const at = (minute: number, address: string) => `2026-02-20 10:${String(minute).padStart(2, '0')}:00 toy: failed login from ${address}`;

describe('jails of a page', () => {
  it('reads jail files as fail2ban does: jail.conf defaults, later files override, only enabled jails', () => {
    const {jails, problems} = jailsFromFiles(
      [
        {
          name: 'jail.d/a.conf',
          text: '[postfix]\nenabled = true\nfilter = postfix[mode=errors]\nmaxretry = 1\nbantime = 1h\nignoreip = 127.0.0.1/8 ::1\n\n[off]\nenabled = false\n',
        },
        {name: 'jail.d/b.conf', text: '[recidive]\nenabled = true\nlogpath = /data/fail2ban.log\n\n[postfix]\nfindtime = 1d\n'},
      ],
      {DEFAULT: {bantime: '10m', findtime: '10m', maxretry: '5'}, recidive: {bantime: '1w', findtime: '1d'}},
    );
    expect(problems).toEqual([]);
    expect(jails.map((j) => [j.name, j.filter, j.filterOptions, j.maxretry, j.findtime, j.bantime, j.ignoreip])).toEqual([
      ['postfix', 'postfix', {mode: 'errors'}, 1, 86400, 3600, ['127.0.0.1/8', '::1']],
      ['recidive', 'recidive', {mode: 'normal'}, 5, 86400, 604800, []],
    ]);
    expect(splitFilterSpec('sshd[mode=aggressive, _daemon="sshd(?:-session)?"]')).toEqual({name: 'sshd', options: {mode: 'aggressive', _daemon: 'sshd(?:-session)?'}});
    expect(formatDuration(-1)).toBe('for ever');
    expect(formatDuration(5400)).toBe('1h30m');
  });

  it('never bans what ignoreip covers', () => {
    expect(ignoredBy('127.3.4.5', ['127.0.0.1/8', '::1'])).toBe('127.0.0.1/8');
    expect(ignoredBy('::1', ['127.0.0.1/8', '::1'])).toBe('::1');
    expect(ignoredBy('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe('10.0.0.0/8');
    expect(ignoredBy('2001:db8::7', ['2001:db8::/32'])).toBe('2001:db8::/32');
    expect(ignoredBy('128.0.0.1', ['127.0.0.1/8'])).toBeUndefined();
    expect(ignoredBy('mx.example.org', ['mx.example.org'])).toBe('mx.example.org');
  });
});

describe('bans, as fail2ban decides them', () => {
  const files = {'filter.d/toy.conf': toy};
  it('bans at maxretry within findtime, for bantime; an address under ignoreip never', () => {
    const lines = [at(0, '192.0.2.1'), at(1, '192.0.2.1'), at(2, '127.0.0.1'), at(3, '127.0.0.1'), at(4, '127.0.0.1'), at(5, '192.0.2.1'), at(6, '192.0.2.1')];
    const result = runJailSet({jails: [jail({ignoreip: ['127.0.0.1/8']})], files}, lines);
    expect(result.bans.map((ban) => [ban.address, new Date(ban.at).getMinutes(), (ban.until! - ban.at) / 1000, ban.failures, ban.line])).toEqual([['192.0.2.1', 5, 3600, 3, 5]]);
    expect(result.jails[0].addresses.find((entry) => entry.address === '127.0.0.1')).toMatchObject({failures: 3, ignoredBy: '127.0.0.1/8', bans: []});
    expect(result.lineHits[2]).toEqual([{jail: 0, address: '127.0.0.1', ignored: true}]);
  });

  it('scales the count down to findtime as FailManager does: spread-out failures do not ban', () => {
    const lines = [at(0, '192.0.2.9'), at(20, '192.0.2.9'), at(40, '192.0.2.9')];
    expect(runJailSet({jails: [jail()], files}, lines).bans).toEqual([]);
    expect(runJailSet({jails: [jail({findtime: 3600})], files}, lines).bans).toHaveLength(1);
  });

  it('feeds the bans of the other jails to recidive, as fail2ban.log lines', () => {
    const stock = stockFilterFiles();
    const recidive = jail({name: 'recidive', filter: 'recidive', maxretry: 2, findtime: 86400, bantime: 604800});
    const lines = [0, 1, 2, 30, 31, 32].map((minute) => at(minute, '198.51.100.4'));
    const result = runJailSet({jails: [jail({findtime: 600, bantime: 60}), recidive], files: {...stock, ...files}}, lines);
    expect(banLogLine(result.bans[0])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,000 fail2ban\.actions {8}\[1\]: NOTICE {2}\[toy\] Ban 198\.51\.100\.4$/);
    expect(result.bans.map((ban) => [ban.jail, new Date(ban.at).getMinutes(), ban.until === null ? null : (ban.until - ban.at) / 1000])).toEqual([
      ['toy', 2, 60],
      ['toy', 32, 60],
      ['recidive', 32, 604800],
    ]);
  });
});

describe('the time budget', () => {
  it('refuses a pair that takes longer than the budget, and drops its answer', () => {
    let t = 0;
    let calls = 0;
    // The clock is read at the start, before each line's pairs and after each pair:
    // the 6th reading ends the second line's pair, which "takes" 80 ms.
    const now = () => {
      calls += 1;
      if (calls === 6) t += 80;
      return t;
    };
    const result = runJailSet({jails: [jail()], files: {'filter.d/toy.conf': toy}}, [at(0, '192.0.2.1'), at(1, '192.0.2.2'), at(2, '192.0.2.3')], {now});
    expect(result.tooSlow).toEqual([{line: 1, jail: 0, reason: 'too slow: refused (80 ms, over 50 ms)'}]);
    expect(result.lineHits.map((hits) => hits.map((hit) => hit.address))).toEqual([['192.0.2.1'], [], ['192.0.2.3']]);
  });

  it('stops a worker stuck on a line (catastrophic backtracking) and goes on without that line', async () => {
    const lines = [at(0, '192.0.2.1'), `${'a'.repeat(40)}c b from 192.0.2.66`, at(1, '192.0.2.1'), at(2, '192.0.2.1')];
    const result = await runJailSetGuarded({jails: [jail(), jail({name: 'evil', filter: 'evil'})], files: {'filter.d/toy.conf': toy, 'filter.d/evil.conf': evil}}, lines, {
      hangMs: 300,
    });
    expect(result.restarts).toBeGreaterThanOrEqual(1);
    expect(result.tooSlow).toEqual([{line: 1, jail: 1, reason: expect.stringMatching(/^too slow: refused/)}]);
    expect(result.jails[1].warnings.join(' ')).toMatch(/nested unbounded repetition/);
    expect(result.bans.map((ban) => [ban.jail, ban.address, ban.line])).toEqual([['toy', '192.0.2.1', 3]]);
  }, 30_000);
});
