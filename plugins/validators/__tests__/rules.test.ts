import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {report} from '../../guide-model/diagnostics.ts';
import {readGuidePage} from '../../guide-model/page.ts';
import {checkPage} from '../index.ts';

// One folder per rule (`compose--env-quoted` is rule compose/env-quoted):
// pass.md must raise nothing, fail.md exactly the problems listed in fail.txt,
// as `line:column  severity  rule-id` (prefixed by the file when it is not the
// page). Filters' sample logs are in the folder's samples/.
const fixturesDir = path.join(import.meta.dirname, '__fixtures__');
const rules = readdirSync(fixturesDir).sort();

async function problems(dir: string, name: string) {
  const page = readGuidePage(path.join(dir, name), {rootDir: dir});
  const result = await checkPage(page, {rootDir: dir, samplesDir: path.join(dir, 'samples')});
  for (const problem of [...result.snippets.flatMap((check) => check.problems), ...result.problems, ...(page.changes?.problems ?? [])]) report(page.file, problem);
  return page.file.messages.map((message) => ({
    rule: `${message.source}/${message.ruleId}`,
    text: `${message.file === page.file.path ? '' : `${path.relative(dir, message.file ?? '')}:`}${message.line}:${message.column}  ${message.fatal ? 'error' : 'warning'}  ${message.source}/${message.ruleId}`,
    fatal: message.fatal,
  }));
}

describe('snippet validation rules', () => {
  it('covers every rule with a fixture folder', () => {
    expect(rules.length).toBeGreaterThanOrEqual(38);
  });

  describe.each(rules)('%s', (folder) => {
    const dir = path.join(fixturesDir, folder);
    const rule = folder.replace('--', '/');

    it('passes the passing fixture', async () => {
      const found = await problems(dir, 'pass.md');
      expect(found.filter((problem) => problem.fatal || problem.rule === rule).map((problem) => problem.text)).toEqual([]);
    });

    it('reports the failing fixture at the expected positions', async () => {
      const expected = readFileSync(path.join(dir, 'fail.txt'), 'utf8').trim().split('\n');
      const found = await problems(dir, 'fail.md');
      expect(found.filter((problem) => problem.rule === rule).map((problem) => problem.text)).toEqual(expected);
    });
  });
});
