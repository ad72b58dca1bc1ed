import path from 'node:path';
import type {Point, Position} from 'unist';
import {VFile} from 'vfile';
import type {VFileMessage} from 'vfile-message';
import {reporter} from 'vfile-reporter';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Stable rule id, `<area>/<rule>`, e.g. `ports/unknown-state`. */
  ruleId: `${string}/${string}`;
  /** What is wrong, then what to do. */
  reason: string;
  place?: Position | Point;
  severity?: Severity;
  /** Anchor of the table row the problem concerns, e.g. `port-587-tcp`. */
  anchor?: string;
  /** The file the position is in, when not the page (an included config file). */
  path?: string;
}

/**
 * Records a problem on the page's virtual file, where every checker of the
 * guide leaves its findings; errors are marked fatal.
 */
export function report(file: VFile, {ruleId, reason, place, severity = 'error', anchor, path: inFile}: Problem): VFileMessage {
  const [source, rule] = ruleId.split('/', 2);
  const message = file.message(reason, {place, ruleId: rule, source});
  message.fatal = severity === 'error';
  if (inFile) message.file = inFile;
  if (anchor) message.url = `#${anchor}`;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal ? 'error' : 'warning';
}

/** `file:line:col  severity  rule-id  message`, as a compiler prints it. */
export function formatMessage(message: VFileMessage, cwd = process.cwd()): string {
  const file = message.file ? path.relative(cwd, message.file) || message.file : '<page>';
  const where = `${file}:${message.line ?? 1}:${message.column ?? 1}`;
  const rule = [message.source, message.ruleId].filter(Boolean).join('/');
  const row = message.url ? ` (row ${message.url})` : '';
  return `${where}  ${severityOf(message)}  ${rule}  ${message.reason}${row}`;
}

/**
 * Ends a plugin's run: prints the warnings (once, for the client compiler in a
 * Docusaurus build) and throws one error listing every error of the page.
 */
export function failOnErrors(file: VFile): void {
  const messages = file.messages.filter((message) => !(message as {reported?: boolean}).reported);
  const errors = messages.filter((message) => message.fatal);
  const compiler = file.data.compilerName;
  if (compiler === undefined || compiler === 'client') {
    for (const warning of messages.filter((message) => !message.fatal)) console.warn(`[WARNING] ${formatMessage(warning)}`);
  }
  for (const message of messages) (message as {reported?: boolean}).reported = true;
  if (errors.length > 0) {
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    throw new Error(`${count} in ${file.path}:\n${errors.map((error) => formatMessage(error)).join('\n')}`);
  }
}

/**
 * The report a terminal shows (vfile-reporter): messages grouped under the
 * file each points at (the page, an included config file, a filter's sample
 * log), with paths relative to `cwd`, and a count of errors and warnings.
 */
export function reportMessages(messages: readonly VFileMessage[], cwd = process.cwd()): string {
  const files = new Map<string, VFile>();
  for (const message of messages) {
    const name = message.file ? path.relative(cwd, message.file) || message.file : '<page>';
    if (!files.has(name)) files.set(name, new VFile({path: name}));
    files.get(name)!.messages.push(message);
  }
  return reporter([...files.values()], {quiet: true});
}
