import React, {useId, type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import styles from './styles.module.css';

interface Props {
  href: string;
  expansion: string;
  definition: string;
  children: ReactNode;
}

/**
 * A glossary term in running text: a link to its glossary entry whose
 * definition shows as a tooltip on hover and on keyboard focus (CSS only, so it
 * also works before JavaScript loads), and is announced as the link's description.
 */
export default function GlossaryTerm({href, expansion, definition, children}: Props): ReactNode {
  const tooltipId = useId();
  return (
    <span className={styles.term}>
      <Link to={href} className={`glossary-term ${styles.link}`} aria-describedby={tooltipId}>
        {children}
      </Link>
      <span role="tooltip" id={tooltipId} className={styles.tooltip}>
        <strong>{expansion}</strong>: {definition}
      </span>
    </span>
  );
}
