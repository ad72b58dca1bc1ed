import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {compileFilter, matchLines} from '../../fail2ban-matcher/index.ts';
import {Fail2banRegexBatch, fail2banRegexPath, type RegexRun} from './fail2ban-regex.ts';
import {stockFilterDir} from './filter.ts';

/** How the badges name the matcher when it stands in for fail2ban-regex. */
export const matcherValidator = "the project's fail2ban matcher (fail2ban 1.0.2's rules; CI checks it against fail2ban-regex 1.0.2)";

/** Is Debian's fail2ban-regex here? Without it (macOS, a non-root CI runner, a static-site host) the matcher stands in. */
export const hasFail2banRegex = (): boolean => existsSync(fail2banRegexPath);

/**
 * Runs filters over sample log lines: with the real fail2ban-regex where it
 * is installed, otherwise with the project's matcher, which follows
 * fail2ban's algorithm and refuses what it cannot do faithfully (the
 * differential tests hold it to fail2ban-regex on every CI run). One per
 * build, owned by the guide index: pages that share a filter (a corpus, a
 * filter shown twice) run it once, and every fail2ban-regex run of a load
 * goes to one Python process. `run` rejects when the filter is refused.
 */
export class FilterRuns {
  #runs = new Map<string, Promise<RegexRun>>();
  #batch = new Fail2banRegexBatch();

  run(filterText: string, lines: readonly string[]): Promise<RegexRun> {
    const key = `${filterText}\u0000${lines.join('\n')}`;
    let run = this.#runs.get(key);
    if (!run) {
      run = hasFail2banRegex() ? this.#batch.run(filterText, lines) : runMatcher(filterText, lines);
      this.#runs.set(key, run);
    }
    return run;
  }
}

async function runMatcher(filterText: string, lines: readonly string[]): Promise<RegexRun> {
  const filter = compileFilter(filterText, {'common.conf': readFileSync(path.join(stockFilterDir, 'common.conf'), 'utf8')});
  const matches = matchLines(filter, lines).flatMap((result) => (result.verdict === 'failure' && result.address ? [{ip: result.address, line: result.line}] : []));
  return {version: matcherValidator, matches};
}
