import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {readGuidePage, type GuidePage} from '../guide-model/page.ts';
import {pageAt, readGuideSite, type GuideSite} from '../guide-model/site.ts';
import {exampleValues, fillPlaceholders, loadPlaceholders, type Placeholder} from '../guide-model/placeholders.ts';
import {filterName, type Snippet} from '../guide-model/snippets.ts';
import {parseConfig} from '../validators/fail2ban/config-file.ts';
import {stockFilterDir} from '../validators/fail2ban/filter.ts';
import {readSamples, samplesFileFor} from '../validators/fail2ban/samples.ts';
import {MergedConfig} from './config.ts';
import {seconds, type JailSettings} from './index.ts';
import {jailsFromFiles, type JailSetup} from './jails.ts';

/** What a filter's "Try it" box needs: its sample lines, and the page's jails that use it. */
export function tryItData(page: GuidePage, filter: Snippet): {samples: string[]; jails: JailSettings[]} {
  const name = filterName(filter.target);
  const jails = page.snippets
    .filter((snippet) => snippet.kind === 'fail2ban-jail')
    .flatMap((snippet) => [...parseConfig(snippet.text).sections.values()])
    .filter((jail) => (jail.options.get('filter')?.value ?? jail.name).replace(/\[.*\]$/, '').trim() === name)
    .map((jail) => ({
      name: jail.name,
      maxretry: Number(jail.options.get('maxretry')?.value ?? 5),
      findtime: seconds(jail.options.get('findtime')?.value ?? '600'),
    }));
  return {samples: readSamples(samplesFileFor(filter)).map((sample) => sample.text), jails};
}

/** Where the site publishes the stock filter files the pages' jails read (`<base>/filter.d/x.conf`). */
export const stockFilesBase = '/downloads/validators/fail2ban';

/** A jail file of the guide, as written (placeholders unfilled). */
export interface JailFile {
  /** `jail.d/dovecot.conf` */
  name: string;
  /** The page it is on. */
  page: string;
  text: string;
}

/**
 * What `::try-jails` needs. The jails are those one fail2ban container runs:
 * the page's own jail files and those of the pages it links to (the mail
 * setup page links to the fail2ban page, whose container runs its jails, and
 * back), in the order the pages are listed. Filters: the guide's (text
 * embedded) and the stock ones, published under {@link stockFilesBase}.
 */
export interface TryJailsData {
  jailFiles: JailFile[];
  /** The guide's filters, `filter.d/<name>.conf` → text as written. */
  guideFilters: Record<string, string>;
  /** Stock files the jails read, relative to {@link stockFilesBase} (`filter.d/postfix.conf`). */
  stockFiles: string[];
  /** jail.conf's [DEFAULT] and its sections for these jails: what decides a ban. */
  stockJails: Record<string, Record<string, string>>;
}

/** Every filter snippet of the guide, by `filter.d/<name>.conf`. */
export function guideFilters(site: GuideSite): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const page of site.pages) {
    for (const snippet of page.snippets) if (snippet.kind === 'fail2ban-filter') filters[`filter.d/${filterName(snippet.target)}.conf`] = snippet.text;
  }
  return filters;
}

/** The stock filter directory as the matcher reads it: `filter.d/x.conf` → text. */
export function stockFilterFiles(dir = stockFilterDir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (/\.(conf|local)$/.test(name)) files[`filter.d/${name}`] = readFileSync(path.join(dir, name), 'utf8');
  return files;
}

/**
 * What fail2ban 1.0.2's jail.conf sets that decides a ban ([DEFAULT] and the
 * sections that set mode, filter, maxretry, findtime or bantime), for when
 * jail.conf is not installed beside the filters.
 */
const jailConf102 = `[DEFAULT]
bantime = 10m
findtime = 10m
maxretry = 5
enabled = false
mode = normal
filter = %(__name__)s[mode=%(mode)s]
[apache-badbots]
bantime = 48h
maxretry = 1
[apache-overflows]
maxretry = 2
[apache-nohome]
maxretry = 2
[apache-botsearch]
maxretry = 2
[apache-fakegooglebot]
maxretry = 1
[apache-modsecurity]
maxretry = 2
[apache-shellshock]
maxretry = 1
[openhab-auth]
filter = openhab
[postfix]
mode = more
[postfix-rbl]
filter = postfix[mode=rbl]
maxretry = 1
[qmail-rbl]
filter = qmail
[postfix-sasl]
filter = postfix[mode=auth]
[asterisk]
maxretry = 10
[freeswitch]
maxretry = 10
[mssql-auth]
filter = mssql-auth
[recidive]
bantime = 1w
findtime = 1d
[xinetd-fail]
maxretry = 2
[nagios]
maxretry = 1
[portsentry]
maxretry = 1
`;

