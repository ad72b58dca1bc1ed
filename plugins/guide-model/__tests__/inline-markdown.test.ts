import path from 'node:path';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {describe, expect, it} from 'vitest';
import {siteEditionFolders} from '../../guide-index/editions.ts';
import {isPlainText, plainTextTree} from '../inline-markdown.ts';
import {readGuideSite} from '../site.ts';

// Table cells that hold no Markdown skip the parser. Here the parser itself
// judges that shortcut: for every cell of both editions and for text chosen
// to look plain but not be, the shortcut is taken only where the parser makes
// exactly the tree the shortcut makes.
const parser = unified().use(remarkParse).use(remarkDirective);
const siteDir = path.resolve(import.meta.dirname, '../../..');
const cells = siteEditionFolders.flatMap(({dir}) =>
  readGuideSite(path.join(siteDir, dir)).pages.flatMap((page) => page.tables.flatMap((table) => table.rows.map((row) => row.purposeText))),
);
const tricky = [
  'Plaintext, off',
  'SMTP (mail between servers)',
  'Port 25 - the one other servers use',
  '1. not a list here?',
  '- a list',
  '# a heading',
  '> a quote',
  'a *star*',
  'snake_case_name',
  'see :term[MTA]',
  'a <b>tag</b>',
  'AT&amp;T',
  'a\\\\b',
  'two  spaces inside',
  'trailing space ',
  ' leading space',
  'https://example.org/path?x=1',
  'a ~~strike~~',
  'pipe | cell',
  '=== under',
  'tab\there',
  'quotes "and" \'these\'',
];

describe('inline Markdown of table cells', () => {
  it.each([...new Set([...cells, ...tricky])].filter(isPlainText))('takes the shortcut for %s, as the parser would read it', (text) => {
    expect(plainTextTree(text)).toEqual(parser.parse(text));
  });

  it('leaves to the parser text where Markdown may see syntax (a colon may open a directive)', () => {
    const plain = tricky.filter(isPlainText);
    expect(plain).toEqual(['Plaintext, off', 'SMTP (mail between servers)', 'Port 25 - the one other servers use', 'two  spaces inside', 'tab\there', 'quotes "and" \'these\'']);
  });

  it('takes the shortcut for most cells of the guide, and not for the rest', () => {
    expect(cells.length).toBeGreaterThan(20);
    const plain = cells.filter(isPlainText);
    expect(plain.length).toBeGreaterThan(cells.length / 2);
    expect(plain.length).toBeLessThan(cells.length);
  });
});
