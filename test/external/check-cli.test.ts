import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';

const run = promisify(execFile);
const siteDir = path.resolve(import.meta.dirname, '../..');

async function check(...pages: string[]): Promise<{code: number; stdout: string}> {
  try {
    const {stdout} = await run('npx', ['tsx', 'plugins/cli/check.ts', ...pages], {cwd: siteDir});
    return {code: 0, stdout};
  } catch (error) {
    const {code, stdout} = error as {code: number; stdout: string};
    return {code, stdout};
  }
}

describe('npm run check', () => {
  it('finds no error in the real guide, and lists its warnings by file, as vfile-reporter does', async () => {
    const {code, stdout} = await check();
    expect(stdout).toMatch(/^19 pages, \d+ snippets checked in [\d.]+ s: 0 errors, \d+ warnings$/m);
    expect(stdout).toMatch(/^docs\/services\/email\/mta\/setup\.md\n\d+:\d+ +warning DMS_DEBUG is removed in docker-mailserver v16\.0\.1 .+ env-deprecated compose$/m);
    expect(stdout).toMatch(/^⚠ \d+ warnings$/m);
    // The current edition is written for docker-mailserver 16.0.1: not even a warning against its catalogue.
    expect(stdout.split('\n').filter((line) => line.includes('versioned_docs/'))).toEqual([]);
    expect(code).toBe(0);
  });

  it('exits 1 and prints the file, then line:col  severity  message  rule, for a broken page', async () => {
    const page = path.join(mkdtempSync(path.join(tmpdir(), 'check-')), 'broken.md');
    writeFileSync(
      page,
      [
        '# Broken',
        '',
        '```yaml target=docker-compose.yml kind=compose-fragment',
        'mail:',
        '  image: mailserver/docker-mailserver:9.0.1',
        '  environment:',
        "    - RELAY_HOST=''",
        '```',
        '',
      ].join('\n'),
    );
    const {code, stdout} = await check(page);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^${path.relative(siteDir, page).replaceAll('.', '\\.')}\n7:7 error In list form, quotes are part of the value.* env-quoted compose$`, 'm'));
    expect(stdout).toMatch(/^✖ 1 error$/m);
    expect(stdout).toMatch(/1 pages, 1 snippets checked in [\d.]+ s: 1 errors, 0 warnings/);
  });
});
