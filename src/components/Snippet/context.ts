import {createContext, useContext} from 'react';

/** A published snippet: its download and the exact bytes that copy and download give. */
export interface SnippetInfo {
  url: string;
  fileName: string;
  text: string;
  /** Whether `text` holds the reader's values (then it is made in the browser, not fetched). */
  filled: boolean;
}

export const SnippetContext = createContext<SnippetInfo | undefined>(undefined);

export function useSnippet(): SnippetInfo | undefined {
  return useContext(SnippetContext);
}
