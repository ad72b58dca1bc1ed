import AxeBuilder from '@axe-core/playwright';
import {Locator, Request} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {useSitePage} from '../helpers/site-page.ts';

// The whole-page "Try it" (::try-jails) of the mail setup page: a mixed log
// pasted in, every jail of the page run over it in a Web Worker, the bans
// per jail and per address as fail2ban would set them.
const site = useSitePage('/services/email/mta/setup');

const log = [
  // An attacker guessing passwords over IMAP: 3 failures, mail-dovecot's maxretry.
  'Feb 20 10:15:01 mail dovecot: auth: passwd-file(alice@example.org,203.0.113.7,<GKq0vHNhSpfLAHFA>): Password mismatch',
  'Feb 20 10:15:05 mail dovecot: auth: passwd-file(bob@example.org,203.0.113.7,<GKq0vHNhSpfLAHFB>): unknown user',
  'Feb 20 10:15:09 mail dovecot: auth: passwd-file(carol@example.org,203.0.113.7,<GKq0vHNhSpfLAHFC>): Password mismatch',
  // A legitimate client: one mistyped password, then a successful login.
  'Feb 20 10:16:00 mail dovecot: auth: passwd-file(alice@example.org,198.51.100.23,<GKq0vHNhSpfLAHFD>): Password mismatch',
  'Feb 20 10:16:10 mail dovecot: imap-login: Login: user=<alice@example.org>, method=PLAIN, rip=198.51.100.23, lip=172.18.0.2, mpid=211, TLS, session=<6HIwvXNhjunLAHFC>',
  // A client postfix cut off for too many errors: the stock postfix[mode=errors] jail bans at once.
  'Feb 20 10:17:01 mail postfix/smtpd[29306]: too many errors after RCPT from unknown[192.0.2.11]',
  // Failed SMTP logins: mail-postfix-sasl.
  'Feb 20 10:18:01 mail postfix/submission/smtpd[1501]: warning: unknown[203.0.113.60]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
  'Feb 20 10:18:02 mail postfix/submission/smtpd[1502]: warning: unknown[203.0.113.60]: SASL PLAIN authentication failed:',
  'Feb 20 10:18:03 mail postfix/submission/smtpd[1503]: warning: unknown[203.0.113.60]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
  // The server itself (ignoreip = {TRUSTED_NETWORKS}, example 127.0.0.1/8 ::1): never banned.
  'Feb 20 10:19:01 mail dovecot: auth: passwd-file(alice@example.org,127.0.0.1,<GKq0vHNhSpfLAHFE>): Password mismatch',
  'Feb 20 10:19:02 mail dovecot: auth: passwd-file(alice@example.org,127.0.0.1,<GKq0vHNhSpfLAHFF>): Password mismatch',
  'Feb 20 10:19:03 mail dovecot: auth: passwd-file(alice@example.org,127.0.0.1,<GKq0vHNhSpfLAHFG>): Password mismatch',
];

const box = (): Locator => site.page.locator('details[data-try-jails]');
const cells = async (row: Locator) => (await row.locator('th, td').allInnerTexts()).map((text) => text.trim());

