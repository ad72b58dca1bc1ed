import AxeBuilder from '@axe-core/playwright';
import type {BrowserContext, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {launchBrowser} from '../helpers/browser.ts';

let context: BrowserContext;
let close: () => Promise<void>;
let page: Page;
const siteUrl = () => inject('siteUrl');

const routes = ['/', '/services/email', '/services/email/mta', '/services/email/mta/setup', '/services/email/mta/configuration', '/services/fail2ban/system', '/glossary', '/bundles', '/your-values'];

beforeAll(async () => {
  ({context, close} = await launchBrowser());
  page = await context.newPage();
});

afterAll(async () => {
  await close?.();
});

describe('accessibility of every page (axe-core)', () => {
  describe.each(['light', 'dark'] as const)('%s mode', (scheme) => {
    it.each(routes)('%s has no violations', async (route) => {
      await page.emulateMedia({colorScheme: scheme});
      await page.goto(`${siteUrl()}${route}`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('html').getAttribute('data-theme')).toBe(scheme);
      const results = await new AxeBuilder({page}).analyze();
      expect(results.passes.length).toBeGreaterThan(10);
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  });
});

describe('offline search', () => {
  async function search(term: string): Promise<string> {
    await page.goto(`${siteUrl()}/`);
    const input = page.getByRole('searchbox').or(page.locator('input.navbar__search-input')).first();
    await input.click();
    await input.fill(term);
    const suggestions = page.locator('[role="listbox"]').first();
    await suggestions.waitFor({state: 'visible', timeout: 10_000});
    await expect.poll(() => suggestions.innerText(), {timeout: 10_000}).not.toBe('');
    return suggestions.innerText();
  }

  it('finds a port number of the ports table', async () => {
    expect(await search('587')).toContain('Setup');
  });

  it('finds a downloadable file name', async () => {
    expect(await search('mail-dovecot')).toContain('Setup');
  });

  it('finds a glossary term', async () => {
    // The entry, not just the highlighted search word.
    expect(await search('MTA')).toContain('Glossary');
  });
});

describe('keyboard use', () => {
  it('reaches the ports table collapsible with Tab, toggles it with Enter, and shows focus', async () => {
    await page.goto(`${siteUrl()}/services/email/mta/setup`);
    let found = false;
    for (let press = 0; press < 80 && !found; press += 1) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY' && document.activeElement.textContent === 'Email Ports');
    }
    expect(found).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    const table = page.locator('table').filter({has: page.locator('caption', {hasText: 'Email Ports'})});
    await page.keyboard.press('Enter');
    await expect.poll(() => table.isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    await expect.poll(() => table.isVisible()).toBe(true);
  });

  it('fills in a value with the keyboard alone', async () => {
    await page.goto(`${siteUrl()}/your-values`);
    await page.getByLabel('Mail domain').focus();
    await page.keyboard.type('keyboard.example.org');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('mailguide:values'))).toContain('keyboard.example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('mailguide:values'))).toBeNull();
  });
});
