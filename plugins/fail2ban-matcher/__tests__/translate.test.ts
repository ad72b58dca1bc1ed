import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {compileFilter, matchLines, translateRegex, UnsupportedFilterError} from '../index.ts';

const common = readFileSync('/etc/fail2ban/filter.d/common.conf', 'utf8');
const filter = (failregex: string, extra = '') => `[INCLUDES]\nbefore = common.conf\n\n[Definition]\n_daemon = sshd\nfailregex = ${failregex}\n${extra}`;

describe('Python regex to JavaScript', () => {
  it('renames named groups and back references', () => {
    expect(translateRegex('(?P<user>\\w+) again (?P=user)')).toEqual({pattern: '(?<user>\\w+) again \\k<user>', flags: ''});
  });

  it('turns a leading (?i) into a flag', () => {
    expect(translateRegex('(?i)failed login')).toEqual({pattern: 'failed login', flags: 'i'});
  });

  it.each([
    ['(?>atomic)', /atomic groups/],
    ['a++', /possessive quantifiers/],
    ['a(?i)b', /flags inside the pattern/],
    ['(?(1)a|b)', /conditional groups/],
    ['end\\Z', /escapes/],
    ['(?#comment)a', /comments/],
  ])('refuses %s with a clear message', (pattern, message) => {
    expect(() => translateRegex(pattern)).toThrow(UnsupportedFilterError);
    expect(() => translateRegex(pattern)).toThrow(message);
  });
});

describe('filter compilation and matching', () => {
  it('resolves common.conf tags, %()s references and <HOST>, and strips the date', () => {
    const compiled = compileFilter(filter('^%(__prefix_line)sFailed password for \\S+ from <HOST> port \\d+'), {'common.conf': common});
    const [syslog, iso, v6, miss] = matchLines(compiled, [
      'Feb  3 10:15:03 host sshd[42]: Failed password for root from 203.0.113.4 port 2222',
      '2021-02-03T10:15:03.123+00:00 host sshd[42]: Failed password for root from 203.0.113.5 port 2222',
      'Feb 13 10:15:03 host sshd[42]: Failed password for root from 2001:db8::5 port 2222',
      'Feb 13 10:15:03 host sshd[42]: Accepted password for root from 203.0.113.6 port 2222',
    ]);
    expect(syslog).toMatchObject({verdict: 'failure', address: '203.0.113.4', regexLine: 6});
    expect(iso).toMatchObject({verdict: 'failure', address: '203.0.113.5'});
    expect(v6).toMatchObject({verdict: 'failure', address: '2001:db8::5'});
    expect(miss).toMatchObject({verdict: 'none'});
  });

  it('tells which line of a multi-line failregex matched, and applies ignoreregex', () => {
    const compiled = compileFilter(filter('^%(__prefix_line)sfirst from <HOST>$\n            ^%(__prefix_line)ssecond from <ADDR>$', 'ignoreregex = from 192\\.0\\.2\\.'), {'common.conf': common});
    const results = matchLines(compiled, ['Feb 13 10:15:03 host sshd: second from 198.51.100.1', 'Feb 13 10:15:03 host sshd: first from 192.0.2.9']);
    expect(results[0]).toMatchObject({verdict: 'failure', regexLine: 7, address: '198.51.100.1'});
    expect(results[1]).toMatchObject({verdict: 'ignored'});
  });

  it('uses <F-ID> groups as the failure id', () => {
    const compiled = compileFilter(filter('^%(__prefix_line)sbad token <F-ID>\\w+</F-ID>$'), {'common.conf': common});
    expect(matchLines(compiled, ['Feb 13 10:15:03 host sshd: bad token abc123'])[0]).toMatchObject({verdict: 'failure', address: 'abc123'});
  });

  it('refuses a filter whose regex it cannot translate, instead of matching differently', () => {
    expect(() => compileFilter(filter('^%(__prefix_line)s(?>x) from <HOST>'), {'common.conf': common})).toThrow(UnsupportedFilterError);
  });
});
