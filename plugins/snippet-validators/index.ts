import path from 'node:path';
import {isScalar, parseDocument} from 'yaml';
import type {Problem} from '../guide-model/diagnostics.ts';
import {docsDir, type GuidePage} from '../guide-model/page.ts';
import {pageAt, readGuideSite, withPage, type GuideSite} from '../guide-model/site.ts';
import {loadPlaceholders, type Placeholder} from '../guide-model/placeholders.ts';
import {loadPortStates, type PortState} from '../guide-model/port-states.ts';
import {filterName, type Snippet} from '../guide-model/snippets.ts';
import type {PortsTable} from '../guide-model/tables.ts';
import {parseComposeSnippet, toComposeData, type ComposeSnippet} from './compose/compose-file.ts';
import {placeholdersOutsideStrings} from './compose/served-form.ts';
import {composeParseOptions, composeToJSOptions} from './compose/yaml-options.ts';
import {fileFail2banCatalogue, readCatalogues} from './compose/dms/catalogue-files.ts';
import {lintCompose} from './compose/lint.ts';
import {mergeCompose, type MergedCompose} from './compose/merge.ts';
import {composeRules, type ComposeRuleSet} from './compose/rules.ts';
import {checkComposeSchema, composeSchemaValidator, composeSchemaVersion} from './compose/schema.ts';
import {checkCommands, commandContext} from './commands.ts';
import {crossCheck} from './cross-checks.ts';
import {compareWithSamples} from './fail2ban/fail2ban-regex.ts';
import {hasFail2banRegex, runFilterOnSamples, type FilterRuns} from './fail2ban/sample-run.ts';
import {checkFilter} from './fail2ban/filter.ts';
import {checkJails} from './fail2ban/jail.ts';
import {readSamples, samplesFileFor} from './fail2ban/samples.ts';
import {fillSnippet, problemAt} from './problems.ts';

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
}

/** The filter names a site's pages define (`/data/filter.d/<name>.conf` targets), for the jails' check. */
function guideFilters(site: GuideSite): Set<string> {
  return new Set(site.pages.flatMap((page) => page.snippets.filter((snippet) => snippet.kind === 'fail2ban-filter').map((snippet) => filterName(snippet.target))));
}

/** The snippets of the pages a page links to, from the site. */
function linkedSnippets(page: GuidePage, site: GuideSite): Snippet[] {
  const own = path.resolve(page.file.path);
  return page.links.filter((link) => path.resolve(link) !== own).flatMap((link) => pageAt(site, link)?.snippets ?? []);
}

const isCompose = (snippet: Snippet) => snippet.kind === 'compose' || snippet.kind === 'compose-fragment';

/** The compose rules as the build runs them: the schema and the catalogues read from disk (by the guide index, once per load). */
export function readComposeRules(): ComposeRuleSet {
  return {schema: composeSchemaValidator(), schemaVersion: composeSchemaVersion, catalogues: readCatalogues(), fail2ban: fileFail2banCatalogue()};
}

/** The two forms every snippet is checked in: what the site serves, and what a reader with the example values runs. */
export const checkedForms = {served: 'as published (placeholders unfilled)', example: 'with the example values'} as const;

const formsOf = (snippet: Snippet) => (snippet.placeholders.length > 0 ? [checkedForms.served, checkedForms.example] : [checkedForms.served]);

/**
 * Checks a compose snippet in both forms: every rule with the example values
 * filled in, and the structure (YAML, placeholders in strings, schema) of the
 * text as published, which a reader may download and run unfilled.
 */
function checkComposeSnippet(snippet: Snippet, placeholders: readonly Placeholder[], rules: ComposeRuleSet): {compose?: ComposeSnippet; check: SnippetCheck} {
  const forms = formsOf(snippet);
  const {compose, problems} = parseComposeSnippet(fillSnippet(snippet, placeholders));
  if (!compose) return {check: {snippet, validators: ['YAML 1.2', composeSchemaVersion], forms, problems}};
  const shared = composeRules(compose, rules);
  // dclint's rules need Node; they run at build time only.
  problems.push(...shared.problems, ...lintCompose(compose));
  if (snippet.placeholders.length > 0) problems.push(...servedProblems(snippet, problems));
  const services = compose.services.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : ''));
  return {compose, check: {snippet, validators: [...shared.validators.slice(0, 2), 'dclint rules', ...shared.validators.slice(2)], forms, problems, services}};
}

/** Structural problems of the snippet as published that the filled form did not show. */
function servedProblems(snippet: Snippet, known: readonly Problem[]): Problem[] {
  const {compose: served, problems} = parseComposeSnippet(fillSnippet(snippet, {}));
  if (!served) return problems.map((problem) => ({...problem, reason: `As published: ${problem.reason}`}));
  const outside = placeholdersOutsideStrings(served);
  if (outside.length > 0) return outside;
  return checkComposeSchema(toComposeData(served), served)
    .filter((problem) => !known.some((other) => other.reason === problem.reason))
    .map((problem) => ({...problem, reason: `As published: ${problem.reason}`}));
}

