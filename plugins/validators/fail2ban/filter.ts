import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {problemAtLine, type FilledSnippet} from '../problems.ts';
import {interpolate, parseConfig, type ConfigFile, type ConfigSection} from './config-file.ts';

/** fail2ban 1.0.2's stock filters, `common.conf` among them: a copy of Debian's `/etc/fail2ban/filter.d` (see stock-filter.d.SOURCE.txt). */
export const stockFilterDir = process.env.FAIL2BAN_FILTER_DIR ?? fileURLToPath(new URL('stock-filter.d/', import.meta.url));

/** Tags that give fail2ban the address (or failure id) to ban. */
const hostTags = /<(HOST|ADDR|IP4|IP6|DNS|CIDR|SUBNET)>|<F-(ID|IP4|IP6|DNS|ADDR)>/;

export interface ParsedFilter {
  config: ConfigFile;
  definition?: ConfigSection;
  /** The failregex lines, each with its line in the filter. */
  failregex: Array<{regex: string; line: number}>;
  /** Files named by `[INCLUDES] before/after`. */
  includes: string[];
}

/**
 * Checks a fail2ban filter as fail2ban reads it: syntax, `[INCLUDES]`,
 * `%(name)s` references (also into the included `common.conf`), and that every
 * failregex carries the address to ban.
 */
/**
 * A value with the filter's own options substituted for their tags, inner
 * first, as fail2ban does: `<mdre-<mode>>` → the value of `mdre-normal`.
 */
function withTags(value: string, definition: ConfigSection): string {
  let expanded = value;
  // Bounded: fail2ban itself gives up on deeper or recursive tags.
  for (let round = 0; round < 10; round += 1) {
    const next = expanded.replace(/<([\w-]+)>/g, (tag, name: string) => definition.options.get(name)?.value ?? tag);
    if (next === expanded) break;
    expanded = next;
  }
  return expanded;
}

export function checkFilter(filled: FilledSnippet): {filter: ParsedFilter; problems: Problem[]} {
  const config = parseConfig(filled.text);
  const at = (line: number, problem: Omit<Problem, 'place' | 'path'>) => problemAtLine(filled, line, problem);
  const problems: Problem[] = config.errors.map(({line, text}) =>
    at(line, {ruleId: 'filter/syntax', reason: `fail2ban cannot read "${text.trim()}": expected [section], name = value, or an indented continuation line.`}),
  );
  const includesSection = config.sections.get('INCLUDES');
  const includes = ['before', 'after'].flatMap((key) => includesSection?.options.get(key)?.value.split(/\s+/).filter(Boolean) ?? []);
  const included: Array<ConfigSection | undefined> = [];
  for (const name of includes) {
    const file = path.join(stockFilterDir, name);
    if (!existsSync(file)) {
      const option = includesSection!.options.get('before') ?? includesSection!.options.get('after')!;
      problems.push(at(option.line, {ruleId: 'filter/missing-include', reason: `Included file ${name} is not a filter of fail2ban (looked in ${stockFilterDir}).`}));
      continue;
    }
    const includedConfig = parseConfig(readFileSync(file, 'utf8'));
    included.push(includedConfig.sections.get('DEFAULT'), includedConfig.sections.get('Definition'));
  }
  const definition = config.sections.get('Definition');
  const failregexOption = definition?.options.get('failregex');
  if (!definition || !failregexOption || failregexOption.value.trim() === '') {
    problems.push(at(definition?.line ?? 1, {ruleId: 'filter/no-failregex', reason: 'A filter needs a [Definition] section with a failregex: the lines that count as failures.'}));
    return {filter: {config, definition, failregex: [], includes}, problems};
  }
  const scope = [definition, config.sections.get('DEFAULT'), ...included];
  const prefregex = definition.options.get('prefregex')?.value ?? '';
  const failregex = failregexOption.value.split('\n').flatMap((regex, index) => (regex.trim() ? [{regex: regex.trim(), line: failregexOption.valueLines[index]}] : []));
  for (const {regex, line} of failregex) {
    if (!hostTags.test(withTags(regex, definition)) && !hostTags.test(prefregex)) {
      problems.push(
        at(line, {
          ruleId: 'filter/no-host',
          reason:
            'This failregex has no <HOST> (or <ADDR>, <IP4>, <IP6>, <F-ID>…): fail2ban refuses it ("No failure-id group") and would not know whom to ban. Capture the address with <HOST>.',
        }),
      );
    }
  }
  for (const option of definition.options.values()) {
    const {missing} = interpolate(option.value, scope);
    for (const name of new Set(missing)) {
      problems.push(
        at(option.line, {
          ruleId: 'filter/undefined-reference',
          reason: `%(${name})s in ${option.name} refers to nothing: define ${name} in the filter or include the file that does (common.conf).`,
        }),
      );
    }
  }
  return {filter: {config, definition, failregex, includes}, problems};
}
