import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {fail2banSeconds} from '../../plugins/fail2ban-matcher/time.ts';

// The jail checks and the matcher read bantime and findtime with one grammar;
// fail2ban's own MyTime.str2seconds (Debian's 1.0.2) says what each means.
const values = ['86400', '-1', '600', '10m', '1h30m', '1d', '2 weeks', '1w', '3mo', '1y', '30 seconds', '5 minutes', '1 hour', '1.5h', '2d12h', '1 sec', '4 min'];
const fail2ban = JSON.parse(
  execFileSync(
    '/usr/bin/python3',
    ['-c', `import json,sys\nfrom fail2ban.server.mytime import MyTime\nprint(json.dumps([MyTime.str2seconds(v) for v in json.loads(sys.argv[1])]))`, JSON.stringify(values)],
    {encoding: 'utf8'},
  ),
) as number[];

describe("fail2ban's time values", () => {
  it.each(values.map((value, index) => [value, fail2ban[index]] as const))('reads %s as fail2ban does (%s s)', (value, expected) => {
    expect(fail2banSeconds(value)).toBe(expected);
  });

  it('refuses what is not a time', () => {
    for (const value of ['', 'forever', '10 parsecs']) expect(fail2banSeconds(value), value).toBeUndefined();
  });
});
