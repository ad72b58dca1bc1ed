import {readFileSync} from 'node:fs';
import type {Root} from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {VFile} from 'vfile';
import {loadPortStates, type PortState} from './port-states.ts';
import {readTables, type GuideTable} from './tables.ts';

/** What the guide model knows of one docs page. */
export interface GuidePage {
  /** The page's file; its `messages` are the problems found. */
  file: VFile;
  tree: Root;
  tables: GuideTable[];
}

const parser = unified().use(remarkParse).use(remarkFrontmatter).use(remarkDirective);

/**
 * Reads a docs page into the guide model without Docusaurus: the Markdown is
 * parsed as Docusaurus parses it (CommonMark, front matter, directives), then each table is
 * read by the same code the remark plugin renders from.
 */
export function readGuidePage(path: string, states: readonly PortState[] = loadPortStates()): GuidePage {
  const file = new VFile({path, value: readFileSync(path, 'utf8')});
  const tree = parser.parse(file);
  const tables = readTables(tree, file, states).flatMap(({table}) => (table ? [table] : []));
  return {file, tree, tables};
}
