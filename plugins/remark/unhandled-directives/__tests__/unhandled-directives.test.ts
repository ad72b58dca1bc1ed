import path from 'node:path';
import type {Root} from 'mdast';
import {toString} from 'mdast-util-to-string';
import {describe, expect, it} from 'vitest';
import {fixtureError, runFixture} from '../../../../test/helpers/remark.ts';
import remarkUnhandledDirectives from '../index.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '__fixtures__', name);

describe('remark-unhandled-directives', () => {
  it.each([
    ['unknown-container.md', ':::portz', 3],
    ['unknown-leaf.md', '::youtube', 1],
  ])('fails %s naming %s at line %i', async (name, directive, line) => {
    const error = await fixtureError(fixture(name), [remarkUnhandledDirectives]);
    expect(error).toMatchObject({ruleId: 'unhandled-directive', line, column: 1});
    expect(error.reason).toContain(`Unknown directive "${directive}"`);
  });

  it('leaves colons in ordinary text as text', async () => {
    const {tree, file} = await runFixture(fixture('plain-colons.md'), [remarkUnhandledDirectives]);
    expect(toString(tree)).toBe('Meet at 10:30 or at noon:sharp, on fe80::1.');
    expect(file.messages).toEqual([]);
  });

  it('accepts directives another plugin claimed', async () => {
    const claim = () => (tree: Root) => {
      tree.children[1].data = {hName: 'div'};
    };
    const {file} = await runFixture(fixture('unknown-container.md'), [claim, remarkUnhandledDirectives]);
    expect(file.messages).toEqual([]);
  });
});
