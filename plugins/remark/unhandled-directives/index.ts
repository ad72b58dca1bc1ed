import type {Root} from 'mdast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';

const prefix = {containerDirective: ':::', leafDirective: '::', textDirective: ':'} as const;

/**
 * Fails a page that still has a directive no plugin claimed (Docusaurus 3.10
 * only warns, and the directive silently renders as nothing). A claimed
 * directive has `data` set or was replaced. A bare text directive such as the
 * `:30` of `10:30` is ordinary text, as Docusaurus treats it.
 */
const remarkUnhandledDirectives: Plugin<[], Root> = function () {
  return (tree, file) => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
      if (node.data) return;
      const bare = node.type === 'textDirective' && node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0;
      if (bare) {
        parent!.children[index!] = {type: 'text', value: `:${node.name}`, position: node.position};
        return;
      }
      file.fail(`Unknown directive "${prefix[node.type]}${node.name}": no plugin of this site handles it. Check its name, or escape the colon (\\:) if it is text.`, {
        place: node.position,
        ruleId: 'unhandled-directive',
        source: 'directives',
      });
    });
  };
};

export default remarkUnhandledDirectives;
