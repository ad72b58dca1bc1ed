import {DCLinter} from 'dclint';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {problemAt} from '../problems.ts';
import type {ComposeSnippet} from './compose-file.ts';

/**
 * dclint's lint rules worth holding a guide to (not its style rules such as
 * key order): mistakes compose itself would only catch at `up`, or habits that
 * bite (unquoted ports read as base-60 numbers by YAML 1.1).
 */
const rules = {
  'no-duplicate-exported-ports': 2,
  'no-duplicate-container-names': 2,
  'service-container-name-regex': 2,
  // Style only: warnings (level 1), never errors.
  'require-quotes-in-ports': [1, {quoteType: 'double'}],
  'no-quotes-in-volumes': 1,
  // Off: style (ordering), a project name (fragments have none), the version
  // field, and rules that our own checks cover with better messages
  // (compose/image-latest) or that contradict a mail server (it must listen
  // on every interface).
  // Off: compose builds the image and tags it with `image:` (compose-spec build.md), a common, valid use.
  'no-build-and-image': 0,
  'no-version-field': 0,
  'require-project-name-field': 0,
  'no-unbound-port-interfaces': 0,
  'service-image-require-explicit-tag': 0,
  'service-keys-order': 0,
  'service-ports-alphabetical-order': 0,
  'services-alphabetical-order': 0,
  'service-dependencies-alphabetical-order': 0,
  'top-level-properties-order': 0,
} as const;

type LintMessage = ReturnType<DCLinter['lintFiles']>[number]['messages'][number];

/**
 * dclint's public API (`lintFiles`) lints files, and compiles the compose
 * schema again for every file: 46 ms a snippet, which made `npm run check` on
 * 1000 pages six times slower (7.8 s → 46 s, bench/). Its `lintContent`, the
 * part that lints text, takes 0.6 ms. It is not exported in dclint's types,
 * so dclint is pinned to an exact version and `lint.test.ts` fails if the
 * method goes away or changes what it returns.
 */
export const dclint = new DCLinter({rules: rules as never, quiet: true, debug: false, exclude: []}) as unknown as {
  lintContent(context: {path: string; content: object; sourceCode: string}): LintMessage[];
};

/** Rules that judge a value: a line whose value holds a compose variable (`${NAME}`) is known only when compose runs. */
const valueRules = new Set(['service-container-name-regex', 'no-duplicate-container-names', 'no-duplicate-exported-ports']);
const holdsVariable = (line: string | undefined) => /\$(\{|[A-Za-z_])/.test((line ?? '').replaceAll('$$', ''));

/**
 * Runs dclint's rules on a snippet (a fragment is linted as the services of a
 * file) over the data as compose reads it (merge keys resolved).
 */
export function lintCompose(compose: ComposeSnippet): Problem[] {
  const text = compose.filled.text;
  const sourceCode = compose.fragment ? `services:\n${text.replace(/^(?=.)/gm, '  ')}` : text;
  const shift = compose.fragment ? 1 : 0;
  const lines = text.split('\n');
  let messages: LintMessage[];
  try {
    messages = dclint.lintContent({path: compose.filled.snippet.target, content: compose.data, sourceCode});
  } catch (error) {
    // dclint's rules are extra advice on a file the YAML, schema and consistency checks already read:
    // if dclint itself fails on it, the page is not failed for that (and no stack trace escapes).
    void error;
    return [];
  }
  return messages
    .filter((message) => !(valueRules.has(message.rule) && holdsVariable(lines[message.line - shift - 1])))
    .map((message) => {
      const line = Math.max(1, message.line - shift);
      const offset = lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0) + (lines[line - 1]?.search(/\S/) ?? 0);
      return problemAt(compose.filled, offset, {
        ruleId: `compose/dclint-${message.rule}`,
        severity: message.type === 'error' ? 'error' : 'warning',
        reason: `${message.message} (dclint rule ${message.rule})`,
      });
    });
}
