/**
 * What goes into a page's downloads, as plain data: the same spec renders the
 * bundle at build time, in `npm run bundle`, and (with the reader's values) in
 * the browser. No Node APIs here.
 */

/** A file of the bundle, as the guide writes it. */
export interface BundleEntry {
  /** Path inside the bundle, laid out as on the server: `data/fail2ban/filter.d/mail-dovecot.conf`. */
  path: string;
  /** Where it goes on the server; relative for the compose file (the folder you run compose in). */
  installTo: string;
  /** The path the guide gives it (in the container for fail2ban files). */
  target: string;
  kind: string;
  /** The text, placeholders as written. */
  text: string;
  mode: string;
  owner: string;
  /** The page or included file, and line, it comes from (repository-relative). */
  source: {file: string; line: number};
  validators: string[];
  warnings: string[];
}

export interface BundleSpec {
  /** Name of the archives and of their top folder: `mailguide-services-email-mta-setup`. */
  name: string;
  page: {title: string; route: string};
  /** Placeholders used by the files, with their labels, for INSTALL.md. */
  placeholders: Array<{name: string; label: string}>;
  /** Log files the bundle's jails read, on the host: fail2ban refuses to start while one is missing. */
  logFiles: string[];
  entries: BundleEntry[];
}

/** A single-file download of a snippet, byte for byte what the page shows. */
export interface SnippetDownload {
  /** URL path under the site: `/downloads/services/email/mta/setup/data/fail2ban/filter.d/mail-dovecot.conf`. */
  url: string;
  fileName: string;
}

/** The fixed time of every archive entry, so two builds give the same bytes (docker-mailserver v9.0.1's release day). */
export const entryTime = Date.UTC(2021, 1, 24);

/** `services/email/mta/setup` → `/downloads/services/email/mta/setup`. */
export function downloadsBase(route: string): string {
  return `/downloads/${route.replace(/^\/+|\/+$/g, '')}`;
}

/** A page's bundle recipe: the spec as JSON, from which the browser builds the bundle again with the reader's values. */
export function bundleRecipeUrl(route: string): string {
  return `${downloadsBase(route)}/bundle.json`;
}

/** A compose file of the guide, as `compose-files.json` lists it. */
export interface ComposeFileEntry {
  title: string;
  /** Its page's bundle recipe ({@link bundleRecipeUrl}). */
  recipe: string;
}

/** The guide's compose files (`ComposeFileEntry[]`): the values panel checks each with the reader's values. */
export const composeFilesUrl = '/downloads/compose-files.json';

/** Is a bundle path safe to unpack: relative, normalized, without `..`? */
export function isSafeEntryPath(entryPath: string): boolean {
  if (entryPath === '' || entryPath.startsWith('/') || entryPath.includes('\\')) return false;
  return entryPath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
