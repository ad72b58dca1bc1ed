import type {Page} from 'playwright-core';
import {afterAll, beforeAll, inject} from 'vitest';
import {openSitePage} from './browser.ts';
// Apart from browser.ts, which the benchmark imports outside vitest.

/**
 * A browser on a page of the served site for a test file's tests: opened
 * before them (clipboard allowed), closed with its profile after them. Read
 * `page` inside the tests (it is set once the hook has run).
 */
export function useSitePage(route: string): {readonly page: Page} {
  let opened: Awaited<ReturnType<typeof openSitePage>> | undefined;
  beforeAll(async () => {
    opened = await openSitePage(inject('siteUrl'), route);
  });
  afterAll(async () => {
    await opened?.close();
  });
  return {
    get page() {
      if (!opened) throw new Error('useSitePage: the page opens in beforeAll; read it inside a test.');
      return opened.page;
    },
  };
}
