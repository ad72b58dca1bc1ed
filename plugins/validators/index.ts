import path from 'node:path';
import {parseDocument} from 'yaml';
import type {Problem} from '../guide-model/diagnostics.ts';
import {docsDir, type GuidePage} from '../guide-model/page.ts';
import {filterNamesOf, pageAt, readGuideSite, withPage, type GuideSite} from '../guide-model/site.ts';
import {loadPlaceholders, type Placeholder} from '../guide-model/placeholders.ts';
import {loadPortStates, type PortState} from '../guide-model/port-states.ts';
import type {Snippet} from '../guide-model/snippets.ts';
import {isCompose, kindNamed, type KindCheckContext} from '../snippet-kinds/index.ts';
import {parseComposeSnippet, toComposeData, type ComposeSnippet} from './compose/compose-file.ts';
import {composeParseOptions, composeToJSOptions} from './compose/yaml-options.ts';
import {fileFail2banCatalogue, readCatalogues} from './compose/dms/catalogue-files.ts';
import {mergeCompose, type MergedCompose} from './compose/merge.ts';
import type {ComposeRuleSet} from './compose/rules.ts';
import {checkComposeSchema, composeSchemaValidator, composeSchemaVersion} from './compose/schema.ts';
import {checkCommands, commandContext} from './commands.ts';
import {crossCheck} from './cross-checks.ts';
import {FilterRuns} from './fail2ban/sample-run.ts';
import {fillSnippet} from './problems.ts';
import type {SnippetCheck} from './snippet-check.ts';

export type {SnippetCheck} from './snippet-check.ts';

export interface PageCheck {
  snippets: SnippetCheck[];
  /** The compose file the page builds, merged from its fragments. */
  merged?: MergedCompose;
  /** Problems of the page as a whole (merged file, tables against snippets). */
  problems: Problem[];
}

export interface CheckOptions {
  placeholders?: readonly Placeholder[];
  states?: readonly PortState[];
  rootDir?: string;
  /**
   * Every page of the docs folder, for what a page's checks read from others
   * (filters its jails name, services it patches). Read from disk when not given.
   */
  site?: GuideSite;
  /** The filter runs of this build, shared by its pages (the guide index's). */
  filterRuns?: FilterRuns;
  /** Where the filters' sample logs are; by default `samples/` next to each filter's file. */
  samplesDir?: string;
  /** The compose rules (schema, catalogues) of this build, the guide index's; read from disk when not given. */
  rules?: ComposeRuleSet;
  /** The filter names of `site`, made once per load by the guide index; made here when not given or when the page changes the site. */
  guideFilters?: ReadonlySet<string>;
}

/** The snippets of the pages a page links to, from the site. */
function linkedSnippets(page: GuidePage, site: GuideSite): Snippet[] {
  const own = path.resolve(page.file.path);
  return page.links.filter((link) => path.resolve(link) !== own).flatMap((link) => pageAt(site, link)?.snippets ?? []);
}

/** The compose rules as the build runs them: the schema and the catalogues read from disk (by the guide index, once per load). */
export function readComposeRules(): ComposeRuleSet {
  return {schema: composeSchemaValidator(), schemaVersion: composeSchemaVersion, catalogues: readCatalogues(), fail2ban: fileFail2banCatalogue()};
}

/** The compose data (example values filled in) of the page's compose snippets (as its checks parsed them) and of the pages it links to. */
function composeDataInReach(
  page: GuidePage,
  site: GuideSite,
  placeholders: readonly Placeholder[],
  parsed: ReadonlyMap<Snippet, ComposeSnippet>,
): Array<{services?: Record<string, Record<string, unknown>>}> {
  return [...page.snippets, ...linkedSnippets(page, site)].filter(isCompose).flatMap((snippet) => {
    const compose = parsed.get(snippet) ?? parseComposeSnippet(fillSnippet(snippet, placeholders)).compose;
    return compose ? [toComposeData(compose) as {services?: Record<string, Record<string, unknown>>}] : [];
  });
}

