import {describe, expect, it} from 'vitest';
import {formatCodeMeta, parseCodeMeta} from '../code-meta.ts';

describe('code fence meta', () => {
  it('reads attributes, quoted values, line ranges and flags', () => {
    const meta = parseCodeMeta(`file=source/a.conf title="Two words" note='single' {1,4-6} showLineNumbers`);
    expect([...meta.attributes]).toEqual([
      ['file', 'source/a.conf'],
      ['title', 'Two words'],
      ['note', 'single'],
    ]);
    expect(meta.highlight).toBe('1,4-6');
    expect(meta.flags).toEqual(['showLineNumbers']);
  });

  it('round-trips through formatCodeMeta', () => {
    const text = 'file=a.conf title="A b" {13} showLineNumbers';
    expect(formatCodeMeta(parseCodeMeta(text))).toBe(text);
  });

  it('reads an absent meta as empty', () => {
    expect(parseCodeMeta(null)).toEqual({attributes: new Map(), flags: []});
  });
});
