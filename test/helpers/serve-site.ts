import {spawn} from 'node:child_process';
import type {TestProject} from 'vitest/node';
import buildOnce, {buildDir} from './build-site.ts';
import {docusaurusBin, freePort, siteDir} from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

/**
 * Global setup of the browser suite: the production build, served by
 * `docusaurus serve` on a free localhost port, stopped after the suite.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildOnce(project);
  const port = await freePort();
  const server = spawn(process.execPath, [docusaurusBin, 'serve', '--dir', buildDir, '--port', String(port), '--host', '127.0.0.1', '--no-open'], {
    cwd: siteDir,
    stdio: 'ignore',
  });
  const siteUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(siteUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`docusaurus serve did not start on ${siteUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  project.provide('siteUrl', siteUrl);
  return async () => {
    server.kill();
  };
}
