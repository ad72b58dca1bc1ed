import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readGuidePage} from '../../plugins/guide-model/page.ts';
import {fail2banRegexPath, runFail2banRegex} from '../../plugins/validators/fail2ban/fail2ban-regex.ts';
import {readSamples, samplesFileFor} from '../../plugins/validators/fail2ban/samples.ts';
import {listPages} from '../../plugins/validators/index.ts';

// Every filter of the guide, run by the real fail2ban-regex (Debian's 1.0.2)
// over its annotated sample log, one line at a time, so each line's verdict
// and address are checked on their own.
const filters = listPages()
  .flatMap((page) => readGuidePage(page).snippets)
  .filter((snippet) => snippet.kind === 'fail2ban-filter');

describe('the guide filters under the real fail2ban-regex', () => {
  it('is fail2ban-regex 1.0.2', () => {
    expect(execFileSync(fail2banRegexPath, ['--version'], {encoding: 'utf8'}).trim()).toBe('fail2ban-regex 1.0.2');
  });

  it('has the four filters of the original guide', () => {
    expect(filters.map((filter) => path.basename(filter.target)).sort()).toEqual(['mail-dovecot.conf', 'mail-postfix-rbl.conf', 'mail-postfix-sasl.conf', 'mail-postfix.conf']);
  });

  describe.each(filters.map((filter) => [path.basename(filter.target), filter] as const))('%s', (_name, filter) => {
    const samples = readSamples(samplesFileFor(filter));

    it('has failures, IPv6 failures and lines that must not match in its sample log', () => {
      expect(samples.filter((sample) => sample.match).length).toBeGreaterThanOrEqual(3);
      expect(samples.some((sample) => sample.match && sample.host?.includes(':'))).toBe(true);
      expect(samples.some((sample) => !sample.match)).toBe(true);
    });

    it.each(samples.map((sample) => [sample.line, sample] as const))('sample line %i', async (_line, sample) => {
      const {matches} = await runFail2banRegex(filter.text, [sample.text]);
      expect(matches.map((match) => match.ip)).toEqual(sample.match ? [sample.host] : []);
    });
  });
});
