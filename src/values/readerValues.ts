import {useCallback, useSyncExternalStore} from 'react';
import {usePluginData} from '@docusaurus/useGlobalData';
import type {Placeholder} from '@site/plugins/guide-model/placeholders';

/**
 * The reader's own values for the guide's placeholders, kept in this browser
 * only (localStorage): nothing the reader types is ever sent anywhere.
 */
const storageKey = 'mailguide:values';
const changed = 'mailguide:values-changed';

type Values = Record<string, string>;
const empty: Values = {};
let cache: {raw: string | null; values: Values} = {raw: null, values: empty};

function read(): Values {
  const raw = window.localStorage.getItem(storageKey);
  if (raw !== cache.raw) {
    let values: Values;
    try {
      values = raw ? (JSON.parse(raw) as Values) : empty;
    } catch {
      values = empty;
    }
    cache = {raw, values};
  }
  return cache.values;
}

function write(values: Values): void {
  if (Object.keys(values).length === 0) window.localStorage.removeItem(storageKey);
  else window.localStorage.setItem(storageKey, JSON.stringify(values));
  window.dispatchEvent(new Event(changed));
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('storage', callback);
  window.addEventListener(changed, callback);
  return () => {
    window.removeEventListener('storage', callback);
    window.removeEventListener(changed, callback);
  };
}

interface GuideData {
  placeholders: Placeholder[];
}

/** The declared placeholders, from the build. */
export function usePlaceholders(): Placeholder[] {
  return (usePluginData('mailguide-guide-data') as GuideData).placeholders;
}

/**
 * The reader's values (none while the page is server-rendered and hydrating,
 * so the first render matches the static HTML), and how to change them.
 */
export function useReaderValues(): {values: Values; setValue(name: string, value: string | undefined): void; reset(): void} {
  const values = useSyncExternalStore(subscribe, read, () => empty);
  const setValue = useCallback((name: string, value: string | undefined) => {
    const next = {...read()};
    if (value === undefined || value === '') delete next[name];
    else next[name] = value;
    write(next);
  }, []);
  const reset = useCallback(() => write({}), []);
  return {values, setValue, reset};
}
