import type {Heading, Paragraph, PhrasingContent, Root} from 'mdast';
import type {MdxJsxTextElement} from 'mdast-util-mdx-jsx';
import {toString} from 'mdast-util-to-string';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import {glossaryAnchor, loadGlossary, type GlossaryEntry} from '../../guide-model/glossary.ts';
import {didYouMean} from '../../guide-model/suggest.ts';

export interface Options {
  /** Route of the glossary page, where `#term-X` anchors live; a function gives each page its edition's glossary. */
  glossaryRoute: string | ((pagePath: string | undefined) => string);
  /** The entries; read from `src/data/glossary.yaml` when omitted. */
  entries?: GlossaryEntry[];
}

/**
 * `:term[MTA]` (or `:term[mail servers]{of=MTA}`) becomes a `<GlossaryTerm>` link
 * to the glossary with the definition attached; `::glossary` expands to the
 * glossary itself, a heading (id `term-X`) and a paragraph per entry.
 * An unknown term fails the file.
 */
const remarkGlossaryTerms: Plugin<[Options], Root> = function (options) {
  const entries = options.entries ?? loadGlossary();
  const byTerm = new Map(entries.map((entry) => [entry.term, entry]));
  const terms = entries.map((entry) => entry.term);

  return (tree, file) => {
    const glossaryRoute = typeof options.glossaryRoute === 'string' ? options.glossaryRoute : options.glossaryRoute(file.path);
    visit(tree, (node, index, parent) => {
      if (node.type === 'textDirective' && node.name === 'term') {
        const term = String(node.attributes?.of ?? toString(node)).trim();
        const entry = byTerm.get(term);
        if (!entry) {
          file.fail(`Unknown glossary term "${term}".${didYouMean(term, terms)} Add it to src/data/glossary.yaml or fix the spelling.`, {
            place: node.position,
            ruleId: 'unknown-term',
            source: 'glossary',
          });
          return;
        }
        const element: MdxJsxTextElement = {
          type: 'mdxJsxTextElement',
          name: 'GlossaryTerm',
          attributes: [
            {type: 'mdxJsxAttribute', name: 'href', value: `${glossaryRoute}#${glossaryAnchor(term)}`},
            {type: 'mdxJsxAttribute', name: 'expansion', value: entry.expansion},
            {type: 'mdxJsxAttribute', name: 'definition', value: entry.definition},
          ],
          children: node.children.length > 0 ? node.children : [{type: 'text', value: term}],
          position: node.position,
        };
        parent!.children[index!] = element;
        return SKIP;
      }
      if (node.type === 'leafDirective' && node.name === 'glossary') {
        parent!.children.splice(index!, 1, ...entries.flatMap((entry) => glossarySection(entry)));
        return [SKIP, index! + entries.length * 2];
      }
      return undefined;
    });
  };
};

function glossarySection(entry: GlossaryEntry): [Heading, Paragraph] {
  const id = glossaryAnchor(entry.term);
  const definition: PhrasingContent[] = [
    {type: 'strong', children: [{type: 'text', value: entry.expansion}]},
    {type: 'text', value: `: ${entry.definition}`},
  ];
  return [
    {type: 'heading', depth: 2, data: {hProperties: {id}}, children: [{type: 'text', value: entry.term}]},
    {type: 'paragraph', children: definition},
  ];
}

export default remarkGlossaryTerms;
