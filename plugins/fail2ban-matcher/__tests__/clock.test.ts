import {afterEach, describe, expect, it, vi} from 'vitest';
import {compileFilter, matchLines} from '../index.ts';
import {runJailSet, type JailSpec} from '../jails.ts';

// fail2ban reads its clock (MyTime.time(), MyTime.now()) for what a line
// without a date takes (the last date, with its text, if less than 60 s
// before now; else none) and for the year or day a date leaves out. The
// matcher takes the same "now": fixed when given (as MyTime.setTime fixes
// fail2ban's), Date.now otherwise; never anything else. The expected values
// are fail2ban 1.0.2's (test/external/fail2ban-oracle.py with the same now).
const toy = `[Definition]
failregex = toy: failed login from <HOST>$
`;
const zoned = `[Definition]
failregex = fail from <HOST>
datepattern = ^%%H:%%M:%%S %%z
`;
const compiled = compileFilter(toy, {}, {name: 'toy'});
const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const dated = '2025-06-15T11:59:30+00:00 toy: failed login from 192.0.2.1';
const dateless = 'toy: failed login from 192.0.2.2';
const failures = (now: number | undefined, lines: string[]) => matchLines(compiled, lines, now === undefined ? {} : {now}).map((r) => r.failures ?? []);

afterEach(() => {
  vi.useRealTimers();
});

describe('the clock fail2ban reads', () => {
  it('gives a line without a date the last date, with its text, only if that date is less than 60 s before now', () => {
    const last = Date.parse('2025-06-15T11:59:30Z') / 1000;
    // 30 s after the last date: fail2ban credits the line with the last date's text and takes its time.
    expect(failures(NOW, [dated, dateless])[1]).toEqual([{id: '192.0.2.2', regexIndex: 0, matches: [`2025-06-15T11:59:30+00:00${dateless}`], time: last}]);
    // 59 s: still.
    expect(failures(NOW + 29_000, [dated, dateless])[1][0].time).toBe(last);
    // 60 s (and years) after: no date.
    for (const now of [NOW + 30_000, NOW + 3 * 365 * 86_400_000])
      expect(failures(now, [dated, dateless])[1]).toEqual([{id: '192.0.2.2', regexIndex: 0, matches: [dateless], time: undefined}]);
  });

  it('gives the same answer whatever the wall clock says, when now is given', () => {
    const lines = [dated, dateless, 'Dec 31 23:59:55 host toy: failed login from 192.0.2.3', dateless];
    const newYear = new Date(2025, 0, 1, 0, 0, 20).getTime();
    vi.useFakeTimers({toFake: ['Date']});
    const answers = [Date.UTC(2020, 0, 1), NOW + 10_000, Date.UTC(2031, 6, 1)].map((wall) => {
      vi.setSystemTime(wall);
      return [failures(NOW, lines), failures(newYear, lines)];
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const [atNow, atNewYear] = answers[0];
    // A date without a year, just before a new year: last year's (strptime's assumed year, from now).
    expect(atNewYear[2][0].time).toBe(new Date(2024, 11, 31, 23, 59, 55).getTime() / 1000);
    expect(atNewYear[3][0].matches).toEqual([`Dec 31 23:59:55${dateless}`]);
    // The same date half a year before: this year's; the dateless line after it, long after: no date.
    expect(atNow[2][0].time).toBe(new Date(2024, 11, 31, 23, 59, 55).getTime() / 1000);
    expect(atNow[3][0]).toMatchObject({matches: [dateless], time: undefined});
  });

  it('is Date.now when no now is given (the API as before)', () => {
    vi.useFakeTimers({toFake: ['Date']});
    vi.setSystemTime(NOW);
    expect(failures(undefined, [dated, dateless])).toEqual(failures(NOW, [dated, dateless]));
    vi.setSystemTime(NOW + 3_600_000);
    expect(failures(undefined, [dated, dateless])).toEqual(failures(NOW + 3_600_000, [dated, dateless]));
    expect(failures(undefined, [dated, dateless])[1][0].time).toBeUndefined();
  });

  it.each([
    // now is 14:00 in Berlin: 13:30 UTC is not after it, so today; fail2ban compares the UTC time with its local now.
    ['Europe/Berlin', 1000, [1749994200, 1749987000, 1749983400]],
    // now is 08:00 in New York: every time after it is taken as yesterday's.
    ['America/New_York', 2000, [1749907800, 1749900600, 1749897000]],
  ] as const)('reads a time without a day in %s as fail2ban does (now in local time, whatever the zone of the line)', (zone, shift, expected) => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      // (a now of its own per zone: the matcher keeps the local fields of the last now it read)
      const now = NOW + shift;
      const results = matchLines(
        compileFilter(zoned, {}, {name: 'zoned'}),
        ['13:30:00 +0000 host: fail from 192.0.2.1', '11:30:00 +0000 host: fail from 192.0.2.2', '13:30:00 +0300 host: fail from 192.0.2.3'],
        {now},
      );
      expect(results.map((r) => r.failures?.[0]?.time)).toEqual(expected);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('dates a failure without a date "now" in a jail, as fail2ban\'s ticket does, and bans at that time', () => {
    const jail: JailSpec = {name: 'toy', filter: 'toy', filterOptions: {}, maxretry: 3, findtime: 600, bantime: 3600, ignoreip: []};
    const lines = ['2021-02-20T10:15:03+00:00 toy: failed login from 192.0.2.1', dateless, dateless, dateless];
    vi.useFakeTimers({toFake: ['Date']});
    vi.setSystemTime(Date.UTC(2031, 6, 1));
    const result = runJailSet({jails: [jail], files: {'filter.d/toy.conf': toy}}, lines, {clock: NOW});
    expect(result.bans.map((ban) => ({address: ban.address, at: ban.at, until: ban.until, line: ban.line}))).toEqual([
      {address: '192.0.2.2', at: NOW, until: NOW + 3_600_000, line: 3},
    ]);
  });
});
