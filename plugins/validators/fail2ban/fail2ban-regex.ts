import {execFile} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {stockFilterDir} from './filter.ts';
import type {Sample} from './samples.ts';

/** The real fail2ban-regex of Debian's fail2ban package. */
export const fail2banRegexPath = process.env.FAIL2BAN_REGEX ?? '/usr/bin/fail2ban-regex';

const run = promisify(execFile);

export interface RegexRun {
  /** e.g. `fail2ban-regex 1.0.2`. */
  version: string;
  /** The lines it matched, with the address it took. */
  matches: Array<{ip: string; line: string}>;
}

let version: Promise<string> | undefined;
export function fail2banRegexVersion(): Promise<string> {
  version ??= run(fail2banRegexPath, ['--version']).then(({stdout}) => stdout.trim());
  return version;
}

/** fail2ban-regex's refusal of a filter, in its own words. */
function refusal(stdout: string | undefined, stderr: string | undefined): Error {
  return new Error((stderr || stdout || 'fail2ban-regex failed').trim().replace(/^ERROR:\s*/, ''));
}

/** The `<ip>\t<msg>` rows fail2ban-regex prints for the lines it matched. */
function matchesOf(stdout: string): RegexRun['matches'] {
  return stdout
    .split('\n')
    .filter((row) => row.includes('\t'))
    .map((row) => {
      const [ip, ...line] = row.split('\t');
      return {ip, line: line.join('\t')};
    });
}

/** A folder as fail2ban's `filter.d/` has it: the filter next to fail2ban's own `common.conf`, and the log. */
function writeFilterRun(dir: string, filterText: string, lines: readonly string[]): {log: string; filter: string} {
  mkdirSync(dir, {recursive: true});
  copyFileSync(path.join(stockFilterDir, 'common.conf'), path.join(dir, 'common.conf'));
  writeFileSync(path.join(dir, 'filter.conf'), filterText);
  writeFileSync(path.join(dir, 'sample.log'), `${lines.join('\n')}\n`);
  return {log: path.join(dir, 'sample.log'), filter: path.join(dir, 'filter.conf')};
}

const notFound = () => new Error(`${fail2banRegexPath} not found: install Debian's fail2ban (apt-get install fail2ban). The guide publishes no filter it could not check.`);

/**
 * Runs fail2ban-regex on log lines with a filter (next to fail2ban's own
 * `common.conf`, as in `filter.d/`): one process, the command itself.
 * @throws with fail2ban-regex's own message when it refuses the filter.
 */
export async function runFail2banRegex(filterText: string, lines: readonly string[]): Promise<RegexRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mailguide-f2b-'));
  try {
    const {log, filter} = writeFilterRun(dir, filterText, lines);
    const {stdout} = await run(fail2banRegexPath, ['-o', '<ip>\t<msg>', log, filter], {maxBuffer: 16 * 1024 * 1024}).catch(
      (error: {stdout?: string; stderr?: string; code?: string}) => {
        throw error.code === 'ENOENT' ? notFound() : refusal(error.stdout, error.stderr);
      },
    );
    return {version: await fail2banRegexVersion(), matches: matchesOf(stdout)};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

// import.meta.url, not dirname: Docusaurus loads the config's modules through jiti, which knows only url.
const batchDriver = fileURLToPath(new URL('fail2ban-regex-batch.py', import.meta.url));

/** The Python fail2ban-regex runs under: its `#!` line (`/usr/bin/python3` on Debian). */
function fail2banPython(): string[] {
  const shebang = readFileSync(fail2banRegexPath, 'utf8').split('\n', 1)[0];
  if (!shebang.startsWith('#!')) throw new Error(`${fail2banRegexPath} does not start with #!: cannot tell which Python runs it.`);
  return shebang.slice(2).trim().split(/\s+/);
}

interface BatchJob {
  filterText: string;
  lines: readonly string[];
  resolve: (run: RegexRun) => void;
  reject: (error: Error) => void;
}

/**
 * fail2ban-regex for many filters in one Python process
 * (`fail2ban-regex-batch.py`: each job is fail2ban-regex's own command line,
 * with the same arguments). Runs asked for in the same turn of the event loop
 * (every page of a build loading at once) go in one batch. A test holds its
 * results to the command's, filter by filter.
 */
export class Fail2banRegexBatch {
  #pending: BatchJob[] = [];

  run(filterText: string, lines: readonly string[]): Promise<RegexRun> {
    return new Promise((resolve, reject) => {
      this.#pending.push({filterText, lines, resolve, reject});
      if (this.#pending.length === 1) setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const jobs = this.#pending;
    this.#pending = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'mailguide-f2b-'));
    try {
      const files = jobs.map((job, at) => writeFilterRun(path.join(dir, String(at)), job.filterText, job.lines));
      const [python, ...pythonArgs] = fail2banPython();
      const child = run(python, [...pythonArgs, batchDriver, fail2banRegexPath], {maxBuffer: 64 * 1024 * 1024});
      // A Python that dies early closes its stdin: the run's own rejection says why, not a stray EPIPE.
      child.child.stdin!.on('error', () => {});
      child.child.stdin!.end(JSON.stringify(files.map(({log, filter}) => [log, filter])));
      const {stdout} = await child;
      const {version, results} = JSON.parse(stdout) as {version: string; results: Array<{code: number; stdout: string; stderr: string}>};
      jobs.forEach((job, at) => {
        const result = results[at];
        if (result.code === 0) job.resolve({version, matches: matchesOf(result.stdout)});
        else job.reject(refusal(result.stdout, result.stderr));
      });
    } catch (error) {
      const failure = (error as {code?: string}).code === 'ENOENT' ? notFound() : new Error(`fail2ban-regex (batch) failed: ${(error as {stderr?: string}).stderr || error}`);
      for (const job of jobs) job.reject(failure);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }
}

/** Where the real matches differ from the annotations. */
export function compareWithSamples(samples: readonly Sample[], {matches, version}: RegexRun): Array<{sample: Sample; reason: string}> {
  const tool = version.startsWith('fail2ban-regex') ? 'fail2ban-regex' : 'the matcher standing in for fail2ban-regex';
  return samples.flatMap((sample) => {
    const found = matches.find((match) => match.line === sample.text);
    if (sample.match && !found) return [{sample, reason: `${tool} does not match this line, which the sample says is a failure`}];
    if (!sample.match && found) return [{sample, reason: `${tool} matches this line (address ${found.ip}), which the sample says must not match`}];
    if (found && sample.host && found.ip !== sample.host) return [{sample, reason: `${tool} takes the address ${found.ip}; the sample expects ${sample.host}`}];
    return [];
  });
}
