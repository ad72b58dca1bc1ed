import {defineConfig} from 'vitest/config';

// Three suites, run in this order by `npm test`: fast unit tests of the
// plugins, tests of the built site (one shared production build), and the
// browser suite driving Debian's Chromium against that build.
export default defineConfig({
  test: {
    projects: [
      {test: {name: 'unit', include: ['plugins/**/__tests__/*.test.ts', 'test/unit/*.test.ts']}},
      {
        test: {
          name: 'site',
          include: ['test/site/*.test.ts'],
          globalSetup: ['test/helpers/build-site.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/*.test.ts'],
          globalSetup: ['test/helpers/serve-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
