import React, {type ComponentProps, type ReactNode} from 'react';
import useBrokenLinks from '@docusaurus/useBrokenLinks';

/**
 * Every `<tr>` of a page: rows with an id (`#port-587-tcp`) are link targets,
 * registered so that links to them pass the broken-anchor check.
 */
export default function TableRow(props: ComponentProps<'tr'>): ReactNode {
  useBrokenLinks().collectAnchor(props.id);
  return <tr {...props} />;
}
