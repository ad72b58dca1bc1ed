import React, {useMemo, useRef, useState, type ReactNode} from 'react';
import type {TryJailsData} from '@site/plugins/remark/downloads/props';
import {exampleValues, fillPlaceholders} from '@site/plugins/guide-model/placeholder-text';
import {filterSpec, formatDuration, formatTime, jailsFromFiles, type JailSetResult} from '@site/plugins/fail2ban-matcher/jails';
import {runGuarded} from '@site/plugins/fail2ban-matcher/guarded';
import {usePlaceholders, useReaderValues} from '@site/src/values/readerValues';
import styles from './styles.module.css';
// The log field and the per-line verdicts look as in the per-filter "Try it".
import tryFilterStyles from '../TryFilter/styles.module.css';

interface Props {
  data: TryJailsData;
}

/** Lines listed one by one under the results (all lines count in the verdicts). */
const listedLines = 1000;
/** Rows a results table shows (the counts above it cover them all). */
const listedRows = 200;
const stockBase = '/downloads/validators/fail2ban';

let stockCache: Promise<Record<string, string>> | undefined;

/** The stock filter files the jails read, published by the build. */
function stockFiles(names: readonly string[]): Promise<Record<string, string>> {
  stockCache ??= Promise.all(
    names.map(async (name) => {
      const response = await fetch(`${stockBase}/${name}`);
      if (!response.ok) throw new Error(`${stockBase}/${name}: HTTP ${response.status}`);
      return [name, await response.text()] as const;
    }),
  ).then(
    (entries) => Object.fromEntries(entries),
    (error: unknown) => {
      stockCache = undefined;
      throw error;
    },
  );
  return stockCache;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

/**
 * "Try it" for a whole page (`::try-jails`): the reader pastes a log and sees
 * what every enabled jail of the page would do — the guide's filters and
 * fail2ban's stock ones, each with its jail's mode, maxretry, findtime,
 * bantime and ignoreip (the reader's values filled in) — and, per address,
 * which jail bans it, when and for how long. Matching runs in a Web Worker
 * with a time budget a line; nothing typed leaves the page.
 */
export default function TryJails({data}: Props): ReactNode {
  const placeholders = usePlaceholders();
  const {values} = useReaderValues();
  const filled = useMemo(() => ({...exampleValues(placeholders), ...values}), [placeholders, values]);
  const {jails, problems} = useMemo(
    () =>
      jailsFromFiles(
        data.jailFiles.map((file) => ({name: file.name, text: fillPlaceholders(file.text, filled)})),
        data.stockJails,
      ),
    [data, filled],
  );
  const [input, setInput] = useState('');
  const [state, setState] = useState<{running?: number; error?: string; result?: JailSetResult; lines?: string[]}>({});
  const runId = useRef(0);

  const run = async () => {
    const id = ++runId.current;
    const lines = input.replace(/\n$/, '').split('\n');
    setState({running: 0});
    try {
      const [{spawnWebWorker}, stock] = await Promise.all([import('./spawn'), stockFiles(data.stockFiles)]);
      const files: Record<string, string> = {...stock};
      for (const [name, text] of Object.entries(data.guideFilters)) files[name] = fillPlaceholders(text, filled);
      let shown = 0;
      const result = await runGuarded(spawnWebWorker, {jails, files}, lines, {
        keepLines: listedLines,
        onProgress: (done, total) => {
          // A few updates, not one every 256 lines: each renders the box again.
          const progress = total ? done / total : 0;
          if (runId.current === id && progress - shown >= 0.05) {
            shown = progress;
            setState({running: progress});
          }
        },
      });
      if (runId.current === id) setState({result, lines});
    } catch (error) {
      if (runId.current === id) setState({error: (error as Error).message});
    }
  };

  const {result, lines} = state;
  const stats = (index: number) => {
    const jail = result?.jails[index];
    if (!jail) return null;
    if (jail.refused) return <td colSpan={3}>refused: {jail.refused}</td>;
    const bans = jail.addresses.reduce((sum, entry) => sum + entry.bans.length, 0);
    return (
      <>
        <td>
          {jail.failures}
          {jail.ignored ? ` (${jail.ignored} ignoreip)` : ''}
        </td>
        <td>{jail.addresses.length}</td>
        <td>{bans}</td>
      </>
    );
  };

  return (
    <details className={styles.try} data-try-jails="">
      <summary>Try all the jails of this page on a log</summary>
      <p>
        Paste a log (mail.log, auth.log, fail2ban.log, mixed as you like): every jail below reads it as fail2ban would if the lines were logged now, and you see whom each one bans,
        when and for how long. A <code>recidive</code> jail also reads the bans the other jails log. Your values (Networks never banned…) are filled in. Nothing you paste leaves
        this page.
      </p>
      {problems.length ? <p role="alert">{problems.join('; ')}</p> : null}
      <table className={styles.table} aria-label="Jails">
        <caption>Jails ({jails.length})</caption>
        <thead>
          <tr>
            <th scope="col">Jail</th>
            <th scope="col">Filter</th>
            <th scope="col">maxretry</th>
            <th scope="col">findtime</th>
            <th scope="col">bantime</th>
            <th scope="col">ignoreip</th>
            {result ? (
              <>
                <th scope="col">Failures</th>
                <th scope="col">Addresses</th>
                <th scope="col">Bans</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {jails.map((jail, index) => (
            <tr key={jail.name} data-jail={jail.name}>
              <th scope="row">
                <code>[{jail.name}]</code>
              </th>
              <td>
                <code>{filterSpec(jail)}</code>
                {data.guideFilters[`filter.d/${jail.filter}.conf`] !== undefined ? ' (this guide)' : ' (fail2ban)'}
              </td>
              <td>{jail.maxretry}</td>
              <td>{formatDuration(jail.findtime)}</td>
              <td>{formatDuration(jail.bantime)}</td>
              <td>{jail.ignoreip.join(' ') || '–'}</td>
              {stats(index)}
            </tr>
          ))}
        </tbody>
      </table>
      <label htmlFor="try-jails-log">Log lines (they stay in this page)</label>
      <textarea id="try-jails-log" className={tryFilterStyles.input} rows={8} spellCheck={false} value={input} onChange={(event) => setInput(event.target.value)} />
      <div className={styles.actions}>
        <button type="button" className="button button--sm button--primary" disabled={state.running !== undefined || input.trim() === ''} onClick={run}>
          Run every jail
        </button>
        {state.running !== undefined ? <span role="status">Matching… {Math.round(state.running * 100)}%</span> : null}
      </div>
      {state.error ? <p role="alert">The jails could not be run in the page: {state.error}</p> : null}
      {result && lines ? (
        <div aria-live="polite" data-try-jails-result="">
          <p>
            {plural(result.lines, 'line')} through {plural(result.jails.length, 'jail')} in {Math.round(result.ms)} ms:{' '}
            {result.bans.length === 0 ? 'no jail bans anyone.' : `${plural(result.bans.length, 'ban')}.`}
          </p>
          {result.bans.length ? (
            <table className={styles.table} aria-label="Bans">
              <caption>Bans</caption>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Jail</th>
                  <th scope="col">Banned at</th>
                  <th scope="col">For</th>
                  <th scope="col">Failures</th>
                  <th scope="col">Line</th>
                </tr>
              </thead>
              <tbody>
                {result.bans.slice(0, listedRows).map((ban, index) => (
                  <tr key={index} data-ban={`${ban.jail} ${ban.address}`}>
                    <th scope="row">{ban.address}</th>
                    <td>
                      <code>[{ban.jail}]</code>
                    </td>
                    <td>{formatTime(ban.at)}</td>
                    <td>{ban.until === null ? 'for ever' : `${formatDuration((ban.until - ban.at) / 1000)}, until ${formatTime(ban.until)}`}</td>
                    <td>{ban.failures}</td>
                    <td>{ban.line + 1}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.bans.length > listedRows ? <p>… and {result.bans.length - listedRows} more bans.</p> : null}
          {(() => {
            const unbanned = result.jails.flatMap((jail) => jail.addresses.filter((entry) => entry.bans.length === 0).map((entry) => ({jail: jail.name, entry})));
            return unbanned.length ? (
              <>
                <table className={styles.table} aria-label="Failures without a ban">
                  <caption>Failures without a ban</caption>
                  <thead>
                    <tr>
                      <th scope="col">Address</th>
                      <th scope="col">Jail</th>
                      <th scope="col">Failures</th>
                      <th scope="col">Why no ban</th>
                    </tr>
                  </thead>
                  <tbody>
                    {unbanned.slice(0, listedRows).map(({jail, entry}) => {
                      const settings = result.jails.find((j) => j.name === jail)!;
                      return (
                        <tr key={`${jail} ${entry.address}`} data-unbanned={`${jail} ${entry.address}`}>
                          <th scope="row">{entry.address}</th>
                          <td>
                            <code>[{jail}]</code>
                          </td>
                          <td>{entry.failures}</td>
                          <td>{entry.ignoredBy ? `ignoreip ${entry.ignoredBy}` : `fewer than ${settings.maxretry} within ${formatDuration(settings.findtime)}`}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                {unbanned.length > listedRows ? <p>… and {unbanned.length - listedRows} more addresses with failures but no ban.</p> : null}
              </>
            ) : null;
          })()}
          {result.tooSlow.length ? (
            <>
              <p>Refused lines (the verdicts above are without them):</p>
              <ul>
                {result.tooSlow.map((slow, index) => (
                  <li key={index} data-too-slow="">
                    line {slow.line + 1}, {slow.jail < 0 ? 'date' : <code>[{result.jails[slow.jail].name}]</code>}: {slow.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <details>
            <summary>Line by line{result.lines > listedLines ? ` (the first ${listedLines})` : ''}</summary>
            <ol className={styles.results}>
              {result.lineHits.map((hits, index) => (
                <li key={index} data-hits={hits.length}>
                  <span className={tryFilterStyles.verdict}>
                    {hits.length === 0 ? 'no failure' : hits.map((hit) => `[${result.jails[hit.jail].name}] → ${hit.address}${hit.ignored ? ' (ignoreip)' : ''}`).join(', ')}
                  </span>
                  <code className={tryFilterStyles.line}>{lines[index]}</code>
                </li>
              ))}
            </ol>
          </details>
        </div>
      ) : null}
    </details>
  );
}
