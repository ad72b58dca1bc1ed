import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {compileFilter, matchLines} from '../../plugins/fail2ban-matcher/index.ts';
import {nearMisses} from '../../plugins/fail2ban-matcher/mutations.ts';
import {readGuidePage} from '../../plugins/guide-model/page.ts';
import {runFail2banRegex} from '../../plugins/snippet-validators/fail2ban/fail2ban-regex.ts';
import {stockFilterDir} from '../../plugins/snippet-validators/fail2ban/filter.ts';
import {readSamples, samplesFileFor} from '../../plugins/snippet-validators/fail2ban/samples.ts';
import {listPages} from '../../plugins/snippet-validators/index.ts';

// The in-page matcher against the real fail2ban-regex 1.0.2: for every filter
// of the guide, its sample lines and 300 near misses of them, both must agree
// on match or no match, and on the address.
const common = readFileSync(path.join(stockFilterDir, 'common.conf'), 'utf8');
const filters = listPages()
  .flatMap((page) => readGuidePage(page).snippets)
  .filter((snippet) => snippet.kind === 'fail2ban-filter');


let compared = 0;

describe('the in-page matcher agrees with fail2ban-regex 1.0.2', () => {
  it.each(filters.map((filter) => [path.basename(filter.target), filter] as const))('%s', async (_name, filter) => {
    const samples = readSamples(samplesFileFor(filter.target)).map((sample) => sample.text);
    const lines = [...samples, ...nearMisses(samples, 300)];
    const real = new Map((await runFail2banRegex(filter.text, lines)).matches.map((match) => [match.line, match.ip]));
    const ours = matchLines(compileFilter(filter.text, {'common.conf': common}), lines);
    const disagreements = ours.flatMap((result) => {
      const expected = real.get(result.line);
      const actual = result.verdict === 'failure' ? result.address : undefined;
      return expected === actual ? [] : [{line: result.line, fail2ban: expected ?? 'no match', matcher: actual ?? `no match (${result.verdict})`}];
    });
    compared += lines.length;
    expect(real.size, 'some lines match, so the comparison means something').toBeGreaterThan(samples.length / 3);
    expect(disagreements).toEqual([]);
  });

  it('compared at least a thousand lines', () => {
    expect(compared).toBeGreaterThanOrEqual(1000);
    console.log(`matcher differential test: ${compared} lines compared`);
  });
});
