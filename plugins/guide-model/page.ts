import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Root} from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {toString} from 'mdast-util-to-string';
import {visit} from 'unist-util-visit';
import {VFile} from 'vfile';
import {parse} from 'yaml';
import {loadPlaceholders, type Placeholder} from './placeholders.ts';
import {readOriginalChanges, type OriginalChanges} from './original-changes.ts';
import {checkProsePlaceholders} from './prose-placeholders.ts';
import {checkUpstreamLinks} from './upstream-links.ts';
import {loadPortStates, type PortState} from './port-states.ts';
import {readSnippets, type Snippet} from './snippets.ts';
import {readTables, type GuideTable, type TableOccurrence} from './tables.ts';

/** The docs folder of this site. */
export const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url));

export interface ModelOptions {
  /** The docs folder; includes and links stay inside it. */
  rootDir?: string;
  states?: readonly PortState[];
  placeholders?: readonly Placeholder[];
}

/** What the guide model knows of one docs page. */
export interface GuidePage {
  /** The page's file; its `messages` are the problems found. */
  file: VFile;
  /** The title: front matter `title`, else the first heading. */
  title: string;
  tree: Root;
  /** Each table directive with what it holds (undefined when unusable). */
  tableOccurrences: TableOccurrence[];
  tables: GuideTable[];
  snippets: Snippet[];
  /** What `::changes-from-original` shows: each snippet diffed against the original guide's. */
  changes?: OriginalChanges;
  /** Absolute paths of the docs pages this page links to. */
  links: string[];
}

declare module 'vfile' {
  interface DataMap {
    /** The page's guide model, read once per compile (`guidePageOf`). */
    guidePage: GuidePage;
    /** Docusaurus's compiler (`client` or `server`): each page is compiled by both. */
    compilerName: string;
  }
}

const parser = unified().use(remarkParse).use(remarkFrontmatter).use(remarkDirective);

/**
 * The model of a page from its syntax tree, computed once per file (kept in
 * `file.data`), so every plugin of a build sees the same tables and snippets
 * and every problem is reported once.
 */
export function guidePageOf(tree: Root, file: VFile, options: ModelOptions = {}): GuidePage {
  const cached = file.data.guidePage;
  if (cached) return cached;
  const rootDir = options.rootDir ?? docsDir;
  const tableOccurrences = readTables(tree, file, options.states ?? loadPortStates());
  const placeholders = options.placeholders ?? loadPlaceholders();
  const snippets = readSnippets(tree, file, {rootDir, placeholders});
  checkProsePlaceholders(
    tree,
    file,
    placeholders.map(({name}) => name),
  );
  checkUpstreamLinks(tree, file);
  const links = new Set<string>();
  visit(tree, 'link', (link) => {
    const target = link.url.split('#')[0];
    if (file.path && /^\.{0,2}\/?[^:]*\.mdx?$/.test(target)) links.add(path.resolve(path.dirname(file.path), target));
  });
  const frontMatter = tree.children.find((node) => node.type === 'yaml');
  const heading = tree.children.find((node) => node.type === 'heading');
  const title = (frontMatter && (parse(frontMatter.value) as {title?: string} | null)?.title) || (heading ? toString(heading) : path.basename(file.path ?? ''));
  const page: GuidePage = {
    file,
    title,
    tree,
    tableOccurrences,
    tables: tableOccurrences.flatMap(({table}) => (table ? [table] : [])),
    snippets,
    changes: readOriginalChanges(tree, file, snippets),
    links: [...links],
  };
  file.data.guidePage = page;
  return page;
}

/**
 * Reads a docs page into the guide model without Docusaurus: the Markdown is
 * parsed as Docusaurus parses it (CommonMark, front matter, directives), then
 * read by the same code the remark plugins render from (from `text` when
 * given). Reads the file each time: the guide index (plugins/guide-index)
 * reads every page once per build.
 */
export function readGuidePage(pagePath: string, options: ModelOptions = {}, text?: string): GuidePage {
  const file = new VFile({path: path.resolve(pagePath), value: text ?? readFileSync(pagePath, 'utf8')});
  return guidePageOf(parser.parse(file), file, options);
}
