import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fixtureError, runFixture} from '../../../../test/helpers/remark.ts';
import remarkAnchor from '../index.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '__fixtures__', name);

describe('remark-anchor', () => {
  it('turns ::anchor{#id} into an Anchor element with that id', async () => {
    const {tree} = await runFixture(fixture('anchor.md'), [remarkAnchor]);
    expect(tree.children[1]).toMatchObject({
      type: 'mdxJsxFlowElement',
      name: 'Anchor',
      attributes: [{type: 'mdxJsxAttribute', name: 'id', value: 'service-email-mta-setup'}],
    });
  });

  it('fails without an id', async () => {
    const error = await fixtureError(fixture('anchor-without-id.md'), [remarkAnchor]);
    expect(error).toMatchObject({ruleId: 'anchor-id', line: 1, column: 1});
  });
});
