import {execFile} from 'node:child_process';
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
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

/**
 * Runs fail2ban-regex on log lines with a filter (next to fail2ban's own
 * `common.conf`, as in `filter.d/`). The guide index runs each filter once per build.
 * @throws with fail2ban-regex's own message when it refuses the filter.
 */
export async function runFail2banRegex(filterText: string, lines: readonly string[]): Promise<RegexRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mailguide-f2b-'));
  try {
    copyFileSync(path.join(stockFilterDir, 'common.conf'), path.join(dir, 'common.conf'));
    writeFileSync(path.join(dir, 'filter.conf'), filterText);
    writeFileSync(path.join(dir, 'sample.log'), `${lines.join('\n')}\n`);
    const {stdout} = await run(fail2banRegexPath, ['-o', '<ip>\t<msg>', path.join(dir, 'sample.log'), path.join(dir, 'filter.conf')], {maxBuffer: 16 * 1024 * 1024}).catch(
      (error: {stdout?: string; stderr?: string; code?: string}) => {
        if (error.code === 'ENOENT')
          throw new Error(`${fail2banRegexPath} not found: install Debian's fail2ban (apt-get install fail2ban). The guide publishes no filter it could not check.`);
        throw new Error((error.stderr || error.stdout || String(error)).trim().replace(/^ERROR:\s*/, ''));
      },
    );
    const matches = stdout
      .split('\n')
      .filter((row) => row.includes('\t'))
      .map((row) => {
        const [ip, ...line] = row.split('\t');
        return {ip, line: line.join('\t')};
      });
    return {version: await fail2banRegexVersion(), matches};
  } finally {
    rmSync(dir, {recursive: true, force: true});
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
