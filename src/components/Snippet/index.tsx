import React, {type ReactNode} from 'react';
import {fillPlaceholders as fillText} from '@site/plugins/guide-model/placeholder-text';
import {downloadText} from '@site/src/components/FilledText';
import {useReaderValues} from '@site/src/values/readerValues';
import TryFilter from '@site/src/components/TryFilter';
import type {SnippetDetails, TryItData} from '@site/plugins/remark/downloads/props';
import {SnippetContext} from './context';
import styles from './styles.module.css';

interface Props {
  url: string;
  fileName: string;
  /** The file as published: what Copy, Download and the bundle give. */
  text: string;
  details: SnippetDetails;
  /** For fail2ban filters: their sample lines and the jails that use them. */
  tryIt?: TryItData;
  children: ReactNode;
}

/** A short name for a validator in the badge: `compose-spec (dclint 3.1.0)` → `compose-spec`. */
function short(validator: string): string {
  return validator.replace(/ \(dclint [\d.]+\)$/, '').replace(/^docker-mailserver (v[\d.]+) environment$/, 'DMS $1');
}

/**
 * A config snippet the guide publishes: the code block, then a static footer
 * (works without JavaScript) with the validation badge, which opens what was
 * checked, and a plain download link. The code block's own buttons read the
 * context for Copy and Download.
 */
export default function Snippet({url, fileName, text, details, tryIt, children}: Props): ReactNode {
  const {values} = useReaderValues();
  const filled = fillText(text, values);
  const {validators, forms, sampleLines, warnings} = details;
  const headline = validators.filter((v) => /compose-spec|docker-mailserver|fail2ban-regex/.test(v)).map(short);
  if (sampleLines) headline.push(`${sampleLines} sample lines`);
  if (headline.length === 0) headline.push(...validators.slice(0, 2));
  return (
    <SnippetContext.Provider value={{url, fileName, text: filled, filled: filled !== text}}>
      <div className={styles.snippet}>
        {children}
        <div className={styles.footer}>
          <details className={styles.badge}>
            <summary>
              <span aria-hidden="true">✓ </span>validated · {headline.join(' · ')}
              {warnings > 0 ? ` · ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}
            </summary>
            <div className={styles.badgeDetails}>
              <p>
                <code>{fileName}</code> passed, {forms.join(' and ')}:
              </p>
              <ul>
                {validators.map((validator) => (
                  <li key={validator}>{validator}</li>
                ))}
                {sampleLines ? <li>{sampleLines} annotated sample log lines, each with the verdict and address fail2ban must give</li> : null}
              </ul>
              {warnings > 0 ? <p>Its warnings are listed below the file.</p> : null}
            </div>
          </details>
          <a
            className={styles.download}
            href={url}
            download={fileName}
            onClick={(event) => {
              // With the reader's values, the file is made here, in the browser.
              if (filled === text) return;
              event.preventDefault();
              downloadText(fileName, filled);
            }}
          >
            Download <code>{fileName}</code>
            {filled !== text ? ' with your values' : ''}
          </a>
        </div>
        {tryIt ? <TryFilter filterText={text} fileName={fileName} data={tryIt} /> : null}
      </div>
    </SnippetContext.Provider>
  );
}
