import type {PhrasingContent, Root} from 'mdast';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import type {Node, Point, Position} from 'unist';
import {visit} from 'unist-util-visit';

const parser = unified().use(remarkParse).use(remarkDirective);

/**
 * Text with nothing Markdown could read as syntax: one line, no characters
 * that open inline syntax or directives, nothing at the start that opens a
 * block, no surrounding white space. Most table cells are such text, and the
 * parser's fixed cost per call was a tenth of `npm run check` on 1000 pages.
 */
export const isPlainText = (text: string): boolean => /^[^\s\-+>#=0-9][^\n\\`*_[\]<>&!:~|]*$/.test(text) && !/\s$/.test(text);

/** What the parser makes of plain text: a paragraph of one text node, with its positions. */
export function plainTextTree(text: string): Root {
  const end = {line: 1, column: text.length + 1, offset: text.length};
  const position = {start: {line: 1, column: 1, offset: 0}, end};
  return {type: 'root', children: [{type: 'paragraph', children: [{type: 'text', value: text, position}], position}], position};
}

/**
 * Parses a table cell's text (from YAML) as inline Markdown, with directives
 * such as `:term[MTA]`, so the page's other plugins treat it like prose.
 * Node positions point into the page: shifted from `contentStart` (where the
 * text begins in the page) for a one-line value, else the value's `place`.
 * @returns the phrasing nodes, or undefined when the text holds block content.
 */
export function parseInlineMarkdown(text: string, place: Position | undefined, contentStart?: Point): PhrasingContent[] | undefined {
  const tree = isPlainText(text) ? plainTextTree(text) : parser.parse(text);
  visit(tree, (node: Node) => {
    // Raw HTML in a cell is text, never markup: `<script>` shows as written.
    if (node.type === 'html') node.type = 'text';
    if (!place) {
      delete node.position;
    } else if (place.start.line === place.end.line && contentStart && node.position) {
      const shift = (point: Point): Point => ({
        line: contentStart.line,
        column: contentStart.column + point.column - 1,
        offset: (contentStart.offset ?? 0) + (point.offset ?? 0),
      });
      node.position = {start: shift(node.position.start), end: shift(node.position.end)};
    } else {
      node.position = place;
    }
  });
  if (tree.children.length === 0) return [];
  const [first] = tree.children;
  if (tree.children.length > 1) return undefined;
  // A value that is only raw HTML parses as an HTML block: it is still one line of text.
  if (first.type === ('text' as string)) return [first as unknown as PhrasingContent];
  return first.type === 'paragraph' ? first.children : undefined;
}
