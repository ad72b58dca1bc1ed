import {describe, expect, it} from 'vitest';
import {didYouMean} from '../suggest.ts';

describe('didYouMean', () => {
  it('suggests the closest name, whatever the case', () => {
    expect(didYouMean('PUBLIK', ['PUBLIC', 'PRIVATE'])).toBe(' Did you mean "PUBLIC"?');
    expect(didYouMean('tcp', ['TCP', 'UDP'])).toBe(' Did you mean "TCP"?');
    expect(didYouMean('titel', ['title', 'open'])).toBe(' Did you mean "title"?');
  });

  it('says nothing when no name is close', () => {
    expect(didYouMean('SOMETHING', ['TCP', 'UDP'])).toBe('');
    expect(didYouMean('x', [])).toBe('');
  });
});