/** jail.conf ([DEFAULT] and the named sections): only the options that decide a ban, without interpolation. */
export function stockJailOptions(names: Iterable<string>, dir = stockFilterDir): Record<string, Record<string, string>> {
  let text = jailConf102;
  for (const file of [path.join(dir, '..', 'jail.conf'), '/etc/fail2ban/jail.conf']) {
    try {
      text = readFileSync(file, 'utf8');
      break;
    } catch {
      // not there: the next, or fail2ban 1.0.2's
    }
  }
  const config = parseConfig(text);
  const keep = ['enabled', 'mode', 'filter', 'maxretry', 'findtime', 'bantime'];
  const out: Record<string, Record<string, string>> = {};
  for (const name of ['DEFAULT', ...names]) {
    const section = config.sections.get(name);
    if (!section) continue;
    const options: Record<string, string> = {};
    for (const key of keep) {
      const value = section.options.get(key)?.value;
      if (value !== undefined && (!value.includes('%(') || key === 'filter')) options[key] = value;
    }
    out[name] = options;
  }
  return out;
}

/** The page and the pages it links to, in the site's order (the page as given, not the site's copy). */
function linkedPages(page: GuidePage, site: GuideSite): GuidePage[] {
  const own = path.resolve(page.file.path);
  const links = new Set(page.links.map((link) => path.resolve(link)));
  return site.pages
    .filter((other) => links.has(path.resolve(other.file.path)) && path.resolve(other.file.path) !== own)
    .concat(page)
    .sort((a, b) => (a.file.path < b.file.path ? -1 : 1));
}

/** The jail files of a page and of the pages it links to. */
export function pageJailFiles(page: GuidePage, site: GuideSite): JailFile[] {
  return linkedPages(page, site).flatMap((other) => {
    return other.snippets
      .filter((snippet) => snippet.kind === 'fail2ban-jail')
      .map((snippet) => ({name: `jail.d/${path.basename(snippet.target)}`, page: other.title, text: snippet.text}));
  });
}

/** Stock files (relative to filter.d's parent) that compiling `filters` reads, guide filters given. */
function stockFilesRead(filters: Iterable<string>, guide: Record<string, string>, stock: Record<string, string>): string[] {
  const files = {...stock, ...guide};
  const read = new Set<string>();
  for (const name of filters) {
    const merged = new MergedConfig(files);
    merged.read(`filter.d/${name}`);
    for (const file of merged.filesRead) if (!(file in guide) && file in stock) read.add(file);
  }
  return [...read].sort();
}

/** The jails of `files` with example values filled in. */
export function exampleJails(files: readonly JailFile[], stockJails: TryJailsData['stockJails'], placeholders: readonly Placeholder[] = loadPlaceholders()) {
  const values = exampleValues(placeholders);
  return jailsFromFiles(
    files.map((file) => ({name: file.name, text: fillPlaceholders(file.text, values)})),
    stockJails,
  );
}

/** What `::try-jails` on `page` needs. */
export function tryJailsData(page: GuidePage, site: GuideSite, placeholders?: readonly Placeholder[]): TryJailsData {
  const jailFiles = pageJailFiles(page, site);
  const names = [...new Set(jailFiles.flatMap((file) => [...parseConfig(file.text).sections.keys()]))];
  const stockJails = stockJailOptions(names);
  const guide = guideFilters(site);
  const {jails} = exampleJails(jailFiles, stockJails, placeholders);
  return {jailFiles, guideFilters: guide, stockFiles: stockFilesRead(new Set(jails.map((jail) => jail.filter)), guide, stockFilterFiles()), stockJails};
}

/** The whole setup of a page with example values (for `npm run try`, the tests and the benchmark). */
export function pageJailSetup(pagePath: string, site: GuideSite = readGuideSite()): JailSetup & {data: TryJailsData; problems: string[]} {
  const page = pageAt(site, pagePath) ?? readGuidePage(pagePath, {rootDir: site.rootDir});
  const data = tryJailsData(page, site);
  const {jails, problems} = exampleJails(data.jailFiles, data.stockJails);
  return {jails, files: {...stockFilterFiles(), ...data.guideFilters}, data, problems};
}

/**
 * The stock filter files the jails of every page read, as site downloads
 * (URL path → text), for the in-page "Try it" of a whole page.
 */
export function stockFilterDownloads(site: GuideSite): Record<string, string> {
  const stock = stockFilterFiles();
  const guide = guideFilters(site);
  const filters = new Set<string>();
  for (const page of site.pages) {
    const files = page.snippets.filter((snippet) => snippet.kind === 'fail2ban-jail').map((snippet) => ({name: snippet.target, page: page.title, text: snippet.text}));
    if (files.length === 0) continue;
    const names = files.flatMap((file) => [...parseConfig(file.text).sections.keys()]);
    for (const jail of exampleJails(files, stockJailOptions(names)).jails) filters.add(jail.filter);
  }
  return Object.fromEntries(stockFilesRead(filters, guide, stock).map((file) => [`${stockFilesBase}/${file}`, stock[file]]));
}
