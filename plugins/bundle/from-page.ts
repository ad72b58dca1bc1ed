import path from 'node:path';
import type {Problem} from '../guide-model/diagnostics.ts';
import type {GuidePage} from '../guide-model/page.ts';
import type {Placeholder} from '../guide-model/placeholders.ts';
import {snippetFileName, type Snippet} from '../guide-model/snippets.ts';
import {kindNamed} from '../snippet-kinds/index.ts';
import {holdingMount, parseMount, type Mount} from '../validators/compose/service-data.ts';
import {parseConfig} from '../validators/fail2ban/config-file.ts';
import type {PageCheck, SnippetCheck} from '../validators/index.ts';
import {downloadsBase, isSafeEntryPath, type BundleEntry, type BundleSpec, type SnippetDownload} from './spec.ts';

/**
 * The route of a docs page: `docs/services/email/mta/setup.md` →
 * `services/email/mta/setup`; under a route base (an edition's `v16`), `v16/services/email/mta/setup`.
 */
export function pageRoute(pagePath: string, rootDir: string, routeBase = ''): string {
  const route = path
    .relative(rootDir, pagePath)
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '')
    .split(path.sep)
    .join('/');
  return [routeBase, route].filter(Boolean).join('/');
}

/** A file's path from the site's folder: the parent of `docs/`, or of `versioned_docs/` for a versioned edition. */
function repoRelative(file: string, rootDir: string): string {
  const parent = path.dirname(rootDir);
  const siteFolder = path.basename(parent) === 'versioned_docs' ? path.dirname(parent) : parent;
  return path.relative(siteFolder, file).split(path.sep).join('/');
}

/** Where a container path lives on the host, through the compose file's volumes. */
function hostPath(target: string, check: PageCheck): string {
  const services = Object.values(check.merged?.data.services ?? {});
  const mounts = services.flatMap((service) => ((service.volumes as unknown[]) ?? []).map(parseMount)).filter((mount): mount is Mount => Boolean(mount?.source?.startsWith('/')));
  const holder = holdingMount(target, mounts);
  return holder ? holder.source!.replace(/\/$/, '') + target.slice(holder.target.replace(/\/$/, '').length) : target;
}

/** The host paths of the log files the page's jails read (`logpath`, through the compose volumes). */
function jailLogFiles(page: GuidePage, check: PageCheck): string[] {
  const paths = page.snippets
    .filter((snippet) => snippet.kind === 'fail2ban-jail')
    .flatMap((snippet) => [...parseConfig(snippet.text).sections.values()].flatMap((section) => section.options.get('logpath')?.value.split(/\s+/).filter(Boolean) ?? []));
  return [...new Set(paths.map((logPath) => hostPath(logPath, check)))].sort();
}

function warningsOf(check: SnippetCheck | undefined): string[] {
  return (check?.problems ?? []).filter((problem) => problem.severity === 'warning').map((problem) => `${problem.ruleId}: ${problem.reason}`);
}

/**
 * The downloads of a page: a file per snippet (fragments named after their
 * services), the merged compose file, and the bundle spec. A file whose path
 * would leave the bundle is a problem, and is not published.
 */
export function downloadsOfPage(
  page: GuidePage,
  check: PageCheck,
  {rootDir, routeBase, placeholders}: {rootDir: string; routeBase: string; placeholders: readonly Placeholder[]},
): {spec?: BundleSpec; downloads: Map<Snippet, SnippetDownload>; problems: Problem[]} {
  const route = pageRoute(page.file.path, rootDir, routeBase);
  const base = downloadsBase(route);
  const downloads = new Map<Snippet, SnippetDownload>();
  const entries: BundleEntry[] = [];
  const problems: Problem[] = [];
  const checkOf = (snippet: Snippet) => check.snippets.find((candidate) => candidate.snippet === snippet);

  for (const snippet of page.snippets) {
    const kind = kindNamed(snippet.kind);
    const fragment = kind.fragment === true;
    // A compose file goes where the reader runs compose; any other file where the volumes put its container path.
    const installTo = kind.readBy === 'compose' ? snippet.target : hostPath(snippet.target, check);
    const entryPath = installTo.replace(/^\/+/, '');
    const fileName = snippetFileName(snippet);
    const downloadPath = fragment ? path.posix.join(path.posix.dirname(entryPath), fileName) : entryPath;
    if (!isSafeEntryPath(downloadPath) || path.posix.normalize(snippet.target) !== snippet.target) {
      problems.push({
        ruleId: 'bundle/path-escapes',
        reason: `target=${snippet.target} would put the file at "${downloadPath}", outside the page's bundle. Give a plain path without "..".`,
        place: snippet.position,
      });
      continue;
    }
    downloads.set(snippet, {url: `${base}/${downloadPath}`, fileName});
    if (fragment) continue;
    entries.push({
      path: entryPath,
      installTo,
      target: snippet.target,
      kind: snippet.kind,
      text: snippet.text,
      mode: snippet.mode,
      owner: snippet.owner,
      source: {file: repoRelative(snippet.includedFrom ?? page.file.path, rootDir), line: snippet.includedFrom ? 1 : snippet.origin.line},
      validators: checkOf(snippet)?.validators ?? [],
      warnings: warningsOf(checkOf(snippet)),
    });
  }
  const fragments = page.snippets.filter((snippet) => kindNamed(snippet.kind).fragment);
  if (check.merged && fragments.length > 0) {
    // The merged file takes the name the fragments patch (docker-compose.yml, compose.yaml).
    const merged = fragments[0].target;
    entries.push({
      path: merged,
      installTo: merged,
      target: merged,
      kind: 'compose-merged',
      text: check.merged.text,
      mode: '0644',
      owner: 'root:root',
      source: {file: repoRelative(page.file.path, rootDir), line: fragments[0].origin.line},
      validators: [...new Set(fragments.flatMap((fragment) => checkOf(fragment)?.validators ?? [])), 'the page tables'],
      warnings: fragments.flatMap((fragment) => warningsOf(checkOf(fragment))),
    });
  }
  if (entries.length === 0) return {downloads, problems};
  const used = new Set(page.snippets.flatMap((snippet) => snippet.placeholders));
  return {
    spec: {
      name: `mailguide-${route.replaceAll('/', '-') || 'home'}`,
      page: {title: page.title, route: `/${route}`},
      placeholders: placeholders.filter(({name}) => used.has(name)).map(({name, label}) => ({name, label})),
      logFiles: jailLogFiles(page, check),
      entries,
    },
    downloads,
    problems,
  };
}
