import {execFile} from 'node:child_process';
import {cpSync, mkdtempSync, symlinkSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

export const siteDir = path.resolve(import.meta.dirname, '../..');
export const docusaurusBin = path.join(siteDir, 'node_modules/@docusaurus/core/bin/docusaurus.mjs');

/** What a site copy needs besides node_modules, which is linked. */
// The build reads the filters' sample logs from test/fail2ban.
// The build reads nothing under test/: a copy without it builds.
const siteFiles = [
  'docs',
  'versioned_docs',
  'versioned_sidebars',
  'versions.json',
  'src',
  'plugins',
  'static',
  'docusaurus.config.ts',
  'sidebars.ts',
  'package.json',
  'tsconfig.json',
];

/**
 * Copies the site into a temporary folder (node_modules linked), so a test can
 * break one page and build without touching the real site.
 */
export function copySite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mailguide-site-'));
  for (const name of siteFiles) cpSync(path.join(siteDir, name), path.join(dir, name), {recursive: true});
  symlinkSync(path.join(siteDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface BuildResult {
  ok: boolean;
  output: string;
}

/** Runs `docusaurus build` in `dir`; never throws, returns the combined output. */
export async function buildSite(dir: string, outDir = path.join(dir, 'build')): Promise<BuildResult> {
  try {
    const {stdout, stderr} = await promisify(execFile)(process.execPath, [docusaurusBin, 'build', '--out-dir', outDir], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
      env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'},
    });
    return {ok: true, output: stdout + stderr};
  } catch (error) {
    const {stdout = '', stderr = ''} = error as {stdout?: string; stderr?: string};
    return {ok: false, output: stdout + stderr};
  }
}

/** A TCP port that is free on localhost right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}
