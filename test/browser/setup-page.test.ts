import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, inject, it} from 'vitest';
import {useSitePage} from '../helpers/site-page.ts';
import {siteDir} from '../helpers/site.ts';

const screenshotDir = path.join(siteDir, 'test-results/screenshots');
const site = useSitePage('/services/email/mta/setup');
const siteUrl = () => inject('siteUrl');

/** The text of the fenced block with this title in the setup page's source. */
function sourceBlock(title: string): string {
  const source = readFileSync(path.join(siteDir, 'docs/services/email/mta/setup.md'), 'utf8');
  const start = source.indexOf('\n', source.indexOf(`title="${title}"`)) + 1;
  return source.slice(start, source.indexOf('\n```', start));
}

describe('the setup page in Chromium', () => {
  it('shows every section heading', async () => {
    expect(await site.page.getByRole('heading', {level: 1}).innerText()).toBe('Setup');
    for (const name of ['Ports', 'Files', 'Docker Creation', 'fail2ban Setup']) {
      expect(await site.page.getByRole('heading', {level: 2, name}).isVisible(), name).toBe(true);
    }
  });

  it('highlights line 12 of the dovecot filter with a visible background', async () => {
    const block = site.page.locator('.theme-code-block').filter({hasText: '/data/filter.d/mail-dovecot.conf'});
    const lines = block.locator('.token-line');
    const background = (index: number) => lines.nth(index).evaluate((line) => getComputedStyle(line).backgroundColor);
    expect(await lines.nth(11).getAttribute('class')).toContain('theme-code-block-highlighted-line');
    expect(await lines.nth(11).innerText()).toContain('failregex = ');
    expect(await background(11)).not.toBe(await background(10));
    expect(await background(10)).toBe(await background(12));
  });

  it('copies exactly the compose block to the clipboard', async () => {
    const block = site.page.locator('.theme-code-block').filter({hasText: 'Docker Compose'}).first();
    await block.hover();
    await block.getByRole('button', {name: /copy/i}).click();
    const copied = await site.page.evaluate(() => navigator.clipboard.readText());
    // The published file: the block's text with its final newline.
    expect(copied).toBe(`${sourceBlock('Docker Compose')}\n`);
    expect(copied).toContain('image: mailserver/docker-mailserver:9.0.1');
  });

  it('shows a glossary definition on hover and on keyboard focus', async () => {
    const term = site.page.locator('article a[href="/glossary#term-MDA"]').first();
    const tooltip = site.page.locator(`[id="${await term.getAttribute('aria-describedby')}"]`);
    expect(await tooltip.isVisible()).toBe(false);
    await term.hover();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.innerText()).toContain('Mail Delivery Agent');
    await site.page.mouse.move(0, 0);
    await expect.poll(() => tooltip.isVisible()).toBe(false);
    await term.focus();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
  });

  it('follows a glossary term to its entry', async () => {
    await site.page.locator('article a[href="/glossary#term-MTA"]').first().click();
    await site.page.waitForURL(/\/glossary#term-MTA$/);
    // The glossary page paints before its scripts run: wait for the target to show.
    await expect.poll(() => site.page.locator('#term-MTA').isVisible(), {timeout: 15_000}).toBe(true);
  });

  it('redirects the old URL of the page, keeping the anchor', async () => {
    await site.page.goto(`${siteUrl()}/services/email/mta/setup.html#service-email-ports`);
    await site.page.waitForURL(/\/services\/email\/mta\/setup#service-email-ports$/);
    await expect.poll(() => site.page.getByRole('heading', {level: 2, name: 'Ports'}).isVisible(), {timeout: 15_000}).toBe(true);
  });

  it.each(['light', 'dark'] as const)('renders in %s mode (screenshot kept in test-results/screenshots)', async (scheme) => {
    mkdirSync(screenshotDir, {recursive: true});
    await site.page.emulateMedia({colorScheme: scheme});
    await site.page.goto(`${siteUrl()}/services/email/mta/setup`);
    expect(await site.page.locator('html').getAttribute('data-theme')).toBe(scheme);
    const file = path.join(screenshotDir, `setup-${scheme}.png`);
    await site.page.screenshot({path: file, fullPage: true});
    expect(readFileSync(file).length).toBeGreaterThan(10_000);
  });
});
