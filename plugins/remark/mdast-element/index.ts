import type {PhrasingContent, RootContent} from 'mdast';
import type {Properties} from 'hast';
import type {Node} from 'unist';

/**
 * An mdast node that becomes the HTML element `hName` (mdast-util-to-hast's
 * convention for nodes it does not know), so plugins build HTML as trees,
 * never as strings.
 */
export interface ElementNode extends Node {
  type: 'guideElement';
  data: {hName: string; hProperties?: Properties};
  children: Array<ElementNode | PhrasingContent | RootContent>;
}

declare module 'mdast' {
  interface RootContentMap {
    guideElement: ElementNode;
  }
  interface PhrasingContentMap {
    guideElement: ElementNode;
  }
}

export function h(hName: string, hProperties: Properties, children: ElementNode['children'] = []): ElementNode {
  return {type: 'guideElement', data: {hName, hProperties}, children};
}
