import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {chromium, type BrowserContext, type Page} from 'playwright-core';

/** Flags this closed network needs, from the machine's notes. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium with a fresh profile; `close()` also removes the profile. */
export async function launchBrowser(options: {javaScriptEnabled?: boolean} = {}): Promise<{context: BrowserContext; close: () => Promise<void>}> {
  const profile = mkdtempSync(path.join(tmpdir(), 'mailguide-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    viewport: {width: 1280, height: 900},
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, {recursive: true, force: true});
    },
  };
}

/** A page of the served site in a fresh browser that may use the clipboard (as Copy buttons do). */
export async function openSitePage(siteUrl: string, route: string): Promise<{context: BrowserContext; page: Page; close: () => Promise<void>}> {
  const browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: siteUrl});
  const page = await browser.context.newPage();
  await page.goto(`${siteUrl}${route}`);
  return {...browser, page};
}
