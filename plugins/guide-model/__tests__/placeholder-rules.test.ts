import {describe, expect, it} from 'vitest';
import {checkPlaceholderValue} from '../placeholder-rules.ts';
import {fillPlaceholders, fillWithOffsets, findPlaceholders, loadPlaceholders} from '../placeholders.ts';

describe('reader value rules', () => {
  it.each([
    ['domain', 'example.org'],
    ['domain', 'mail-1.example.co.uk'],
    ['domain', 'xn--bcher-kva.example'],
    ['local-part', 'alice'],
    ['local-part', 'first.last+tag'],
    ['email', 'postmaster@example.org'],
    ['timezone', 'Europe/Berlin'],
    ['absolute-path', '/srv/mail'],
  ] as const)('accepts the %s %s', (type, value) => {
    expect(checkPlaceholderValue(type, value)).toBeUndefined();
  });

  it.each([
    ['domain', 'localhost', /whole domain/],
    ['domain', 'bad domain.org', /letters, digits, hyphens/],
    ['domain', '-start.example.org', /not at the start or end/],
    ['domain', 'example.123', /not a number/],
    ['domain', 'example.org:25', /break the YAML/],
    ['domain', 'example.org #x', /break the YAML/],
    ['local-part', 'a b', /letters, digits/],
    ['local-part', '.alice', /no dot at the start or end/],
    ['email', 'alice', /whole address/],
    ['timezone', 'Mars/Olympus', /IANA time zone/],
    ['absolute-path', 'srv/mail', /absolute path/],
    ['absolute-path', '/srv/../etc', /plain path/],
    ['domain', ' example.org', /spaces at the start or end/],
    ['domain', '', /Enter a value/],
  ] as const)('rejects the %s "%s" with a clear message', (type, value, message) => {
    expect(checkPlaceholderValue(type, value)).toMatch(message);
  });

  it('holds every declared example to its own rule', () => {
    for (const placeholder of loadPlaceholders()) expect(checkPlaceholderValue(placeholder.type, placeholder.example), placeholder.name).toBeUndefined();
  });
});

describe('placeholder substitution', () => {
  it('fills every placeholder, each time it is used, and leaves compose interpolation alone', () => {
    const text = 'domainname: {DOMAIN}\nPOSTMASTER_ADDRESS=postmaster@{DOMAIN}\nuser: {USER}@{DOMAIN} ${HOME} {UNKNOWN}';
    expect(findPlaceholders(text).map((found) => found.name)).toEqual(['DOMAIN', 'DOMAIN', 'USER', 'DOMAIN', 'UNKNOWN']);
    expect(fillPlaceholders(text, {DOMAIN: 'example.net', USER: 'bob'})).toBe(
      'domainname: example.net\nPOSTMASTER_ADDRESS=postmaster@example.net\nuser: bob@example.net ${HOME} {UNKNOWN}',
    );
  });

  it('maps offsets in the filled text back to the text as written', () => {
    const {text, toWritten} = fillWithOffsets('a {DOMAIN} b {USER} c', {DOMAIN: 'example.net', USER: 'x'});
    expect(text).toBe('a example.net b x c');
    expect(toWritten(text.indexOf('b'))).toBe('a {DOMAIN} b'.length - 1);
    expect(toWritten(text.indexOf('c'))).toBe('a {DOMAIN} b {USER} c'.length - 1);
  });
});
