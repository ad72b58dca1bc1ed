import React, {useMemo, useRef, type ReactNode} from 'react';
import clsx from 'clsx';
import BrowserOnly from '@docusaurus/BrowserOnly';
import FallbackCodeBlock from '@mailguide/code-fallback';
import {fillPlaceholders} from '@site/plugins/guide-model/placeholder-text';
import {useReaderValues} from '@site/src/values/readerValues';
import {StaticBlockButtons} from './Buttons';
import styles from './styles.module.css';

interface Props {
  children?: ReactNode;
  className?: string;
  metastring?: string;
  title?: ReactNode;
  /** The lines' markup, highlighted at build time (plugins/remark/build-time-highlight). */
  highlighted?: string;
  [prop: string]: unknown;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The markup with each `{NAME}` that has a value replaced by it, marked. */
function fillMarkup(html: string, values: Readonly<Record<string, string>>): string {
  return html.replace(/(<span class="[^"]*" data-ph="([A-Z][A-Z0-9_]*)">)\{\2\}<\/span>/g, (written, open: string, name: string) =>
    values[name] === undefined ? written : `${open}<mark class="reader-value" title="Your value for {${name}}">${escapeHtml(values[name])}</mark></span>`,
  );
}

/**
 * A code block highlighted at build time: static markup (no Prism, no
 * tokenizing, nothing to hydrate inside <code>), the theme's look and class
 * names, its buttons once the page runs. The reader's values replace the
 * placeholders in place, marked; Copy gives the filled text. A block the build
 * did not highlight goes to the theme's own CodeBlock.
 */
export default function CodeBlock(props: Props): ReactNode {
  const {children, className, metastring, title: titleProp, highlighted} = props;
  const {values} = useReaderValues();
  const pre = useRef<HTMLPreElement>(null);
  const source = typeof children === 'string' ? children : Array.isArray(children) && children.every((c) => typeof c === 'string') ? children.join('') : undefined;
  const hasValues = Object.keys(values).length > 0;
  const html = useMemo(() => (highlighted && hasValues ? fillMarkup(highlighted, values) : highlighted), [highlighted, values, hasValues]);
  if (typeof highlighted !== 'string' || source === undefined) return <FallbackCodeBlock {...(props as Parameters<typeof FallbackCodeBlock>[0])} />;
  const code = source.replace(/\r?\n$/, '');
  const language = /language-(\S+)/.exec(className ?? '')?.[1] ?? 'text';
  const title = titleProp ?? /title=(["'])(.*?)\1/.exec(metastring ?? '')?.[2];
  return (
    <div className={clsx('theme-code-block', 'mg-code', `language-${language}`, styles.codeBlockContainer)} data-reader-values={html !== highlighted ? '' : undefined}>
      {title ? <div className={styles.codeBlockTitle}>{title}</div> : null}
      <div className={styles.codeBlockContent}>
        {/* tabIndex: scrollable code is reachable by keyboard, as in the theme. */}
        <pre ref={pre} tabIndex={0} className={clsx('prism-code', `language-${language}`, styles.codeBlock, 'thin-scrollbar')}>
          <code className={styles.codeBlockLines} dangerouslySetInnerHTML={{__html: html!}} />
        </pre>
        <BrowserOnly>
          {() => (
            <StaticBlockButtons pre={pre} code={hasValues ? fillPlaceholders(code, values) : code} language={language} title={typeof title === 'string' ? title : undefined} />
          )}
        </BrowserOnly>
      </div>
    </div>
  );
}
