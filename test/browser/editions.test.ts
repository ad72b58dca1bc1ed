import {describe, expect, inject, it} from 'vitest';
import {parse} from 'yaml';
import {useSitePage} from '../helpers/site-page.ts';

// The two editions as a reader meets them: the 2021 guide at its old URLs
// under a banner, the current edition under /v16, a version dropdown between
// them, and the migration page between the two setups.
const site = useSitePage('/services/email/mta/setup');
const siteUrl = () => inject('siteUrl');

describe('the two editions in Chromium', () => {
  it('keeps the 2021 pages at their old URLs, the Sphinx .html ones included', async () => {
    for (const route of ['/services/email/mta/setup.html', '/services/fail2ban/system.html', '/services/email/mta/configuration.html']) {
      await site.page.goto(`${siteUrl()}${route}`);
      await site.page.waitForURL((url) => !url.pathname.endsWith('.html'));
      expect(new URL(site.page.url()).pathname, route).toBe(route.replace(/\.html$/, ''));
      expect(await site.page.getByRole('heading', {level: 1}).innerText()).not.toBe('');
    }
  });

  it('says on every 2021 page that its image is unmaintained, and links the same page of the current edition', async () => {
    await site.page.goto(`${siteUrl()}/services/email/mta/setup`);
    const banner = site.page.getByRole('note', {name: 'About this edition'});
    expect(await banner.innerText()).toContain('mailserver/docker-mailserver:9.0.1');
    await banner.getByRole('link', {name: 'same page in the current edition'}).click();
    await site.page.waitForURL(/\/v16\/services\/email\/mta\/setup$/);
    // The URL changes before React has rendered the new page: wait for it.
    await expect.poll(() => site.page.getByRole('note', {name: 'About this edition'}).count()).toBe(0);
    expect(await site.page.locator('code', {hasText: 'ghcr.io/docker-mailserver/docker-mailserver:16.0.1'}).count()).toBeGreaterThan(0);
  });

  it('switches editions with the version dropdown, staying on the same page', async () => {
    await site.page.goto(`${siteUrl()}/v16/services/fail2ban/system`);
    const dropdown = site.page.locator('.navbar .dropdown', {hasText: 'Current edition'}).first();
    await dropdown.hover();
    await dropdown.getByRole('link', {name: '2021 edition (v9.0.1)'}).click();
    await site.page.waitForURL(/\/services\/fail2ban\/system$/);
    expect(new URL(site.page.url()).pathname).toBe('/services/fail2ban/system');
    expect(await site.page.locator('code', {hasText: 'crazymax/fail2ban:1.0.2'}).count()).toBeGreaterThan(0);
  });

  it("downloads each edition's bundle from its own path", async () => {
    await site.page.goto(`${siteUrl()}/v16/services/email/mta/setup`);
    const archives = await site.page.locator('a[href$=".tar.gz"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(archives).toContain('/downloads/v16/services/email/mta/setup/mailguide-v16-services-email-mta-setup.tar.gz');
    const response = await site.page.request.get(`${siteUrl()}${archives[0]}`);
    expect(response.status()).toBe(200);
  });

  it('shows the migration with every variable of the 2021 compose file the site serves', async () => {
    const served = await (await site.page.request.get(`${siteUrl()}/downloads/services/email/mta/setup/docker-compose.yml`)).text();
    const environment = (parse(served) as {services: Record<string, {environment?: string[]}>}).services.mail.environment ?? [];
    const names = environment.map((entry) => entry.split('=')[0]);
    expect(names.length).toBeGreaterThan(40);
    await site.page.goto(`${siteUrl()}/v16/migration`);
    const variables = await site.page.locator('table').first().locator('tbody tr td:first-child').allInnerTexts();
    expect(variables).toEqual(names);
    expect(await site.page.getByRole('heading', {level: 2, name: 'Steps'}).isVisible()).toBe(true);
  });

  it('searches the edition being read', async () => {
    const search = async (route: string, term: string) => {
      const indexes: string[] = [];
      const onRequest = (request: {url(): string}) => {
        if (request.url().includes('search-index')) indexes.push(new URL(request.url()).pathname);
      };
      site.page.on('request', onRequest);
      await site.page.goto(`${siteUrl()}${route}`, {waitUntil: 'networkidle'});
      const input = site.page.locator('input.navbar__search-input').first();
      await input.click();
      await input.fill(term);
      const suggestions = site.page.locator('[role="listbox"]').first();
      await suggestions.waitFor({state: 'visible', timeout: 10_000});
      await expect.poll(() => suggestions.innerText(), {timeout: 10_000}).toContain('Setup');
      site.page.off('request', onRequest);
      return {indexes, text: await suggestions.innerText()};
    };
    // Each edition loads its own index, and finds its own setup page.
    const current = await search('/v16/services/email/mta/setup', 'dovecot');
    expect(current.indexes).toEqual(['/v16/search-index.json']);
    expect(current.text).toContain('postfix 3.10');
    const old = await search('/services/email/mta/setup', 'dovecot');
    expect(old.indexes).toEqual(['/search-index.json']);
    expect(old.text).not.toContain('postfix 3.10');
  });
});
