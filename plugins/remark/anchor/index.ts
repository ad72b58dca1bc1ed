import type {Root} from 'mdast';
import type {MdxJsxFlowElement} from 'mdast-util-mdx-jsx';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';

/**
 * `::anchor{#old-label}` places a link target where no heading can carry the
 * id, such as a page title (Docusaurus renders the title without an id). It
 * keeps the original site's labels (`#service-email-mta-setup`) working.
 */
const remarkAnchor: Plugin<[], Root> = function () {
  return (tree, file) => {
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (node.name !== 'anchor') return;
      const id = node.attributes?.id;
      if (!id || !/^[A-Za-z][\w-]*$/.test(id)) {
        file.fail('"::anchor" needs an id of letters, digits, "-" or "_", e.g. ::anchor{#service-email-ports}.', {
          place: node.position,
          ruleId: 'anchor-id',
          source: 'anchor',
        });
      }
      const element: MdxJsxFlowElement = {
        type: 'mdxJsxFlowElement',
        name: 'Anchor',
        attributes: [{type: 'mdxJsxAttribute', name: 'id', value: id}],
        children: [],
        position: node.position,
      };
      parent!.children[index!] = element;
    });
  };
};

export default remarkAnchor;
