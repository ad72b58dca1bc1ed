import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {compileFilter, matchLines, UnsupportedFilterError} from '../index.ts';
import {PyRegexError, search, translate} from '../pyregex.ts';

const common = readFileSync('/etc/fail2ban/filter.d/common.conf', 'utf8');
const filter = (failregex: string, extra = '') => `[INCLUDES]\nbefore = common.conf\n\n[Definition]\n_daemon = sshd\nfailregex = ${failregex}\n${extra}`;

describe('Python regex to JavaScript', () => {
  it('reads Python syntax JavaScript reads differently', () => {
    expect(translate('[^]]x').ascii.test(']x')).toBe(false);
    expect(translate('[^]]x').ascii.test('ax')).toBe(true);
    expect(translate('^a{,3}$').ascii.test('aaa')).toBe(true);
    expect(translate('(?P<user>\\w+) again (?P=user)').ascii.exec('bob again bob')?.groups?.user).toBe('bob');
    expect(translate('(?i)failed login').ascii.test('FAILED LOGIN')).toBe(true);
    expect(translate('end$').ascii.test('end\n')).toBe(true);
    expect(translate('\\w+').unicode.exec('héllo')?.[0]).toBe('héllo');
  });

  it.each([
    ['(?>atomic)', /atomic groups/],
    ['a++', /possessive quantifiers/],
    ['(a)*(?(1)b|c)', /conditional groups/],
    ['(?(1)a|b)', /unknown group name 1/],
    ['(?x)a b', /flag/],
  ])('refuses %s with a clear message', (pattern, message) => {
    expect(() => translate(pattern)).toThrow(PyRegexError);
    expect(() => translate(pattern)).toThrow(message);
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
    const compiled = compileFilter(filter('^%(__prefix_line)sfirst from <HOST>$\n            ^%(__prefix_line)ssecond from <ADDR>$', 'ignoreregex = from 192\\.0\\.2\\.'), {
      'common.conf': common,
    });
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

describe('conditional groups, written out', () => {
  it.each([
    // [regex, input, Python's match (group 0), Python's groups]
    ['^(?P<a>x)?y(?(a)1|2)$', 'xy1', 'xy1', {a: 'x'}],
    ['^(?P<a>x)?y(?(a)1|2)$', 'y2', 'y2', {a: undefined}],
    ['^(?P<a>x)?y(?(a)1|2)$', 'xy2', null, {}],
    ['^(?P<a>x)??x?y(?(a)1|2)$', 'xy2', 'xy2', {a: undefined}],
    ['^(?P<u>(?P<c>\\d+)|[a-z]+) (?(c)num|word)$', '42 num', '42 num', {u: '42', c: '42'}],
    ['^(?P<u>(?P<c>\\d+)|[a-z]+) (?(c)num|word)$', 'ab word', 'ab word', {u: 'ab', c: undefined}],
    ['^(?P<u>(?P<c>\\d+)|[a-z]+) (?(c)num|word)$', 'ab num', null, {}],
  ])('%s on %s', (pattern, input, whole, groups) => {
    const m = search(translate(pattern), input);
    expect(m?.[0] ?? null).toBe(whole);
    for (const [name, value] of Object.entries(groups)) expect(m?.groups?.[name]).toBe(value);
  });
});
