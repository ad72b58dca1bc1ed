import AxeBuilder from '@axe-core/playwright';
import type {BrowserContext, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {launchBrowser} from '../helpers/browser.ts';
import {originalEmailPorts} from '../helpers/original-guide.ts';

let context: BrowserContext;
let close: () => Promise<void>;
let page: Page;
const setupUrl = () => `${inject('siteUrl')}/services/email/mta/setup`;

beforeAll(async () => {
  ({context, close} = await launchBrowser());
  page = await context.newPage();
});

afterAll(async () => {
  await close?.();
});

const portsTable = () => page.locator('table').filter({has: page.locator('caption', {hasText: 'Email Ports'})});

describe('the ports table in Chromium', () => {
  it('lists the 7 ports of the original in order, with their states', async () => {
    await page.goto(setupUrl());
    const rows = portsTable().locator('tbody tr');
    expect(await rows.count()).toBe(7);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
    expect(cells).toEqual(originalEmailPorts);
    // The port column is right-aligned.
    expect(
      await rows
        .first()
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td).textAlign),
    ).toBe('right');
  });

  it('collapses and expands', async () => {
    await page.goto(setupUrl());
    const summary = page.locator('summary', {hasText: 'Email Ports'});
    const table = portsTable();
    expect(await table.isVisible()).toBe(true);
    await summary.click();
    await expect.poll(() => table.isVisible()).toBe(false);
    await summary.click();
    await expect.poll(() => table.isVisible()).toBe(true);
  });

  it('scrolls a row anchor into view below the navbar', async () => {
    await page.goto(`${setupUrl()}#port-993-tcp`);
    const row = page.locator('#port-993-tcp');
    await expect.poll(() => row.evaluate((tr) => tr.getBoundingClientRect().top)).toBeGreaterThan(0);
    const {top, bottom} = await row.evaluate((tr) => tr.getBoundingClientRect().toJSON());
    const navbar = await page.locator('.navbar').evaluate((nav) => nav.getBoundingClientRect().bottom);
    const viewport = page.viewportSize()!.height;
    expect(top).toBeGreaterThanOrEqual(navbar);
    expect(bottom).toBeLessThanOrEqual(viewport);
    expect(await row.evaluate((tr) => tr.matches(':target'))).toBe(true);
  });

  it('takes a state pill to the definition of its state', async () => {
    await page.goto(setupUrl());
    await page.locator('#port-587-tcp a.state-pill').click();
    await page.waitForURL(/\/glossary#state-exposed$/);
    // The glossary page paints before its scripts run: wait for the target to show.
    await expect.poll(() => page.locator('#state-exposed').isVisible(), {timeout: 15_000}).toBe(true);
  });

  it.each(['light', 'dark'] as const)('has no axe-core violations in %s mode', async (scheme) => {
    await page.emulateMedia({colorScheme: scheme});
    await page.goto(setupUrl());
    expect(await page.locator('html').getAttribute('data-theme')).toBe(scheme);
    for (const selector of ['details:has(table.guide-table--ports)', 'details:has(table.guide-table--files)']) {
      const results = await new AxeBuilder({page}).include(selector).analyze();
      expect(results.passes.length, `${selector} was checked`).toBeGreaterThan(0);
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }
  });
});
