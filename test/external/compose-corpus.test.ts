import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {VFile} from 'vfile';
import {afterAll, describe, expect, it} from 'vitest';
import type {Problem} from '../../plugins/guide-model/diagnostics.ts';
import type {GuidePage} from '../../plugins/guide-model/page.ts';
import type {Snippet} from '../../plugins/guide-model/snippets.ts';
import {readCatalogues} from '../../plugins/validators/compose/dms/catalogue-files.ts';
import {checkDmsEnvFile} from '../../plugins/validators/compose/env-file.ts';

const catalogues = readCatalogues();
import {checkPage} from '../../plugins/validators/index.ts';

// Real compose files from public projects (test/compose-corpus/sources.tsv:
// repository, path, commit, and the verdict upstream gives each file) run
// through the build's own compose checks. A valid file must get no error (warnings
// are fine); an invalid one must get at least one. Debian's docker-compose 1.29.2
// gives a second opinion where it knows the file's format; the verdict stays upstream's.
const corpusDir = path.join(import.meta.dirname, '../compose-corpus');
interface Entry {
  file: string;
  kind: string;
  repository: string;
  verdict: 'valid' | 'invalid';
  error: string;
}
const [header, ...lines] = readFileSync(path.join(corpusDir, 'sources.tsv'), 'utf8').trimEnd().split('\n');
const columns = header.split('\t');
const corpus = lines.map((line) => Object.fromEntries(line.split('\t').map((cell, index) => [columns[index], cell])) as unknown as Entry);

/** The file as the build sees a compose snippet of a page: included from `file`, target `docker-compose.yml`. */
async function composeProblems(file: string): Promise<Problem[]> {
  const full = path.join(corpusDir, file);
  const snippet: Snippet = {
    kind: 'compose',
    target: 'docker-compose.yml',
    text: readFileSync(full, 'utf8'),
    mode: '0644',
    owner: 'root:root',
    includedFrom: full,
    origin: {path: full, line: 1, column: 1},
    placeholders: [],
  };
  const page = {
    file: new VFile({path: path.join(corpusDir, 'corpus.md')}),
    title: file,
    tree: {type: 'root', children: []},
    tableOccurrences: [],
    tables: [],
    snippets: [snippet],
    links: [],
  } as unknown as GuidePage;
  const result = await checkPage(page, {rootDir: corpusDir, placeholders: [], states: []});
  return [...result.snippets.flatMap((check) => check.problems), ...result.problems];
}

function problemsOf(entry: Entry): Promise<Problem[]> | Problem[] {
  const release = /^env-file:(.+)$/.exec(entry.kind)?.[1];
  if (release) return checkDmsEnvFile(path.join(corpusDir, entry.file), readFileSync(path.join(corpusDir, entry.file), 'utf8'), release, catalogues);
  return composeProblems(entry.file);
}

const show = (problems: Problem[]) =>
  problems.map((problem) => `${(problem.place as {line?: number})?.line ?? '?'}  ${problem.severity ?? 'error'}  ${problem.ruleId}  ${problem.reason}`);
// The guide's safety rules (`compose/unsafe-*`: settings that make a mail server an open relay or lose mail)
// judge what a file does, not whether compose accepts it: upstream's own demo files may trip them.
const isSafetyRule = (problem: Problem) => problem.ruleId.startsWith('compose/unsafe-') || problem.ruleId === 'compose/spam-bounced';
const errors = (problems: Problem[]) => problems.filter((problem) => problem.severity !== 'warning' && !isSafetyRule(problem));

function secondOpinion(file: string): string {
  try {
    // Asked only when our verdict differs; an alias bomb would keep Python's YAML busy, hence the timeout.
    execFileSync('docker-compose', ['-f', path.join(corpusDir, file), 'config', '-q'], {
      encoding: 'utf8',
      stdio: 'pipe',
      cwd: corpusDir,
      env: {PATH: process.env.PATH},
      timeout: 10_000,
    });
    return 'accepts';
  } catch (error) {
    return `refuses: ${String((error as {stderr?: string}).stderr ?? '')
      .trim()
      .split('\n')
      .at(-1)}`;
  }
}

describe('the compose corpus', () => {
  afterAll(() => {
    const bySource = new Map<string, {valid: number; invalid: number}>();
    for (const entry of corpus) {
      const counts = bySource.get(entry.repository) ?? {valid: 0, invalid: 0};
      counts[entry.verdict] += 1;
      bySource.set(entry.repository, counts);
    }
    const rows = [...bySource].map(([repository, {valid, invalid}]) => `  ${repository.padEnd(38)} ${String(valid).padStart(3)} valid ${String(invalid).padStart(3)} invalid`);
    console.log(`Compose corpus: ${corpus.length} files\n${rows.join('\n')}`);
  });

  it('has at least 60 files, valid and invalid, each with its source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(corpus.filter((entry) => entry.verdict === 'invalid').length).toBeGreaterThan(0);
    for (const entry of corpus) expect([entry.repository, entry.verdict]).toEqual([expect.stringMatching(/^[\w.-]+\/[\w.-]+$/), expect.stringMatching(/^(valid|invalid)$/)]);
  });

  it.each(corpus.filter((entry) => entry.verdict === 'valid').map((entry) => [entry.file, entry] as const))('accepts %s (no error)', async (_file, entry) => {
    const problems = await problemsOf(entry);
    const found = show(errors(problems));
    if (found.length > 0 && !entry.kind.startsWith('env-file')) found.push(`docker-compose 1.29.2 ${secondOpinion(entry.file)}`);
    expect(found).toEqual([]);
  });

  it.each(corpus.filter((entry) => entry.verdict === 'invalid').map((entry) => [entry.file, entry] as const))('refuses %s', async (_file, entry) => {
    const found = errors(await problemsOf(entry)).length;
    expect(found, found > 0 ? '' : `expected an error (${entry.error}); docker-compose 1.29.2 ${secondOpinion(entry.file)}`).toBeGreaterThan(0);
  });
});
