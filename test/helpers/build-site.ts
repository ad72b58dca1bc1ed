import path from 'node:path';
import type {TestProject} from 'vitest/node';
import {buildSite, siteDir} from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    buildDir: string;
  }
}

export const buildDir = path.join(siteDir, 'build');

/**
 * Global setup of the site and browser suites: one production build of the
 * real site per test run (the first suite to start builds, the next reuses it).
 */
export default async function setup(project: TestProject): Promise<void> {
  if (process.env.MAILGUIDE_TEST_BUILD !== buildDir) {
    const result = await buildSite(siteDir, buildDir);
    if (!result.ok) throw new Error(`docusaurus build failed:\n${result.output}`);
    process.env.MAILGUIDE_TEST_BUILD = buildDir;
  }
  project.provide('buildDir', buildDir);
}
