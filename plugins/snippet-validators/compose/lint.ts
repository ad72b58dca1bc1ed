import {DCLinter} from 'dclint';
import {parse} from 'yaml';
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
  'no-build-and-image': 2,
  'service-container-name-regex': 2,
  'require-quotes-in-ports': [1, {quoteType: 'double'}],
  'no-quotes-in-volumes': 1,
  // Off: style (ordering), a project name (fragments have none), the version
  // field, and rules that our own checks cover with better messages
  // (compose/image-latest) or that contradict a mail server (it must listen
  // on every interface).
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

interface LintMessage {
  rule: string;
  type: 'error' | 'warning';
  message: string;
  line: number;
}

// lintContent is the part of DCLinter that works on text rather than files.
const linter = new DCLinter({rules: rules as never, quiet: true, debug: false, exclude: []}) as unknown as {
  lintContent(context: {path: string; content: object; sourceCode: string}): LintMessage[];
};

/** Runs dclint's rules on a snippet (a fragment is linted as the services of a file). */
export function lintCompose(compose: ComposeSnippet): Problem[] {
  const text = compose.filled.text;
  const sourceCode = compose.fragment ? `services:\n${text.replace(/^(?=.)/gm, '  ')}` : text;
  const shift = compose.fragment ? 1 : 0;
  const lines = text.split('\n');
  return linter.lintContent({path: compose.filled.snippet.target, content: parse(sourceCode) ?? {}, sourceCode}).map((message) => {
    const line = Math.max(1, message.line - shift);
    const offset = lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0) + (lines[line - 1]?.search(/\S/) ?? 0);
    return problemAt(compose.filled, offset, {
      ruleId: `compose/dclint-${message.rule}`,
      severity: message.type === 'error' ? 'error' : 'warning',
      reason: `${message.message} (dclint rule ${message.rule})`,
    });
  });
}
