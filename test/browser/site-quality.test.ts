import {readFileSync} from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import {Locator} from 'playwright-core';
import {describe, expect, inject, it} from 'vitest';
import {useSitePage} from '../helpers/site-page.ts';

const site = useSitePage('/');
const siteUrl = () => inject('siteUrl');

const routes = [
  '/',
  '/services/email',
  '/services/email/mta',
  '/services/email/mta/setup',
  '/services/email/mta/configuration',
  '/services/fail2ban/system',
  '/glossary',
  '/bundles',
  '/your-values',
];

describe('accessibility of every page (axe-core)', () => {
  describe.each(['light', 'dark'] as const)('%s mode', (scheme) => {
    it.each(routes)('%s has no violations', async (route) => {
      await site.page.emulateMedia({colorScheme: scheme});
      await site.page.goto(`${siteUrl()}${route}`);
      await site.page.waitForLoadState('networkidle');
      expect(await site.page.locator('html').getAttribute('data-theme')).toBe(scheme);
      const results = await new AxeBuilder({page: site.page}).analyze();
      expect(results.passes.length).toBeGreaterThan(10);
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  });
});

describe('offline search', () => {
  async function search(term: string): Promise<string> {
    await site.page.goto(`${siteUrl()}/`);
    const input = site.page.getByRole('searchbox').or(site.page.locator('input.navbar__search-input')).first();
    await input.click();
    await input.fill(term);
    const suggestions = site.page.locator('[role="listbox"]').first();
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
  const setup = '/services/email/mta/setup';
  const composeBlock = () => site.page.locator('.theme-code-block').filter({hasText: 'image: mailserver/docker-mailserver:9.0.1'}).first();
  const visibleFocus = {ring: true, opacity: 1, coveredBy: null};

  /** Opens a route of the served site, once React has taken over the page. */
  async function open(route: string): Promise<void> {
    await site.page.goto(`${siteUrl()}${route}`, {waitUntil: 'networkidle'});
  }

  function isFocused(target: Locator): Promise<boolean> {
    return target.evaluate((element) => element === document.activeElement);
  }

  /** Presses Tab until `target` has the focus; false if it never gets it. */
  async function tabTo(target: Locator, maxPresses = 200): Promise<boolean> {
    await target.waitFor({state: 'attached'});
    for (let press = 0; press < maxPresses; press += 1) {
      await site.page.keyboard.press('Tab');
      if (await isFocused(target)) return true;
    }
    return false;
  }

  /** Whether the focused element shows a focus ring, is opaque, and is not hidden under something (the sticky navbar). */
  function focusState(): Promise<{ring: boolean; opacity: number; coveredBy: string | null}> {
    return site.page.evaluate(() => {
      const element = document.activeElement!;
      const style = getComputedStyle(element);
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      let opacity = 1;
      for (let node: Element | null = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return {ring, opacity, coveredBy: hit && element.contains(hit) ? null : (hit?.outerHTML.slice(0, 100) ?? 'outside the viewport')};
    });
  }

  /** A file of the setup page's downloads, as the site serves it. */
  async function served(name: string): Promise<Buffer> {
    const response = await fetch(`${siteUrl()}/downloads/services/email/mta/setup/${name}`);
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  it('reaches the ports table collapsible with Tab, toggles it with Enter, and shows focus', async () => {
    await open(setup);
    expect(await tabTo(site.page.locator('summary').filter({hasText: /^Email Ports$/}))).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    const table = site.page.locator('table').filter({has: site.page.locator('caption', {hasText: 'Email Ports'})});
    await site.page.keyboard.press('Enter');
    await expect.poll(() => table.isVisible()).toBe(false);
    await site.page.keyboard.press('Enter');
    await expect.poll(() => table.isVisible()).toBe(true);
  });

  it("reaches a code block's Copy button with Tab, shows it and its focus, and copies the file with Enter", async () => {
    await open(setup);
    expect(await tabTo(composeBlock().getByRole('button', {name: 'Copy code to clipboard'}))).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    await site.page.evaluate(() => navigator.clipboard.writeText(''));
    await site.page.keyboard.press('Enter');
    const file = (await served('docker-compose.mail.yml')).toString('utf8');
    expect(file).toMatch(/^mail:\n {2}image: mailserver\/docker-mailserver:9\.0\.1\n/);
    await expect.poll(() => site.page.evaluate(() => navigator.clipboard.readText())).toBe(file);
  });

  it("reaches a code block's Download button with Tab and downloads the published file with Enter", async () => {
    await open(setup);
    expect(await tabTo(composeBlock().getByRole('button', {name: 'Download docker-compose.mail.yml'}))).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    const [download] = await Promise.all([site.page.waitForEvent('download'), site.page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('docker-compose.mail.yml');
    expect(readFileSync(await download.path(), 'utf8')).toBe((await served('docker-compose.mail.yml')).toString('utf8'));
  });

  it('reaches the page bundle in the download box with Tab and downloads it with Enter', async () => {
    await open(setup);
    const box = site.page.getByRole('region', {name: "Download this guide's configuration"});
    expect(await tabTo(box.getByRole('link', {name: 'mailguide-services-email-mta-setup.zip'}))).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    const [download] = await Promise.all([site.page.waitForEvent('download'), site.page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('mailguide-services-email-mta-setup.zip');
    const bytes = readFileSync(await download.path());
    const published = await served('mailguide-services-email-mta-setup.zip');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(bytes.length).toBe(published.length);
    expect(bytes.equals(published)).toBe(true);
  });

  it('runs "Try it" with the keyboard alone: opens it, takes typed log lines, gives the verdicts', async () => {
    await open(setup);
    const box = site.page.locator('details').filter({has: site.page.locator('summary', {hasText: 'Try mail-dovecot.conf on your own log lines'})});
    expect(await tabTo(box.locator('summary'))).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    await site.page.keyboard.press('Enter');
    const run = box.getByRole('button', {name: 'Run the filter'});
    // A disabled button is not in the Tab order: wait until the matcher has loaded.
    await expect.poll(() => run.isEnabled(), {timeout: 30_000}).toBe(true);
    await site.page.keyboard.press('Tab');
    expect(await isFocused(box.getByLabel(/Log lines/))).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    await site.page.keyboard.type(
      [
        'Feb 20 10:15:03 mail dovecot: auth: passwd-file(alice@example.org,203.0.113.7,<GKq0vHNhSpfLAHFC>): Password mismatch',
        'Feb 20 10:16:01 mail dovecot: imap-login: Login: user=<alice@example.org>, method=PLAIN, rip=203.0.113.50, lip=172.18.0.2, mpid=211, TLS, session=<IUEtvXNhcqjLAHEK>',
      ].join('\n'),
    );
    await site.page.keyboard.press('Tab');
    expect(await isFocused(run)).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    await site.page.keyboard.press('Enter');
    await expect.poll(() => box.locator('ol li span').allInnerTexts()).toEqual(['failregex line 12 → 203.0.113.7', 'no match']);
    expect(await box.innerText()).toContain('2 lines, 1 failures, 1 distinct addresses.');
  });

  it('reaches search with Tab, picks a suggestion with ArrowDown and opens it with Enter', async () => {
    await open('/');
    expect(await tabTo(site.page.locator('input.navbar__search-input'), 20)).toBe(true);
    await expect.poll(focusState).toEqual(visibleFocus);
    await site.page.keyboard.type('587');
    const selected = site.page.locator('[role="listbox"] [role="option"][aria-selected="true"]');
    await expect.poll(() => selected.count(), {timeout: 10_000}).toBe(1);
    // The first suggestion is selected; go down to one on the Setup page (its page title ends the suggestion).
    for (let press = 0; press < 10 && !/Setup$/.test((await selected.textContent())!.trim()); press += 1) await site.page.keyboard.press('ArrowDown');
    expect((await selected.textContent())!.trim()).toMatch(/Setup$/);
    await site.page.keyboard.press('Enter');
    await expect.poll(() => new URL(site.page.url()).pathname).toBe(setup);
    await expect.poll(() => site.page.locator('h1').innerText()).toBe('Setup');
  });

  it('focuses search with its shortcut, Ctrl+K (⌘K on a Mac)', async () => {
    await open(setup);
    const input = site.page.locator('input.navbar__search-input');
    expect(await isFocused(input)).toBe(false);
    await site.page.keyboard.press('ControlOrMeta+k');
    expect(await isFocused(input)).toBe(true);
  });

  it('fills in a value with the keyboard alone', async () => {
    await site.page.goto(`${siteUrl()}/your-values`);
    // The fields take input once the page's scripts have run (they load after the first paint).
    await expect.poll(() => site.page.getByLabel('Mail domain').isEnabled(), {timeout: 30_000}).toBe(true);
    await site.page.getByLabel('Mail domain').focus();
    await site.page.keyboard.type('keyboard.example.org');
    await expect.poll(() => site.page.evaluate(() => localStorage.getItem('mailguide:values'))).toContain('keyboard.example.org');
    // Past the other fields to the reset button.
    for (let step = 0; step < 10 && !(await site.page.evaluate(() => document.activeElement?.textContent?.includes('Reset'))); step += 1) await site.page.keyboard.press('Tab');
    await site.page.keyboard.press('Enter');
    await expect.poll(() => site.page.evaluate(() => localStorage.getItem('mailguide:values'))).toBeNull();
  });
});
