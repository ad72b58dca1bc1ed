import React, {useLayoutEffect, type ReactNode, type RefObject} from 'react';
import clsx from 'clsx';
import BrowserOnly from '@docusaurus/BrowserOnly';
import {CodeBlockContextProvider, useCodeBlockContext, useCodeWordWrap, type CodeBlockMetadata} from '@docusaurus/theme-common/internal';
import CopyButton from '@theme/CodeBlock/Buttons/CopyButton';
import WordWrapButton from '@theme/CodeBlock/Buttons/WordWrapButton';
import DownloadButton from '@site/src/components/Snippet/DownloadButton';
import {useSnippet} from '@site/src/components/Snippet/context';
import styles from './styles.module.css';

/**
 * The code block's buttons (as Docusaurus's, client-side only), plus Download
 * for a published snippet. For those, Copy copies the published file itself,
 * so the clipboard, the download and the bundle hold the same bytes.
 */
function Buttons({className}: {className?: string}): ReactNode {
  const snippet = useSnippet();
  const context = useCodeBlockContext();
  const buttons = (
    <div className={clsx(className, styles.buttonGroup)}>
      <WordWrapButton />
      <CopyButton />
      {snippet ? <DownloadButton /> : null}
    </div>
  );
  if (!snippet) return buttons;
  return (
    <CodeBlockContextProvider metadata={{...context.metadata, code: snippet.text}} wordWrap={context.wordWrap}>
      {buttons}
    </CodeBlockContextProvider>
  );
}

export default function CodeBlockButtons(props: {className?: string}): ReactNode {
  return <BrowserOnly>{() => <Buttons {...props} />}</BrowserOnly>;
}

/**
 * The buttons of a build-time highlighted block (rendered in the browser only):
 * the context the theme's buttons read (the code, word wrap of the block's <pre>).
 */
export function StaticBlockButtons({pre, code, language, title}: {pre: RefObject<HTMLPreElement | null>; code: string; language: string; title?: string}): ReactNode {
  const wordWrap = useCodeWordWrap();
  useLayoutEffect(() => {
    (wordWrap.codeBlockRef as {current: HTMLPreElement | null}).current = pre.current;
  }, [pre, wordWrap.codeBlockRef]);
  const metadata = {codeInput: code, code, className: `language-${language}`, language, title, lineNumbersStart: undefined, lineClassNames: {}} as unknown as CodeBlockMetadata;
  return (
    <CodeBlockContextProvider metadata={metadata} wordWrap={wordWrap}>
      <Buttons />
    </CodeBlockContextProvider>
  );
}
