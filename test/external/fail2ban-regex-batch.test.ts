import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {siteEditionFolders} from '../../plugins/guide-index/editions.ts';
import {readGuideSite} from '../../plugins/guide-model/site.ts';
import {Fail2banRegexBatch, runFail2banRegex, type RegexRun} from '../../plugins/validators/fail2ban/fail2ban-regex.ts';
import {stockFilterDir} from '../../plugins/validators/fail2ban/filter.ts';
import {readSamples, samplesFileFor} from '../../plugins/validators/fail2ban/samples.ts';

// The build runs every filter of a load in one Python process
// (fail2ban-regex-batch.py). Each of its runs must give what the
// fail2ban-regex command gives alone: the guide's filters over their sample
// logs, and fail2ban's stock filters over fail2ban's own sample logs, all in
// one batch, so that what one run leaves in the interpreter cannot change the next.
const siteDir = path.resolve(import.meta.dirname, '../..');
const upstreamDir = path.join(siteDir, 'test/fail2ban/upstream-samples');

const guideJobs = siteEditionFolders.flatMap(({dir}) =>
  readGuideSite(path.join(siteDir, dir))
    .pages.flatMap((page) => page.snippets)
    .filter((snippet) => snippet.kind === 'fail2ban-filter')
    .map((snippet) => ({name: `${dir}: ${path.basename(snippet.target)}`, text: snippet.text, lines: readSamples(samplesFileFor(snippet)).map((sample) => sample.text)})),
);
const stockJobs = readdirSync(upstreamDir)
  .filter((name) => readdirSync(stockFilterDir).includes(`${name}.conf`))
  .sort()
  .map((name) => ({
    name: `stock ${name}`,
    text: readFileSync(path.join(stockFilterDir, `${name}.conf`), 'utf8'),
    lines: readFileSync(path.join(upstreamDir, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .slice(0, 100),
  }));
const jobs = [...guideJobs, ...stockJobs];

/** A run's outcome; for a refusal, its last line (what the build reports), the temporary folder's name left out. */
const outcome = (run: Promise<RegexRun>) =>
  run.then(
    (result) => ({result}),
    (error: Error) => ({
      refused: error.message
        .split('\n')
        .at(-1)!
        .replace(/\/tmp\/mailguide-f2b-[^/\s]+(\/\d+)?/g, '<dir>'),
    }),
  );

describe('fail2ban-regex in one process for many filters', () => {
  it('gives, run by run, what the fail2ban-regex command gives alone', {timeout: 180_000}, async () => {
    expect(guideJobs.length).toBeGreaterThanOrEqual(8);
    expect(stockJobs.length).toBeGreaterThan(60);
    const batch = new Fail2banRegexBatch();
    const together = await Promise.all(jobs.map((job) => outcome(batch.run(job.text, job.lines))));
    const alone = [];
    // Two at a time: one per core.
    for (let at = 0; at < jobs.length; at += 2) alone.push(...(await Promise.all(jobs.slice(at, at + 2).map((job) => outcome(runFail2banRegex(job.text, job.lines))))));
    const named = (outcomes: typeof together) => Object.fromEntries(jobs.map((job, at) => [job.name, outcomes[at]]));
    expect(named(together)).toEqual(named(alone));
    const matched = together.reduce((count, run) => count + ('result' in run ? run.result.matches.length : 0), 0);
    console.log(
      `fail2ban-regex batch against the command: ${jobs.length} runs, ${matched} lines matched alike, ${together.filter((run) => 'refused' in run).length} filters refused alike`,
    );
    // It is a real comparison: the guide's filters match lines, and some stock filter is refused for its missing includes.
    expect(together.slice(0, guideJobs.length).every((run) => 'result' in run && run.result.matches.length > 0)).toBe(true);
    expect(together.some((run) => 'refused' in run)).toBe(true);
    expect(together.find((run) => 'result' in run)).toMatchObject({result: {version: 'fail2ban-regex 1.0.2'}});
  });
});
