import {isScalar} from 'yaml';
import type {Problem} from '../guide-model/diagnostics.ts';
import type {Snippet} from '../guide-model/snippets.ts';
import {parseComposeSnippet, toComposeData} from '../validators/compose/compose-file.ts';
import {lintCompose} from '../validators/compose/lint.ts';
import {composeRules} from '../validators/compose/rules.ts';
import {checkComposeSchema, composeSchemaVersion} from '../validators/compose/schema.ts';
import {placeholdersOutsideStrings} from '../validators/compose/served-form.ts';
import {fillSnippet} from '../validators/problems.ts';
import {formsOf} from '../validators/snippet-check.ts';
import type {KindCheck, KindCheckContext, SnippetKindDefinition} from './types.ts';

/**
 * Checks a compose snippet in both forms: every rule with the example values
 * filled in, and the structure (YAML, placeholders in strings, schema) of the
 * text as published, which a reader may download and run unfilled.
 */
export function checkComposeSnippet(snippet: Snippet, {placeholders, rules}: KindCheckContext): KindCheck {
  const forms = formsOf(snippet);
  const {compose, problems} = parseComposeSnippet(fillSnippet(snippet, placeholders));
  if (!compose) return {snippet, validators: ['YAML 1.2', composeSchemaVersion], forms, problems};
  const shared = composeRules(compose, rules);
  // dclint's rules need Node; they run at build time only.
  problems.push(...shared.problems, ...lintCompose(compose));
  if (snippet.placeholders.length > 0) problems.push(...servedProblems(snippet, problems));
  const services = compose.services.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : ''));
  return {snippet, compose, validators: [...shared.validators.slice(0, 2), 'dclint rules', ...shared.validators.slice(2)], forms, problems, services};
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

/** A whole compose file: `docker-compose.yml`, `compose.yaml`. */
export default {
  name: 'compose',
  target: /(^|\/)(docker-)?compose\.ya?ml$/,
  readBy: 'compose',
  check: checkComposeSnippet,
} satisfies SnippetKindDefinition<'compose'>;