/** Does a page need checking: config snippets, or commands that name containers. */
export function hasChecks(page: GuidePage): boolean {
  return page.snippets.length > 0 || /```(bash|sh|shell|console)|`(docker |\.\/setup\.sh )/.test(String(page.file.value));
}

/**
 * The page's merged compose file against the schema (in the last snippet's
 * place, repeats of a snippet's own problems left out), against the page's
 * tables, and as published, placeholders unfilled.
 */
function checkMergedCompose(
  merged: MergedCompose,
  last: ComposeSnippet,
  checks: readonly SnippetCheck[],
  known: readonly Problem[],
  states: readonly PortState[],
  page: GuidePage,
): Problem[] {
  const problems = checkComposeSchema(merged.data, last).filter((problem) => !checks.some((check) => check.problems.some((p) => p.reason === problem.reason)));
  problems.push(...crossCheck(page.tables, merged, states));
  const served = parseDocument(merged.text, composeParseOptions).toJS(composeToJSOptions) as Record<string, unknown>;
  const reasons = [...known, ...problems, ...checks.flatMap((check) => check.problems)].map((problem) => problem.reason.replace(/^As published: /, ''));
  problems.push(
    ...checkComposeSchema(served, last)
      .filter((problem) => !reasons.includes(problem.reason))
      .map((problem) => ({...problem, reason: `The merged file as published: ${problem.reason}`})),
  );
  return problems;
}

/**
 * Validates every snippet of a page as the reader will use it (filled with the
 * example values), merges its compose fragments with the services they patch
 * from linked pages, and checks the page's tables against the result.
 */
export async function checkPage(page: GuidePage, options: CheckOptions = {}): Promise<PageCheck> {
  const placeholders = options.placeholders ?? loadPlaceholders();
  const states = options.states ?? loadPortStates();
  const rootDir = options.rootDir ?? docsDir;
  const rules = options.rules ?? readComposeRules();
  // The page as given replaces the site's copy of it (a page edited since the site was read).
  const site = withPage(options.site ?? readGuideSite(rootDir), page);
  const guideFilters = options.guideFilters && site === options.site ? options.guideFilters : filterNamesOf(site);
  const context: KindCheckContext = {page, guideFilters, placeholders, states, rules, filterRuns: options.filterRuns ?? new FilterRuns(), samplesDir: options.samplesDir};
  const problems: Problem[] = [];
  const checkAll = (snippets: readonly Snippet[]) => Promise.all(snippets.map((snippet) => kindNamed(snippet.kind).check(snippet, context)));

  // Kinds that read the merged compose file are checked once it is made from the others' results.
  const first = await checkAll(page.snippets.filter((snippet) => !kindNamed(snippet.kind).readsMergedCompose));
  const parsed = new Map(first.flatMap((check) => (check.compose ? [[check.snippet, check.compose] as const] : [])));
  const composes = [...parsed.values()];
  const checks: SnippetCheck[] = first.map(({compose: _compose, ...check}) => check);

  if (composes.length > 0) {
    const linked = linkedSnippets(page, site).filter(isCompose);
    const merging = mergeCompose(page.snippets.filter(isCompose), linked, placeholders);
    context.merged = merging.merged;
    problems.push(...merging.problems);
    if (context.merged) problems.push(...checkMergedCompose(context.merged, composes.at(-1)!, checks, problems, states, page));
  }
  checks.push(...(await checkAll(page.snippets.filter((snippet) => kindNamed(snippet.kind).readsMergedCompose))));

  problems.push(...checkCommands(page, commandContext(composeDataInReach(page, site, placeholders, parsed))));
  // Report in page order.
  checks.sort((a, b) => page.snippets.indexOf(a.snippet) - page.snippets.indexOf(b.snippet));
  return {snippets: checks, merged: context.merged, problems};
}

export {listPages} from '../guide-model/site.ts';
