import path from 'node:path';
import type {Heading, Paragraph} from 'mdast';
import type {MdxJsxTextElement} from 'mdast-util-mdx-jsx';
import {toString} from 'mdast-util-to-string';
import type {PluggableList} from 'unified';
import {describe, expect, it} from 'vitest';
import {fixtureError, runFixture} from '../../../../test/helpers/remark.ts';
import remarkGlossaryTerms from '../index.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '__fixtures__', name);
const entries = [
  {term: 'MTA', expansion: 'Mail Transport Agent', definition: 'Moves mail.'},
  {term: 'MDA', expansion: 'Mail Delivery Agent', definition: 'Delivers mail.'},
];
const plugins: PluggableList = [[remarkGlossaryTerms, {glossaryRoute: '/glossary', entries}]];

function attributes(element: MdxJsxTextElement): Record<string, unknown> {
  return Object.fromEntries(element.attributes.map((a) => ('name' in a ? [a.name, a.value] : [])));
}

describe('remark-glossary-terms', () => {
  it('turns :term[] into a GlossaryTerm link carrying the definition', async () => {
    const {tree} = await runFixture(fixture('terms.md'), plugins);
    const paragraph = tree.children[0] as Paragraph;
    const terms = paragraph.children.filter((n): n is MdxJsxTextElement => n.type === 'mdxJsxTextElement');
    expect(terms.map((t) => t.name)).toEqual(['GlossaryTerm', 'GlossaryTerm']);
    expect(attributes(terms[0])).toEqual({href: '/glossary#term-MTA', expansion: 'Mail Transport Agent', definition: 'Moves mail.'});
    expect(toString(terms[0])).toBe('MTA');
    // {of=…} links another wording to the entry
    expect(attributes(terms[1]).href).toBe('/glossary#term-MDA');
    expect(toString(terms[1])).toBe('mail server');
  });

  it('expands ::glossary into a heading with the old anchor and a definition per entry', async () => {
    const {tree} = await runFixture(fixture('glossary-page.md'), plugins);
    const [, ...rest] = tree.children;
    expect(rest.map((n) => n.type)).toEqual(['heading', 'paragraph', 'heading', 'paragraph']);
    const heading = rest[0] as Heading;
    expect(heading.data).toMatchObject({hProperties: {id: 'term-MTA'}});
    expect(toString(rest[1])).toBe('Mail Transport Agent: Moves mail.');
  });

  it('fails on an unknown term with its position and a suggestion', async () => {
    const error = await fixtureError(fixture('unknown-term.md'), plugins);
    expect(error).toMatchObject({ruleId: 'unknown-term', source: 'glossary', line: 3, column: 23});
    expect(error.reason).toBe('Unknown glossary term "MTS". Did you mean "MTA"? Add it to src/data/glossary.yaml or fix the spelling.');
  });
});
