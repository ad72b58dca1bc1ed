import path from 'node:path';
import type {Snippet} from '../guide-model/snippets.ts';
import {compareWithSamples} from '../validators/fail2ban/fail2ban-regex.ts';
import {checkFilter} from '../validators/fail2ban/filter.ts';
import {hasFail2banRegex} from '../validators/fail2ban/sample-run.ts';
import {readSamples, samplesFileFor} from '../validators/fail2ban/samples.ts';
import {fillSnippet, problemAt} from '../validators/problems.ts';
import {formsOf} from '../validators/snippet-check.ts';
import type {KindCheck, KindCheckContext, SnippetKindDefinition} from './types.ts';

/**
 * A filter is checked for syntax, then run (by fail2ban-regex, or the matcher
 * where it is not installed) over its annotated sample log: every line marked
 * as an attack must match with its address, every other line must not.
 */
async function checkFilterSnippet(snippet: Snippet, {placeholders, filterRuns, samplesDir}: KindCheckContext): Promise<KindCheck> {
  const filled = fillSnippet(snippet, placeholders);
  const {problems} = checkFilter(filled);
  const check: KindCheck = {snippet, validators: ['fail2ban filter syntax'], forms: formsOf(snippet), problems};
  const samplesFile = samplesFileFor(snippet, samplesDir);
  const samples = readSamples(samplesFile);
  if (samples.length === 0) {
    problems.push(
      problemAt(filled, undefined, {
        ruleId: 'filter/no-samples',
        reason: `No sample log for this filter: add ${path.relative(process.cwd(), samplesFile)} with lines that must and must not match.`,
      }),
    );
    return check;
  }
  if (problems.some((problem) => problem.severity !== 'warning')) return check;
  try {
    const result = await filterRuns.run(
      filled.text,
      samples.map((sample) => sample.text),
    );
    check.validators.push(result.version);
    check.sampleLines = samples.length;
    for (const {sample, reason} of compareWithSamples(samples, result)) {
      problems.push({ruleId: 'filter/sample-mismatch', reason: `${reason}: ${sample.text.slice(0, 100)}`, place: {line: sample.line, column: 1}, path: samplesFile});
    }
  } catch (error) {
    problems.push(
      problemAt(filled, undefined, {
        ruleId: 'filter/fail2ban-regex',
        reason: `${hasFail2banRegex() ? 'fail2ban-regex' : 'The fail2ban matcher (standing in for fail2ban-regex, which is not installed)'} refuses this filter: ${(error as Error).message.split('\n').at(-1)}`,
      }),
    );
  }
  return check;
}

/** A fail2ban filter: `/data/filter.d/mail-dovecot.conf`. */
export default {
  name: 'fail2ban-filter',
  target: /(^|\/)filter\.d\/[^/]+\.(conf|local)$/,
  readBy: 'fail2ban',
  check: checkFilterSnippet,
} satisfies SnippetKindDefinition<'fail2ban-filter'>;
