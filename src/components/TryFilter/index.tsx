import React, {useEffect, useRef, useState, type ReactNode} from 'react';
import type {CompiledFilter, LineResult} from '@site/plugins/fail2ban-matcher';
import type {TryFilterEntry, TryItData} from '@site/plugins/remark/downloads/props';
import styles from './styles.module.css';

interface Props {
  filterText: string;
  fileName: string;
  data: TryItData;
}

type Matcher = typeof import('@site/plugins/fail2ban-matcher');

/**
 * "Try it": the reader pastes log lines and sees, for each, what fail2ban
 * 1.0.2 makes of it (the failregex line and the address), and whom the
 * guide's jail would ban. The matcher is loaded when the box opens; nothing
 * typed leaves the page (only fail2ban's own common.conf is fetched).
 */
export default function TryFilter({filterText, fileName, data}: Props): ReactNode {
  const {samples, jails} = data;
  const [matcher, setMatcher] = useState<{module: Matcher; filter: CompiledFilter} | {error: string}>();
  const [input, setInput] = useState('');
  const [results, setResults] = useState<LineResult[]>();

  const box = useRef<HTMLDetailsElement>(null);
  const load = async () => {
    if (matcher) return;
    try {
      const [module, common] = await Promise.all([
        import('@site/plugins/fail2ban-matcher'),
        fetch('/downloads/validators/fail2ban-common.conf').then((response) => response.text()),
      ]);
      setMatcher({module, filter: module.compileFilter(filterText, {'common.conf': common})});
    } catch (error) {
      setMatcher({error: (error as Error).message});
    }
  };
  const run = (text: string) => {
    if (!matcher || 'error' in matcher) return;
    setResults(
      matcher.module.matchLines(
        matcher.filter,
        text.split('\n').filter((line) => line.trim() !== ''),
      ),
    );
  };
  const failures = results?.filter((result) => result.verdict === 'failure') ?? [];
  const addresses = new Set(failures.map((result) => result.address));

  // A box opened before the page's scripts ran (its toggle event came before React) loads now.
  useEffect(() => {
    if (box.current?.open) void load();
    // Once, on hydration; later openings come through onToggle.
  }, []);

  return (
    <details ref={box} className={styles.try} onToggle={(event) => (event.currentTarget as HTMLDetailsElement).open && load()}>
      <summary>Try {fileName} on your own log lines</summary>
      {matcher && 'error' in matcher ? <p role="alert">This filter cannot be tried in the page: {matcher.error}</p> : null}
      <label htmlFor={`try-${fileName}`}>Log lines (one per line; they stay in this page)</label>
      <textarea id={`try-${fileName}`} className={styles.input} rows={6} spellCheck={false} value={input} onChange={(event) => setInput(event.target.value)} />
      <div className={styles.actions}>
        <button type="button" className="button button--sm button--primary" disabled={!matcher || 'error' in matcher} onClick={() => run(input)}>
          Run the filter
        </button>
        <button
          type="button"
          className="button button--sm button--secondary"
          disabled={!matcher || 'error' in matcher}
          onClick={() => {
            setInput(samples.join('\n'));
            run(samples.join('\n'));
          }}
        >
          Use its {samples.length} sample lines
        </button>
      </div>
      {results && matcher && !('error' in matcher) ? (
        <div aria-live="polite">
          <p className={styles.summary}>
            {results.length} lines, {failures.length} failures, {addresses.size} distinct addresses.
          </p>
          {jails.map((jail) => {
            const banned = matcher.module.banVerdict(results, jail).filter((verdict) => verdict.banned);
            return (
              <p key={jail.name} className={styles.summary}>
                Jail <code>[{jail.name}]</code> (maxretry {jail.maxretry}, findtime {jail.findtime} s):{' '}
                {banned.length === 0 ? 'bans nobody.' : `bans ${banned.map((verdict) => `${verdict.address} (${verdict.failures} failures)`).join(', ')}.`}
              </p>
            );
          })}
          <ol className={styles.results}>
            {results.map((result, index) => (
              <li key={index} data-verdict={result.verdict}>
                <span className={styles.verdict}>
                  {result.verdict === 'failure' ? `failregex line ${result.regexLine} → ${result.address}` : result.verdict === 'ignored' ? 'dropped by ignoreregex' : 'no match'}
                </span>
                <code className={styles.line}>{result.line}</code>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </details>
  );
}

/** "Try it" for every filter of the guide (`::try-filters`). */
export function TryFilters({filters}: {filters: TryFilterEntry[]}): ReactNode {
  return (
    <>
      {filters.map((filter) => (
        <TryFilter key={filter.fileName} fileName={filter.fileName} filterText={filter.text} data={filter.tryIt} />
      ))}
    </>
  );
}
