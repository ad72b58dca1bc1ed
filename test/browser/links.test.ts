import {LinkChecker} from 'linkinator';
import {describe, expect, inject, it} from 'vitest';

// Every link of the served site, followed from the home page: pages, anchors
// (#port-587-tcp, #term-MTA), assets and the /downloads/ files. External
// links are not followed: this machine has no internet.
describe('link check of the built site (linkinator)', () => {
  it('finds no broken link, anchor or download', async () => {
    const siteUrl = inject('siteUrl');
    const result = await new LinkChecker().check({
      path: `${siteUrl}/`,
      recurse: true,
      checkFragments: true,
      linksToSkip: async (link) => !link.startsWith(siteUrl),
    });
    const checked = result.links.filter((link) => link.state !== 'SKIPPED');
    const broken = checked.filter((link) => link.state === 'BROKEN').map((link) => `${link.url} (from ${link.parent}, ${link.status})`);
    expect(broken).toEqual([]);
    expect(checked.some((link) => link.url.includes('/downloads/'))).toBe(true);
    // Each page, asset and download once (linkinator checks the #fragments of a page against its ids).
    // Both editions: the 2021 one under /downloads/, the current one under /downloads/v16/.
    expect(checked.filter((link) => link.url.includes('/downloads/')).length).toBe(30);
    expect(checked.length).toBeGreaterThanOrEqual(30);
  });
});
