import {readFileSync} from 'node:fs';
import path from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type {Root} from 'mdast';
import {unified} from 'unified';
import {visit} from 'unist-util-visit';
import {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import type {PortState} from '../../../guide-model/port-states.ts';
import {GuideEditions} from '../../../guide-index/editions.ts';
import {GuideIndex} from '../../../guide-index/index.ts';
import remarkGuideTables from '../index.ts';

const fixtures = path.join(import.meta.dirname, '__fixtures__');
const states: PortState[] = [
  {state: 'PUBLIC', tone: 'warning', published: 'required', definition: 'Open to everyone.'},
  {state: 'PRIVATE', tone: 'info', published: 'forbidden', definition: 'Containers only.'},
  {state: 'OPTIONAL', tone: 'info', published: 'any', definition: 'Only if you use it.'},
  {state: 'DISABLE', tone: 'danger', published: 'forbidden', definition: 'Never open.'},
];

/** Markdown in, HTML out, as Docusaurus renders a .md page (raw HTML parsed by rehype-raw). */
async function render(name: string): Promise<string> {
  const file = new VFile({path: path.join(fixtures, name), value: readFileSync(path.join(fixtures, name), 'utf8')});
  const html = await unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(remarkGuideTables, {statesRoute: '/glossary', editions: new GuideEditions([new GuideIndex(fixtures, {states})])})
    // Admonitions are Docusaurus's business; the :::note left in a table renders as <aside> here.
    .use(() => (tree: Root) => {
      visit(tree, 'containerDirective', (node) => {
        node.data = {hName: 'aside'};
      });
    })
    .use(remarkRehype, {allowDangerousHtml: true})
    .use(rehypeRaw)
    .use(rehypeStringify)
    .process(file);
  return String(html);
}

describe('remark-guide-tables rendering', () => {
  it('renders an open ports table with its note, state pills, row anchors and a service column', async () => {
    const html = await render('ports-open-with-note.md');
    await expect(html).toMatchFileSnapshot('__fixtures__/ports-open-with-note.html');
    expect(html).toMatch(/^<details class="guide-table-details" open><summary>Email Ports<\/summary>/);
    expect(html).toContain('<tr id="port-25-tcp">');
    expect(html).toContain('<tr id="port-49152-65535-tcp-udp">');
    expect(html).toContain('<a href="/glossary#state-public" title="PUBLIC: Open to everyone." class="state-pill state-pill--warning">PUBLIC</a>');
    expect(html).toContain('<th scope="col" class="guide-table__port">Port</th>');
  });

  it('renders a closed files table with mode, owner and access columns', async () => {
    const html = await render('files-closed-all-fields.md');
    await expect(html).toMatchFileSnapshot('__fixtures__/files-closed-all-fields.html');
    expect(html).toMatch(/^<details class="guide-table-details"><summary>fail2ban Files<\/summary>/);
    expect(html).toContain('<td>0755 root root</td>');
    expect(html).toContain('<td>read-only</td>');
    expect(html).toContain('<tr id="file-data-jail-d">');
  });

  it('shows markup and braces in the data as text, never as HTML', async () => {
    const html = await render('escapes-markup.md');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script> and {props.x} stay text');
    expect(html).toContain('<summary>Hostile &#x3C;b>title&#x3C;/b></summary>');
  });

  it('renders the state definitions under ::port-states', async () => {
    const html = await render('port-states.md');
    await expect(html).toMatchFileSnapshot('__fixtures__/port-states.html');
    expect(html).toContain('<h3 id="state-public">PUBLIC</h3>');
    expect(html).toContain('<h3 id="state-disable">DISABLE</h3>');
  });
});
