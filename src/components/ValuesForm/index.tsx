import React, {useEffect, useState, type ReactNode} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {checkPlaceholderValue} from '@site/plugins/guide-model/placeholder-rules';
import {usePlaceholders, useReaderValues} from '@site/src/values/readerValues';
import styles from './styles.module.css';

/**
 * One field per placeholder of the guide. A value is checked as it is typed,
 * with the rules the build uses, and only kept when it passes; it stays in
 * this browser (localStorage) and fills in every page's snippets and bundles.
 */
export default function ValuesForm(): ReactNode {
  const placeholders = usePlaceholders();
  const {values, setValue, reset} = useReaderValues();
  // The page's scripts load after its first paint: a field takes input once they run, so nothing typed is lost.
  const ready = useIsBrowser();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [composeCheck, setComposeCheck] = useState<{checked: number; byPlaceholder: Record<string, string[]>} | undefined>();
  useEffect(() => setDrafts(values), [values]);

  // The build's compose rules on the guide's compose files filled with these values (loaded on first use).
  useEffect(() => {
    if (Object.keys(values).length === 0) {
      setComposeCheck(undefined);
      return undefined;
    }
    let current = true;
    const examples = Object.fromEntries(placeholders.map((placeholder) => [placeholder.name, placeholder.example]));
    const timer = setTimeout(() => {
      import('@site/src/values/checkComposeFiles')
        .then(({checkComposeFiles}) => checkComposeFiles(values, examples))
        .then((result) => current && setComposeCheck(result))
        .catch(() => current && setComposeCheck(undefined));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [values, placeholders]);

  return (
    <form className={styles.form} onSubmit={(event) => event.preventDefault()} aria-label="Your values">
      {placeholders.map((placeholder) => {
        const draft = drafts[placeholder.name] ?? '';
        const error = draft === '' ? undefined : checkPlaceholderValue(placeholder.type, draft);
        const id = `value-${placeholder.name}`;
        return (
          <div key={placeholder.name} className={styles.field}>
            <label htmlFor={id}>
              {placeholder.label} <code>{`{${placeholder.name}}`}</code>
            </label>
            <input
              id={id}
              name={placeholder.name}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder={placeholder.example}
              value={draft}
              disabled={!ready}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
              onChange={(event) => {
                const value = event.target.value;
                setDrafts((current) => ({...current, [placeholder.name]: value}));
                if (value === '' || !checkPlaceholderValue(placeholder.type, value)) setValue(placeholder.name, value);
              }}
            />
            <p id={`${id}-help`} className={styles.help}>
              {placeholder.help}
            </p>
            {error ? (
              <p id={`${id}-error`} className={styles.error} role="alert">
                {error} Not applied.
              </p>
            ) : null}
            {!error &&
              composeCheck?.byPlaceholder[placeholder.name]?.map((problem) => (
                <p key={problem} className={styles.error} role="alert">
                  With this value, a compose file of the guide is invalid: {problem}
                </p>
              ))}
          </div>
        );
      })}
      <p className={styles.help} aria-live="polite" data-testid="compose-check">
        {composeCheck
          ? Object.keys(composeCheck.byPlaceholder).length === 0
            ? `Checked in this page: the ${composeCheck.checked} compose files of the guide stay valid with your values.`
            : 'Checked in this page: your values make a compose file invalid (see above).'
          : ''}
      </p>
      <button
        type="button"
        className="button button--secondary"
        disabled={!ready}
        onClick={() => {
          reset();
          setDrafts({});
        }}
      >
        Reset to the guide's placeholders
      </button>
    </form>
  );
}
