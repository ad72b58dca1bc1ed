import {readFileSync} from 'node:fs';
import path from 'node:path';
import {load} from 'cheerio';
import {describe, expect, it} from 'vitest';
import {buildSite, copySite} from '../helpers/site.ts';

// `npm run build` where Debian's fail2ban is not installed (macOS, a non-root
// CI runner, a static-site host): the project's matcher checks the filters'
// samples instead, and the build says so once and in the badges.
describe('a build without fail2ban-regex', () => {
  it('builds, says once that the matcher stands in, and names it in the badges', async () => {
    const dir = copySite();
    process.env.FAIL2BAN_REGEX = '/nonexistent/fail2ban-regex';
    const result = await buildSite(dir);
    delete process.env.FAIL2BAN_REGEX;
    expect(result.ok, result.output).toBe(true);
    expect(result.output.match(/\/nonexistent\/fail2ban-regex not found/g)).toHaveLength(1);
    const $ = load(readFileSync(path.join(dir, 'build/services/email/mta/setup/index.html'), 'utf8'));
    const badges = $('summary')
      .map((_, summary) => $(summary).text())
      .get()
      .filter((text) => text.includes('sample lines'));
    expect(badges.length).toBeGreaterThanOrEqual(4);
    for (const badge of badges)
      expect(badge).toMatch(/validated · the project's fail2ban matcher \(fail2ban 1\.0\.2's rules; CI checks it against fail2ban-regex 1\.0\.2\) · \d+ sample lines/);
  });
});
