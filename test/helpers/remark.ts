import {readFileSync} from 'node:fs';
import type {Root} from 'mdast';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import {unified, type PluggableList} from 'unified';
import {VFile} from 'vfile';

/**
 * Runs a Markdown fixture through remark-parse + remark-directive and the
 * given plugins, as Docusaurus would before rendering.
 * @returns the transformed tree and the file (with its messages).
 */
export async function runFixture(fixturePath: string, plugins: PluggableList): Promise<{tree: Root; file: VFile}> {
  const file = new VFile({path: fixturePath, value: readFileSync(fixturePath, 'utf8')});
  const processor = unified().use(remarkParse).use(remarkDirective).use(plugins);
  const tree = await processor.run(processor.parse(file), file);
  return {tree: tree as Root, file};
}

/** Runs a fixture that must fail; returns the error thrown (a VFileMessage). */
export async function fixtureError(fixturePath: string, plugins: PluggableList): Promise<{reason: string; line?: number; column?: number; ruleId?: string; source?: string}> {
  try {
    await runFixture(fixturePath, plugins);
  } catch (error) {
    return error as {reason: string; line?: number; column?: number};
  }
  throw new Error(`${fixturePath} was expected to fail`);
}