describe('"Try it" for every jail of the setup page, in Chromium', () => {
  it('lists every enabled jail with its filter and settings before anything is run', async () => {
    await box().locator('summary').first().click();
    const rows = box().locator('table[aria-label="Jails"] tbody tr');
    const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-jail')));
    expect(names).toEqual(expect.arrayContaining(['mail-dovecot', 'postfix', 'mail-postfix', 'mail-postfix-rbl', 'mail-postfix-sasl', 'sshd']));
    expect(await cells(box().locator('tr[data-jail="postfix"]'))).toEqual(['[postfix]', 'postfix[mode=errors] (fail2ban)', '1', '1h', '1h', '127.0.0.1/8 ::1']);
    expect(await cells(box().locator('tr[data-jail="mail-dovecot"]'))).toEqual(['[mail-dovecot]', 'mail-dovecot (this guide)', '3', '1h', '1h', '127.0.0.1/8 ::1']);
    expect(await cells(box().locator('tr[data-jail="sshd"]'))).toEqual(['[sshd]', 'sshd[mode=aggressive] (fail2ban)', '5', '1d', 'for ever', '–']);
  });

  it('bans the attackers, each by the right jail, and neither the legitimate client nor the trusted network, sending nothing', async () => {
    const requests: Request[] = [];
    site.page.on('request', (request) => requests.push(request));
    await box()
      .getByLabel(/Log lines/)
      .fill(log.join('\n'));
    await box().getByRole('button', {name: 'Run every jail'}).click();
    const result = box().locator('[data-try-jails-result]');
    await result.waitFor({timeout: 30_000});

    const bans = await result.locator('table[aria-label="Bans"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ban')));
    expect(bans).toEqual(['mail-dovecot 203.0.113.7', 'postfix 192.0.2.11', 'mail-postfix-sasl 203.0.113.60']);
    const dovecotBan = await cells(result.locator('tr[data-ban="mail-dovecot 203.0.113.7"]'));
    expect(dovecotBan[0]).toBe('203.0.113.7');
    expect(dovecotBan[2]).toMatch(/^\d{4}-02-20 10:15:09$/);
    expect(dovecotBan[3]).toMatch(/^1h, until \d{4}-02-20 11:15:09$/);
    expect(dovecotBan.slice(4)).toEqual(['3', '3']);

    const unbanned = await result
      .locator('table[aria-label="Failures without a ban"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-unbanned'), tr.lastElementChild?.textContent]));
    expect(unbanned.filter(([key]) => !key?.startsWith('recidive '))).toEqual([
      ['mail-dovecot 198.51.100.23', 'fewer than 3 within 1h'],
      ['mail-dovecot 127.0.0.1', 'ignoreip 127.0.0.1/8'],
    ]);
    // The recidive jail reads the bans the other jails log: one each, not yet a repeat offender.
    if (await box().locator('tr[data-jail="recidive"]').count()) {
      expect(unbanned.filter(([key]) => key?.startsWith('recidive '))).toEqual(
        ['203.0.113.7', '192.0.2.11', '203.0.113.60'].map((address) => [`recidive ${address}`, 'fewer than 5 within 1d']),
      );
    }
    // Per jail: failures (ignoreip's among them), addresses, bans.
    expect((await cells(box().locator('tr[data-jail="mail-dovecot"]'))).slice(6)).toEqual(['7 (3 ignoreip)', '3', '1']);
    expect((await cells(box().locator('tr[data-jail="mail-postfix-sasl"]'))).slice(6)).toEqual(['3', '1', '1']);
    expect((await cells(box().locator('tr[data-jail="mail-postfix-rbl"]'))).slice(6)).toEqual(['0', '0', '0']);
    // The successful login is no failure for any jail.
    expect(await result.locator('ol li').nth(4).getAttribute('data-hits')).toBe('0');
    // Only the stock filter files, published with the site, were fetched; the log stayed in the page.
    for (const request of requests) expect(new URL(request.url()).pathname).toMatch(/^\/(downloads\/validators\/fail2ban\/filter\.d\/[\w.-]+\.conf|assets\/js\/[\w.-]+\.js)$/);
    for (const request of requests) expect(request.postData() ?? '').toBe('');
  });

  it('has no accessibility violation with its results shown, in light and dark mode', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await site.page.emulateMedia({colorScheme: scheme});
      await expect.poll(() => site.page.locator('html').getAttribute('data-theme')).toBe(scheme);
      // The theme's colour transitions, finished: axe measures the colours as they end up.
      await site.page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
      const results = await new AxeBuilder({page: site.page}).include('details[data-try-jails]').analyze();
      expect(results.violations.map((violation) => `${scheme} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)).toEqual([]);
    }
  });

  it('runs from the keyboard alone: Tab to the button, Enter', async () => {
    await box()
      .getByLabel(/Log lines/)
      .fill(log.slice(0, 3).join('\n'));
    await box()
      .getByLabel(/Log lines/)
      .focus();
    await site.page.keyboard.press('Tab');
    expect(
      await box()
        .getByRole('button', {name: 'Run every jail'})
        .evaluate((button) => button === document.activeElement),
    ).toBe(true);
    await site.page.keyboard.press('Enter');
    await expect
      .poll(() =>
        box()
          .locator('table[aria-label="Bans"] tbody tr')
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ban'))),
      )
      .toEqual(['mail-dovecot 203.0.113.7']);
  });

  it('reports a refused jail with its reason instead of answering differently', async () => {
    const sshd = await cells(box().locator('tr[data-jail="sshd"]'));
    if (sshd.length > 6 && sshd[6].startsWith('refused')) expect(sshd[6]).toMatch(/refused: .*sshd/);
    else expect(sshd.slice(6)).toEqual(['0', '0', '0']);
  });
});
