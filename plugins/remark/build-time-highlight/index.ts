import type {Code, Root} from 'mdast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';
import {highlightToHtml, loadLanguages} from './highlight.ts';

export interface Options {
  /** The site's `themeConfig.prism.additionalLanguages`. */
  additionalLanguages?: string[];
}

/** Time spent highlighting in this process, for the bench (ms). */
export const highlightStats = {blocks: 0, ms: 0};

/**
 * Highlights every fenced code block once, at build time: the code element
 * gets a `highlighted` property (the lines' static markup) that the swizzled
 * `@theme/CodeBlock` renders as is. Runs after every other remark plugin, so
 * included files are filled in; `mdast` `code` becomes `<pre><code>` later, as
 * before, and keeps its text for Copy and the reader's values.
 */
const remarkBuildTimeHighlight: Plugin<[Options?], Root> = (options = {}) => {
  loadLanguages(options.additionalLanguages ?? []);
  return (tree) => {
    visit(tree, 'code', (node: Code) => {
      const started = performance.now();
      const html = highlightToHtml(node.value, node.lang ?? undefined, node.meta ?? undefined);
      highlightStats.blocks += 1;
      highlightStats.ms += performance.now() - started;
      if (html === undefined) return;
      node.data ??= {};
      const data = node.data as {hProperties?: Record<string, unknown>};
      data.hProperties = {...data.hProperties, highlighted: html};
    });
  };
};

export default remarkBuildTimeHighlight;
