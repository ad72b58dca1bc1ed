import {Request} from 'playwright-core';
import {describe, expect, inject, it} from 'vitest';
import {useSitePage} from '../helpers/site-page.ts';

const site = useSitePage('/services/email/mta/setup');

// Dovecot 2.3.19's own lines, as the mail lab recorded them (test/lab/recorded/mail.log), with other names and addresses.
const lines = [
  'Feb 20 10:15:03 mail dovecot: auth: passwd-file(alice@example.org,203.0.113.7,<GKq0vHNhSpfLAHFC>): Password mismatch',
  'Feb 20 10:15:09 mail dovecot: auth: passwd-file(bob@example.org,203.0.113.7,<uOzVvHNhTpfLAHFC>): unknown user',
  'Feb 20 10:16:01 mail dovecot: imap-login: Login: user=<alice@example.org>, method=PLAIN, rip=203.0.113.50, lip=172.18.0.2, mpid=211, TLS, session=<IUEtvXNhcqjLAHEK>',
];

describe('"Try it" under the dovecot filter, in Chromium', () => {
  it('matches pasted lines as fail2ban would, with the jail verdict, sending nothing', async () => {
    const box = site.page.locator('details').filter({has: site.page.locator('summary', {hasText: 'Try mail-dovecot.conf on your own log lines'})});
    await box.locator('summary').click();
    const run = box.getByRole('button', {name: 'Run the filter'});
    // The matcher loads when the box opens; on a loaded 2-core machine that can take a while.
    await expect.poll(() => run.isEnabled(), {timeout: 30_000}).toBe(true);

    const requests: Request[] = [];
    site.page.on('request', (request) => requests.push(request));
    await box.getByLabel(/Log lines/).fill(lines.join('\n'));
    await run.click();

    const results = box.locator('ol li');
    expect(await results.count()).toBe(3);
    expect(await results.nth(0).locator('span').innerText()).toBe('failregex line 12 → 203.0.113.7');
    expect(await results.nth(1).locator('span').innerText()).toBe('failregex line 12 → 203.0.113.7');
    expect(await results.nth(2).locator('span').innerText()).toBe('no match');
    expect(await box.innerText()).toContain('3 lines, 2 failures, 1 distinct addresses.');
    expect(await box.innerText()).toContain('Jail [mail-dovecot] (maxretry 3, findtime 3600 s): bans nobody.');
    expect(requests.map((request) => request.url())).toEqual([]);
  });

  it("bans once the jail's maxretry is reached", async () => {
    const box = site.page.locator('details').filter({has: site.page.locator('summary', {hasText: 'Try mail-dovecot.conf on your own log lines'})});
    await box.getByLabel(/Log lines/).fill([lines[0], lines[1], lines[0].replace('10:15:03', '10:20:00')].join('\n'));
    await box.getByRole('button', {name: 'Run the filter'}).click();
    expect(await box.innerText()).toContain('Jail [mail-dovecot] (maxretry 3, findtime 3600 s): bans 203.0.113.7 (3 failures).');
  });

  it('runs the filter over its own sample lines', async () => {
    const box = site.page.locator('details').filter({has: site.page.locator('summary', {hasText: 'Try mail-dovecot.conf on your own log lines'})});
    await box.getByRole('button', {name: /Use its \d+ sample lines/}).click();
    expect(await box.innerText()).toMatch(/14 lines, 6 failures, 4 distinct addresses\./);
  });

  it('offers every filter of the guide on the fail2ban page', async () => {
    await site.page.goto(`${inject('siteUrl')}/services/fail2ban/system`);
    const summaries = await site.page.locator('details > summary', {hasText: 'on your own log lines'}).allInnerTexts();
    expect(summaries).toEqual(['mail-dovecot.conf', 'mail-postfix.conf', 'mail-postfix-rbl.conf', 'mail-postfix-sasl.conf'].map((name) => `Try ${name} on your own log lines`));
  });

  it('loads the matcher for a box opened before the page scripts ran', async () => {
    // The page paints before its scripts load: a reader can open "Try it" first. Hold the scripts back, open it, then let them run.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await site.page.route('**/*.js', async (route) => {
      await held;
      await route.continue();
    });
    await site.page.goto(`${inject('siteUrl')}/services/email/mta/setup`, {waitUntil: 'domcontentloaded'});
    const box = site.page.locator('details').filter({has: site.page.locator('summary', {hasText: 'Try mail-dovecot.conf on your own log lines'})});
    await box.locator('summary').click();
    expect(await box.getAttribute('open')).not.toBeNull();
    release();
    await expect.poll(() => box.getByRole('button', {name: 'Run the filter'}).isEnabled(), {timeout: 30_000}).toBe(true);
    // Every held request is let through before the route goes.
    await site.page.unrouteAll({behavior: 'wait'});
  });
});
