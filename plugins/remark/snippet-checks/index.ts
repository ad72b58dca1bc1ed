import path from 'node:path';
import type {Code, Root} from 'mdast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';
import {failOnErrors, report, type Problem} from '../../guide-model/diagnostics.ts';
import {guidePageOf} from '../../guide-model/page.ts';
import {h, type ElementNode} from '../mdast-element/index.ts';
import type {GuideEditions} from '../../guide-index/editions.ts';
import {hasChecks, type SnippetCheck} from '../../validators/index.ts';

export interface Options {
  /** The guide indexes of the site's editions, which checked every page before the compile. */
  editions: GuideEditions;
}

/** Where a problem is, for a reader: the line in the file they download. */
function lineInFile(check: SnippetCheck, problem: Problem): number | undefined {
  const line = problem.place && 'line' in problem.place ? problem.place.line : undefined;
  if (line === undefined) return undefined;
  const {origin} = check.snippet;
  return problem.path === check.snippet.includedFrom ? line - origin.line + 1 : undefined;
}

/** The warnings of a snippet, shown under it: they never fail the build, but a reader should see them. */
function warningsBox(check: SnippetCheck, warnings: Problem[]): ElementNode {
  const name = path.basename(check.snippet.target);
  return h('div', {className: ['snippet-warnings'], role: 'note', ariaLabel: `Warnings for ${name}`}, [
    h('p', {className: ['snippet-warnings__title']}, [
      {type: 'text', value: `${warnings.length === 1 ? 'Warning' : `${warnings.length} warnings`} for ${name} (validated with ${check.validators.join(', ')})`},
    ]),
    h(
      'ul',
      {},
      warnings.map((warning) => {
        const line = lineInFile(check, warning);
        return h('li', {}, [
          {type: 'inlineCode', value: warning.ruleId},
          {type: 'text', value: `${line ? ` line ${line}` : ''}: ${warning.reason}`},
        ]);
      }),
    ),
  ]);
}

/**
 * Reports what the guide index found in the page's config snippets (compose,
 * fail2ban filters and jails, checked by the real validators) and its tables
 * against them. Errors fail the page with their positions; warnings are
 * printed and shown under their snippet.
 */
const remarkSnippetChecks: Plugin<[Options], Root> = function ({editions}) {
  return async (tree, file) => {
    const index = editions.for(file.path);
    const page = guidePageOf(tree, file, index.modelOptions);
    if (!hasChecks(page)) return;
    const {check: result} = await index.page(file.path, String(file.value));
    for (const check of result.snippets) for (const problem of check.problems) report(file, problem);
    for (const problem of result.problems) report(file, problem);
    failOnErrors(file);

    const byStart = new Map(result.snippets.map((check) => [check.snippet.position?.start.offset, check]));
    visit(tree, 'code', (node: Code, index, parent) => {
      const check = byStart.get(node.position?.start.offset);
      const warnings = check?.problems.filter((problem) => problem.severity === 'warning') ?? [];
      if (!check || warnings.length === 0 || !parent || index === undefined) return undefined;
      parent.children.splice(index + 1, 0, warningsBox(check, warnings));
      return index + 2;
    });
  };
};

export default remarkSnippetChecks;
