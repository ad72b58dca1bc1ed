import type {Snippet} from '../guide-model/snippets.ts';
import type {PortsTable} from '../guide-model/tables.ts';
import {checkJails} from '../validators/fail2ban/jail.ts';
import {fillSnippet} from '../validators/problems.ts';
import {formsOf} from '../validators/snippet-check.ts';
import type {KindCheck, KindCheckContext, SnippetKindDefinition} from './types.ts';

/**
 * Jails are checked against fail2ban's options, the filters they name (the
 * guide's or fail2ban's stock ones), the page's ports tables and the log
 * files the merged compose file mounts.
 */
function checkJailSnippet(snippet: Snippet, {page, guideFilters, placeholders, states, merged}: KindCheckContext): KindCheck {
  const context = {guideFilters, merged, portsTables: page.tables.filter((t): t is PortsTable => t.kind === 'ports'), states};
  const problems = checkJails(fillSnippet(snippet, placeholders), context);
  // As published, a placeholder is left as written: the file must still read as a jail.
  if (snippet.placeholders.length > 0)
    problems.push(
      ...checkJails(fillSnippet(snippet, {}), context)
        .filter((problem) => !problems.some((other) => other.reason === problem.reason))
        .map((problem) => ({...problem, reason: `As published: ${problem.reason}`})),
    );
  return {snippet, validators: ['fail2ban jail syntax', 'the page tables'], forms: formsOf(snippet), problems};
}

/** A fail2ban jail file: `/data/jail.d/mail.local`. */
export default {
  name: 'fail2ban-jail',
  target: /(^|\/)jail\.d\/[^/]+\.(conf|local)$/,
  readBy: 'fail2ban',
  readsMergedCompose: true,
  check: checkJailSnippet,
} satisfies SnippetKindDefinition<'fail2ban-jail'>;