/** The compose data (example values filled in) of the page's compose snippets and of the pages it links to. */
function composeDataInReach(page: GuidePage, site: GuideSite, placeholders: readonly Placeholder[]): Array<{services?: Record<string, Record<string, unknown>>}> {
  return [...page.snippets, ...linkedSnippets(page, site)].filter(isCompose).flatMap((snippet) => {
    const {compose} = parseComposeSnippet(fillSnippet(snippet, placeholders));
    return compose ? [toComposeData(compose) as {services?: Record<string, Record<string, unknown>>}] : [];
  });
}

/** Does a page need checking: config snippets, or commands that name containers. */
export function hasChecks(page: GuidePage): boolean {
  return page.snippets.length > 0 || /```(bash|sh|shell|console)|`(docker |\.\/setup\.sh )/.test(String(page.file.value));
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
  const checks: SnippetCheck[] = [];
  const composes: ComposeSnippet[] = [];
  const problems: Problem[] = [];

  for (const snippet of page.snippets.filter((s) => s.kind === 'compose' || s.kind === 'compose-fragment')) {
    const {compose, check} = checkComposeSnippet(snippet, placeholders, rules);
    checks.push(check);
    if (compose) composes.push(compose);
  }

  let merged: MergedCompose | undefined;
  if (composes.length > 0) {
    const linked = linkedSnippets(page, site).filter(isCompose);
    const merging = mergeCompose(page.snippets.filter(isCompose), linked, placeholders);
    merged = merging.merged;
    problems.push(...merging.problems);
    if (merged) {
      // The merged file against the schema, placed in the last snippet (repeats of a snippet's own problems left out).
      problems.push(...checkComposeSchema(merged.data, composes.at(-1)!).filter((problem) => !checks.some((check) => check.problems.some((p) => p.reason === problem.reason))));
      problems.push(...crossCheck(page.tables, merged, states));
      // The merged file as published, placeholders unfilled, must be valid compose too.
      const served = parseDocument(merged.text, composeParseOptions).toJS(composeToJSOptions) as Record<string, unknown>;
      const known = [...problems, ...checks.flatMap((check) => check.problems)].map((problem) => problem.reason.replace(/^As published: /, ''));
      problems.push(
        ...checkComposeSchema(served, composes.at(-1)!)
          .filter((problem) => !known.includes(problem.reason))
          .map((problem) => ({...problem, reason: `The merged file as published: ${problem.reason}`})),
      );
    }
  }

  const filters = page.snippets.filter((snippet) => snippet.kind === 'fail2ban-filter');
  await Promise.all(
    filters.map(async (snippet) => {
      const filled = fillSnippet(snippet, placeholders);
      const {problems: filterProblems} = checkFilter(filled);
      const check: SnippetCheck = {snippet, validators: ['fail2ban filter syntax'], forms: formsOf(snippet), problems: filterProblems};
      checks.push(check);
      const samplesFile = samplesFileFor(snippet, options.samplesDir);
      const samples = readSamples(samplesFile);
      if (samples.length === 0) {
        filterProblems.push(
          problemAt(filled, undefined, {
            ruleId: 'filter/no-samples',
            reason: `No sample log for this filter: add ${path.relative(process.cwd(), samplesFile)} with lines that must and must not match.`,
          }),
        );
        return;
      }
      if (filterProblems.some((problem) => problem.severity !== 'warning')) return;
      try {
        const result = await runFilterOnSamples(
          filled.text,
          samples.map((sample) => sample.text),
          options.filterRuns,
        );
        check.validators.push(result.version);
        check.sampleLines = samples.length;
        for (const {sample, reason} of compareWithSamples(samples, result)) {
          filterProblems.push({ruleId: 'filter/sample-mismatch', reason: `${reason}: ${sample.text.slice(0, 100)}`, place: {line: sample.line, column: 1}, path: samplesFile});
        }
      } catch (error) {
        filterProblems.push(
          problemAt(filled, undefined, {
            ruleId: 'filter/fail2ban-regex',
            reason: `${hasFail2banRegex() ? 'fail2ban-regex' : 'The fail2ban matcher (standing in for fail2ban-regex, which is not installed)'} refuses this filter: ${(error as Error).message.split('\n').at(-1)}`,
          }),
        );
      }
    }),
  );

  const jails = page.snippets.filter((snippet) => snippet.kind === 'fail2ban-jail');
  if (jails.length > 0) {
    const context = {guideFilters: guideFilters(site), merged, portsTables: page.tables.filter((t): t is PortsTable => t.kind === 'ports'), states};
    for (const snippet of jails) {
      const problems = checkJails(fillSnippet(snippet, placeholders), context);
      // As published, a placeholder is left as written: the file must still read as a jail.
      if (snippet.placeholders.length > 0)
        problems.push(
          ...checkJails(fillSnippet(snippet, {}), context)
            .filter((problem) => !problems.some((other) => other.reason === problem.reason))
            .map((problem) => ({...problem, reason: `As published: ${problem.reason}`})),
        );
      checks.push({snippet, validators: ['fail2ban jail syntax', 'the page tables'], forms: formsOf(snippet), problems});
    }
  }
  problems.push(...checkCommands(page, commandContext(composeDataInReach(page, site, placeholders))));
  // Report in page order.
  checks.sort((a, b) => page.snippets.indexOf(a.snippet) - page.snippets.indexOf(b.snippet));
  return {snippets: checks, merged, problems};
}

export {listPages} from '../guide-model/site.ts';
