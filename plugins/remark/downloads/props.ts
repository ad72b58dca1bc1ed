/**
 * The props remark-downloads gives the React components, one type per shape,
 * shared by the plugin that writes them and the components that read them.
 * They cross as objects (JavaScript expressions in the compiled page), not as
 * JSON strings. Types only: safe to import from the browser.
 */
import type {JailSettings} from '../../fail2ban-matcher/index.ts';

export type {TryJailsData} from '../../fail2ban-matcher/page-data.ts';

/** An archive of a bundle as the download boxes show it (the bytes stay out of the page). */
export interface Archive {
  url: string;
  fileName: string;
  size: number;
  sha256: string;
}

/** What a snippet's badge says was checked. */
export interface SnippetDetails {
  validators: string[];
  forms: string[];
  sampleLines: number | null;
  warnings: number;
}

/** A filter's "Try it": its sample lines and the page's jails that use it. */
export interface TryItData {
  samples: string[];
  jails: JailSettings[];
}

/** One filter of `::try-filters`. */
export interface TryFilterEntry {
  fileName: string;
  text: string;
  tryIt: TryItData;
}

/** One bundle of `::downloads-index`. */
export interface BundleListing {
  title: string;
  route: string;
  archives: Archive[];
}
