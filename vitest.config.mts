import {defineConfig} from 'vitest/config';

// Four suites, run by `npm test`: fast unit tests of the plugins, the real
// external validators, tests of the built site (one shared production build),
// and the browser suite driving Debian's Chromium against that build.
export default defineConfig({
  test: {
    projects: [
      {test: {name: 'unit', include: ['plugins/**/__tests__/*.test.ts', 'test/unit/*.test.ts']}},
      // The real external validators: Debian's fail2ban-regex and docker-compose.
      {test: {name: 'external', include: ['test/external/*.test.ts'], testTimeout: 60_000}},
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
