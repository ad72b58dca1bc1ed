import path from 'node:path';
import type {Code} from 'mdast';
import type {PluggableList} from 'unified';
import {describe, expect, it} from 'vitest';
import {fixtureError, runFixture} from '../../../../test/helpers/remark.ts';
import remarkFileInclude from '../index.ts';

const fixtures = path.join(import.meta.dirname, '__fixtures__');
const plugins: PluggableList = [[remarkFileInclude, {rootDirOf: () => fixtures}]];
const fixture = (name: string) => path.join(fixtures, name);

function codeBlocks(tree: {children: unknown[]}): Code[] {
  return tree.children.filter((node): node is Code => (node as Code).type === 'code');
}

describe('remark-file-include', () => {
  it('fills the fence with the file and captions it with mode, owner and target', async () => {
    const {tree} = await runFixture(fixture('include-with-target.md'), plugins);
    const [code] = codeBlocks(tree);
    expect(code.value).toBe('[Definition]\nfailregex = ^<HOST> bad$');
    expect(code.lang).toBe('text');
    expect(code.meta).toBe('file=source/sample.conf target=/data/filter.d/sample.conf mode=0600 owner=root:adm title="0600 root adm /data/filter.d/sample.conf" {2}');
  });

  it('keeps an explicit title and leaves fences without file= alone', async () => {
    const {tree} = await runFixture(fixture('include-with-title.md'), plugins);
    const [included, shell] = codeBlocks(tree);
    expect(included.meta).toBe('file=source/sample.conf title="My sample"');
    expect(included.value).toContain('failregex');
    expect(shell).toMatchObject({value: 'echo untouched', meta: null});
  });

  it.each([
    ['missing-file.md', 'missing-file', 3, /Included file "source\/nope.conf" does not exist/],
    ['outside-root.md', 'outside-root', 1, /is outside .*keep included files next to the page/],
    ['body-not-empty.md', 'body-not-empty', 1, /must be empty/],
  ])('fails %s with rule %s at line %i', async (name, ruleId, line, reason) => {
    const error = await fixtureError(fixture(name), plugins);
    expect(error).toMatchObject({ruleId, source: 'file-include', line, column: 1});
    expect(error.reason).toMatch(reason);
  });
});
