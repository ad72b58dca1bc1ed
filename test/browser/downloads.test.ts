import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, inject, it} from 'vitest';
import {useSitePage} from '../helpers/site-page.ts';
import {siteDir} from '../helpers/site.ts';

const site = useSitePage('/services/email/mta/setup');

/** Clicks a control that downloads, and returns the file's name and text. */
async function download(click: () => Promise<void>): Promise<{name: string; text: string}> {
  const [file] = await Promise.all([site.page.waitForEvent('download'), click()]);
  const saved = await file.path();
  return {name: file.suggestedFilename(), text: readFileSync(saved, 'utf8')};
}

async function copyAndDownload(blockText: string): Promise<{copied: string; downloaded: {name: string; text: string}}> {
  const block = site.page.locator('.theme-code-block').filter({hasText: blockText}).first();
  await block.hover();
  await block.getByRole('button', {name: /copy/i}).click();
  const copied = await site.page.evaluate(() => navigator.clipboard.readText());
  await block.hover();
  const downloaded = await download(() => block.getByRole('button', {name: /^Download /}).click());
  return {copied, downloaded};
}

describe('downloads on the setup page, in Chromium', () => {
  it('downloads the compose block under its file name, with the same bytes as Copy', async () => {
    const {copied, downloaded} = await copyAndDownload('image: mailserver/docker-mailserver:9.0.1');
    expect(downloaded.name).toBe('docker-compose.mail.yml');
    expect(downloaded.text).toBe(copied);
    expect(downloaded.text).toMatch(/^mail:\n {2}image: mailserver\/docker-mailserver:9\.0\.1\n[\s\S]*\n$/);
  });

  it('downloads a filter exactly as the repository has it, with the same bytes as Copy', async () => {
    const {copied, downloaded} = await copyAndDownload('0644 root root /data/filter.d/mail-postfix-sasl.conf');
    expect(downloaded.name).toBe('mail-postfix-sasl.conf');
    expect(downloaded.text).toBe(copied);
    expect(downloaded.text).toBe(readFileSync(path.join(siteDir, 'docs/services/email/mta/source/mail-postfix-sasl.conf'), 'utf8'));
  });

  it('shows what a snippet passed in its badge', async () => {
    const badge = site.page
      .locator('details')
      .filter({has: site.page.locator('summary', {hasText: 'fail2ban-regex 1.0.2 · 14 sample lines'})})
      .first();
    await badge.locator('summary').click();
    expect(await badge.innerText()).toContain('mail-dovecot.conf passed, as published (placeholders unfilled):');
  });

  it('downloads the bundle from the page box, as the build published it', async () => {
    const box = site.page.getByRole('region', {name: "Download this guide's configuration"});
    const [file] = await Promise.all([site.page.waitForEvent('download'), box.getByRole('link', {name: 'mailguide-services-email-mta-setup.tar.gz'}).click()]);
    expect(file.suggestedFilename()).toBe('mailguide-services-email-mta-setup.tar.gz');
    const bytes = readFileSync(await file.path());
    expect(bytes.equals(readFileSync(path.join(inject('buildDir'), 'downloads/services/email/mta/setup/mailguide-services-email-mta-setup.tar.gz')))).toBe(true);
    expect(await box.innerText()).toMatch(/sha256 [0-9a-f]{64}/);
  });
});
