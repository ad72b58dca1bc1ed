import type {Root, RootContent} from 'mdast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';
import {failOnErrors, report} from '../../guide-model/diagnostics.ts';
import type {FileChanges} from '../../guide-model/original-changes.ts';
import type {GuideEditions} from '../../guide-index/editions.ts';
import {guidePageOf} from '../../guide-model/page.ts';

export interface Options {
  /** The guide indexes of the site's editions. */
  editions: GuideEditions;
}

const text = (value: string) => ({type: 'text' as const, value});
const code = (value: string) => ({type: 'inlineCode' as const, value});

/** A changed file: its name, the reasons, then the diff against the original. */
function fileChanges({file, added, hunks}: FileChanges): RootContent[] {
  const reasons = [...new Set(hunks.flatMap((hunk) => hunk.reasons))];
  const count = hunks.length === 1 ? '1 change' : `${hunks.length} changes`;
  return [
    {type: 'paragraph', children: [code(file), text(added ? ': added to the original guide.' : `: ${count}.`)]},
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: reasons.map((reason) => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children: [text(reason)]}]})),
    },
    {
      type: 'code',
      lang: 'diff',
      meta: `title="${file}: original (-) and this page (+)"`,
      value: hunks.map((hunk) => [`@@ original line ${hunk.originalLine} @@`, ...hunk.lines].join('\n')).join('\n'),
    },
  ];
}

/**
 * Renders `::changes-from-original`: each of the page's snippets diffed
 * against the original guide's, every change with its reason (read by the
 * guide model from the `original/` folder next to the page). The note cannot
 * drift from the page: a change without a reason fails the build.
 */
const remarkChangesFromOriginal: Plugin<[Options], Root> = function ({editions}) {
  return (tree, file) => {
    const page = guidePageOf(tree, file, editions.for(file.path).modelOptions);
    if (!page.changes) return;
    for (const problem of page.changes.problems) report(file, problem);
    failOnErrors(file);
    const {files, unchanged} = page.changes;
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (node.name !== 'changes-from-original' || !parent || index === undefined) return undefined;
      const rest: RootContent[] =
        unchanged.length > 0
          ? [{type: 'paragraph', children: [text('Unchanged from the original: '), ...unchanged.flatMap((name, i) => [...(i > 0 ? [text(', ')] : []), code(name)]), text('.')]}]
          : [];
      parent.children.splice(index, 1, ...files.flatMap(fileChanges), ...rest);
      return index + 1;
    });
  };
};

export default remarkChangesFromOriginal;
