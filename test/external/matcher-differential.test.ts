import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {compileFilter, matchLines} from '../../plugins/fail2ban-matcher/index.ts';
import {nearMisses} from '../../plugins/fail2ban-matcher/mutations.ts';
import {readGuidePage} from '../../plugins/guide-model/page.ts';
import {fail2banRegexPath} from '../../plugins/snippet-validators/fail2ban/fail2ban-regex.ts';
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

function fail2banRegex(filterText: string, lines: readonly string[]): Map<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'f2b-diff-'));
  copyFileSync(path.join(stockFilterDir, 'common.conf'), path.join(dir, 'common.conf'));
  writeFileSync(path.join(dir, 'filter.conf'), filterText);
  writeFileSync(path.join(dir, 'lines.log'), `${lines.join('\n')}\n`);
  const output = execFileSync(fail2banRegexPath, ['-o', '<ip>\t<msg>', path.join(dir, 'lines.log'), path.join(dir, 'filter.conf')], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
  return new Map(output.split('\n').filter((row) => row.includes('\t')).map((row) => [row.slice(row.indexOf('\t') + 1), row.slice(0, row.indexOf('\t'))]));
}

let compared = 0;

describe('the in-page matcher agrees with fail2ban-regex 1.0.2', () => {
  it.each(filters.map((filter) => [path.basename(filter.target), filter] as const))('%s', (_name, filter) => {
    const samples = readSamples(samplesFileFor(filter.target)).map((sample) => sample.text);
    const lines = [...samples, ...nearMisses(samples, 300)];
    const real = fail2banRegex(filter.text, lines);
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
