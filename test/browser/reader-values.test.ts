import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {BrowserContext, Page, Request} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {launchBrowser} from '../helpers/browser.ts';
import {siteDir} from '../helpers/site.ts';

let context: BrowserContext;
let close: () => Promise<void>;
let page: Page;
const requests: Request[] = [];
const siteUrl = () => inject('siteUrl');
const domain = 'mail-test.example.net';
const user = 'zoe';

beforeAll(async () => {
  ({context, close} = await launchBrowser());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: siteUrl()});
  context.on('request', (request) => requests.push(request));
  page = await context.newPage();
});

afterAll(async () => {
  await close?.();
});

describe("the reader's values, in Chromium", () => {
  it('keeps the values entered in the panel across a reload', async () => {
    await page.goto(`${siteUrl()}/your-values`);
    await page.getByLabel('Mail domain').fill(domain);
    await page.getByLabel('First user').fill(user);
    // The build's compose rules, run here on the guide's compose files filled with these values.
    await expect
      .poll(() => page.getByTestId('compose-check').innerText(), {timeout: 10_000})
      .toBe(
        // Each edition's setup and fail2ban pages.
        'Checked in this page: the 4 compose files of the guide stay valid with your values.',
      );
    await page.reload();
    await expect.poll(() => page.getByLabel('Mail domain').inputValue()).toBe(domain);
    expect(await page.getByLabel('First user').inputValue()).toBe(user);
  });

  it('shows an invalid domain as an error and changes nothing', async () => {
    const field = page.getByLabel('Mail domain');
    await field.fill('not a domain');
    expect(await page.getByRole('alert').innerText()).toMatch(/Not applied\.$/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('mailguide:values') ?? '{}').DOMAIN)).toBe(domain);
    await field.fill(domain);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it.each(['bad domain!', 'example', 'mail..example.org'])('refuses %s as npm run bundle --set does, with the same message', async (value) => {
    const field = page.getByLabel('Mail domain');
    await field.fill(value);
    const shown = await page.getByRole('alert').innerText();
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'refused-')), 'bundle.tar.gz');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'plugins/cli/bundle.ts', 'docs/services/email/mta/setup.md', '--set', `DOMAIN=${value}`, '--out', out], {
      cwd: siteDir,
      encoding: 'utf8',
    });
    expect(cli.status).toBe(2);
    const [line, ...rest] = cli.stderr.trim().split('\n');
    expect(rest).toEqual([]);
    expect(line.startsWith(`--set DOMAIN=${value}: `)).toBe(true);
    expect(shown).toContain(line.slice(`--set DOMAIN=${value}: `.length));
    expect(existsSync(out)).toBe(false);
    await field.fill(domain);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('fills the snippets and the prose, and copies the filled compose block', async () => {
    await page.goto(`${siteUrl()}/services/email/mta/setup`);
    const block = page.locator('.theme-code-block').filter({hasText: 'image: mailserver/docker-mailserver:9.0.1'}).first();
    await expect.poll(() => block.innerText()).toContain(`domainname: "${domain}"`);
    expect(await page.locator('article mark.reader-value', {hasText: domain}).count()).toBeGreaterThan(0);
    await block.hover();
    await block.getByRole('button', {name: /copy/i}).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`domainname: "${domain}"\n`);
    expect(copied).toContain(`POSTMASTER_ADDRESS=postmaster@${domain}\n`);
    expect(copied).not.toContain('{DOMAIN}');
  });

  it('builds the bundle in the page, byte for byte what npm run bundle --set gives', async () => {
    const box = page.getByRole('region', {name: "Download this guide's configuration"});
    const [download] = await Promise.all([page.waitForEvent('download'), box.getByRole('button', {name: '.tar.gz'}).click()]);
    expect(download.suggestedFilename()).toBe('mailguide-services-email-mta-setup.tar.gz');
    const fromPage = readFileSync(await download.path());
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'cli-values-')), 'bundle.tar.gz');
    execFileSync('npx', ['tsx', 'plugins/cli/bundle.ts', 'docs/services/email/mta/setup.md', '--out', out, '--set', `DOMAIN=${domain}`, '--set', `USER=${user}`], {
      cwd: siteDir,
    });
    expect(fromPage.equals(readFileSync(out))).toBe(true);
    const listing = execFileSync('tar', ['-xzOf', out, 'mailguide-services-email-mta-setup/docker-compose.yml'], {encoding: 'utf8'});
    expect(listing).toContain(`domainname: "${domain}"`);
  });

  it('never sends what the reader typed', () => {
    expect(requests.length).toBeGreaterThan(10);
    const leaks = requests.filter((request) =>
      [request.url(), request.postData() ?? '', JSON.stringify(request.headers())].some((part) => part.includes(domain) || part.includes('mail-test')),
    );
    expect(leaks.map((request) => request.url())).toEqual([]);
  });

  it('leaves the guide readable with its placeholders when JavaScript is off', async () => {
    const noScript = await launchBrowser({javaScriptEnabled: false});
    try {
      const plain = await noScript.context.newPage();
      await plain.goto(`${siteUrl()}/services/email/mta/setup`);
      const block = plain.locator('pre').filter({hasText: 'image: mailserver/docker-mailserver:9.0.1'}).first();
      expect(await block.innerText()).toContain('domainname: "{DOMAIN}"');
      expect(await plain.locator('article').innerText()).toContain('mail.{DOMAIN}');
      expect(await plain.locator('table').first().locator('tbody tr').count()).toBe(7);
    } finally {
      await noScript.close();
    }
  });

  it('shows the placeholders again after a reset', async () => {
    await page.goto(`${siteUrl()}/your-values`);
    await page.getByRole('button', {name: "Reset to the guide's placeholders"}).click();
    await page.goto(`${siteUrl()}/services/email/mta/setup`);
    const block = page.locator('.theme-code-block').filter({hasText: 'image: mailserver/docker-mailserver:9.0.1'}).first();
    expect(await block.innerText()).toContain('domainname: "{DOMAIN}"');
  });
});
