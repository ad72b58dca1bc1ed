import type {Root} from 'mdast';
import type {MdxJsxFlowElement} from 'mdast-util-mdx-jsx';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';

/** `::values-form` places the reader's values panel (one field per placeholder). */
const remarkValuesForm: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (node.name !== 'values-form' || !parent || index === undefined) return;
      const element: MdxJsxFlowElement = {type: 'mdxJsxFlowElement', name: 'ValuesForm', attributes: [], children: [], position: node.position};
      parent.children[index] = element;
    });
  };
};

export default remarkValuesForm;
