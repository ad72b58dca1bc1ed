import React, {useId, type ReactNode, type SyntheticEvent} from 'react';
import Link from '@docusaurus/Link';
import styles from './styles.module.css';

interface Props {
  href: string;
  expansion: string;
  definition: string;
  children: ReactNode;
}

/** Keeps the margin from the window's edges that a tooltip never crosses. */
const edge = 8;

/**
 * Moves the shown tooltip sideways so it stays inside the window (near the
 * right edge, on a phone). Measured when it opens: no work until then.
 */
function keepInView(event: SyntheticEvent<HTMLElement>): void {
  const tooltip = event.currentTarget.querySelector<HTMLElement>('[role="tooltip"]');
  if (!tooltip) return;
  tooltip.style.removeProperty('--tooltip-shift');
  const box = tooltip.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  let shift = 0;
  if (box.right > width - edge) shift = width - edge - box.right;
  if (box.left + shift < edge) shift = edge - box.left;
  if (shift !== 0) tooltip.style.setProperty('--tooltip-shift', `${Math.round(shift)}px`);
}

/**
 * A glossary term in running text: a link to its glossary entry whose
 * definition shows as a tooltip on hover and on keyboard focus (CSS, so it
 * also works before JavaScript loads; once it runs, the tooltip is kept inside
 * the window), and is announced as the link's description.
 */
export default function GlossaryTerm({href, expansion, definition, children}: Props): ReactNode {
  const tooltipId = useId();
  return (
    <span className={styles.term} onMouseEnter={keepInView} onFocus={keepInView}>
      <Link to={href} className={`glossary-term ${styles.link}`} aria-describedby={tooltipId}>
        {children}
      </Link>
      <span role="tooltip" id={tooltipId} className={styles.tooltip}>
        <strong>{expansion}</strong>: {definition}
      </span>
    </span>
  );
}
