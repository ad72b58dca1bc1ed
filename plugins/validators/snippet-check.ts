import type {Problem} from '../guide-model/diagnostics.ts';
import type {Snippet} from '../guide-model/snippets.ts';

/** What was checked for one snippet, for the page and the bundle's manifest. */
export interface SnippetCheck {
  snippet: Snippet;
  /** The validators it passed through, with versions: `compose-spec (dclint 3.1.0)`, `fail2ban-regex 1.0.2`. */
  validators: string[];
  /** The forms of the file the validators ran on ({@link checkedForms}). */
  forms: string[];
  /** Sample log lines it was run against (filters). */
  sampleLines?: number;
  /** The services a compose snippet defines or patches. */
  services?: string[];
  problems: Problem[];
}

/** The two forms every snippet is checked in: what the site serves, and what a reader with the example values runs. */
const checkedForms = {served: 'as published (placeholders unfilled)', example: 'with the example values'} as const;

/** The forms a snippet is checked in: a snippet without placeholders has one. */
export const formsOf = (snippet: Snippet): string[] => (snippet.placeholders.length > 0 ? [checkedForms.served, checkedForms.example] : [checkedForms.served]);
