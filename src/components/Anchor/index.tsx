import React, {type ReactNode} from 'react';
import useBrokenLinks from '@docusaurus/useBrokenLinks';

/** An empty link target; registered so that links to it pass the broken-anchor check. */
export default function Anchor({id}: {id: string}): ReactNode {
  useBrokenLinks().collectAnchor(id);
  return <span id={id} style={{display: 'block', scrollMarginTop: 'calc(var(--ifm-navbar-height) + 0.5rem)'}} />;
}
