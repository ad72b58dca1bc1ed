import {beforeAll, describe, expect, inject, it} from 'vitest';
import {useSitePage} from '../helpers/site-page.ts';

/**
 * No page is wider than the window: at a desktop width and a phone width, in
 * light and dark mode, the document never scrolls sideways (hidden tooltips,
 * the skip link, the sidebar backdrop, wide tables and code stay inside), and
 * a glossary tooltip opens inside the viewport.
 */
const site = useSitePage('/');
let routes: string[] = [];
const siteUrl = () => inject('siteUrl');

/** Every page of the site: the build's sitemap, plus the 404 page. */
async function siteRoutes(): Promise<string[]> {
  const sitemap = await (await fetch(`${siteUrl()}/sitemap.xml`)).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname);
  return [...new Set([...paths, '/404.html'])].sort();
}

beforeAll(async () => {
  routes = await siteRoutes();
});

const widths = [
  {name: 'desktop', width: 1280, height: 900},
  {name: 'phone', width: 390, height: 844},
] as const;

/** The elements that reach past the window's right edge (for the failure message). */
function overflowing(): Promise<{scrollWidth: number; clientWidth: number; culprits: string[]}> {
  return site.page.evaluate(() => {
    const root = document.documentElement;
    const culprits: string[] = [];
    // Inside a scrolling or clipping box (code, wide tables), sticking out is that box's business.
    const clipped = (element: Element) => {
      for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right > root.clientWidth + 0.5 && clipped(element)) continue;
      if (box.right > root.clientWidth + 0.5 && box.width > 0) {
        culprits.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} right=${Math.round(box.right)}`);
      }
    }
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits: culprits.slice(0, 8)};
  });
}

describe('no horizontal overflow', () => {
  it('lists the pages of the site', () => {
    expect(routes).toContain('/services/email/mta/setup');
    expect(routes.length).toBeGreaterThanOrEqual(9);
  });

  describe.each(widths)('at $width px ($name)', ({width, height}) => {
    describe.each(['light', 'dark'] as const)('%s mode', (scheme) => {
      it('no page is wider than the window', async () => {
        await site.page.setViewportSize({width, height});
        await site.page.emulateMedia({colorScheme: scheme});
        const wide: string[] = [];
        for (const route of routes) {
          await site.page.goto(`${siteUrl()}${route}`, {waitUntil: 'networkidle'});
          expect(await site.page.locator('html').getAttribute('data-theme')).toBe(scheme);
          const {scrollWidth, clientWidth, culprits} = await overflowing();
          if (scrollWidth > clientWidth) wide.push(`${route}: ${scrollWidth} > ${clientWidth} (${culprits.join(', ')})`);
        }
        expect(wide).toEqual([]);
      });
    });

    it('opens a glossary tooltip inside the viewport, also at the right edge of the text', async () => {
      await site.page.setViewportSize({width, height});
      await site.page.goto(`${siteUrl()}/services/email/mta/setup`, {waitUntil: 'networkidle'});
      const terms = site.page.locator('.glossary-term');
      const count = await terms.count();
      expect(count).toBeGreaterThan(0);
      // The term furthest right on its line, where a tooltip opening rightwards would stick out most.
      const index = await terms.evaluateAll((links) => {
        let best = 0;
        links.forEach((link, at) => {
          if (link.getBoundingClientRect().right > links[best].getBoundingClientRect().right) best = at;
        });
        return best;
      });
      for (const at of new Set([0, index])) {
        const term = terms.nth(at);
        await term.focus();
        const tooltip = site.page.locator(`[id="${await term.getAttribute('aria-describedby')}"]`);
        await expect.poll(() => tooltip.evaluate((element) => getComputedStyle(element).display)).not.toBe('none');
        const box = (await tooltip.boundingBox())!;
        const viewport = site.page.viewportSize()!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(await site.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        await term.blur();
      }
    });
  });
});
