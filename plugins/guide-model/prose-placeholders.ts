import type {Root} from 'mdast';
import {visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {location} from 'vfile-location';
import {parseCodeMeta} from './code-meta.ts';
import {report} from './diagnostics.ts';
import {findPlaceholders} from './placeholder-text.ts';
import {didYouMean} from './suggest.ts';

/**
 * Checks the placeholders a page writes outside its config snippets: prose,
 * inline code, example code blocks and their titles. The values panel fills
 * them in the browser, so an undeclared one (`{DOMIAN}`) would stay unfilled:
 * it is reported at its line. Snippets (fences with `target=`) are checked
 * where they are read.
 */
export function checkProsePlaceholders(tree: Root, file: VFile, declared: readonly string[]): void {
  const source = String(file.value);
  const place = location(file);
  const check = (start: number | undefined, end: number | undefined) => {
    if (start === undefined || end === undefined) return;
    for (const {name, offset} of findPlaceholders(source.slice(start, end))) {
      if (declared.includes(name)) continue;
      report(file, {
        ruleId: 'page/unknown-placeholder',
        reason: `Placeholder {${name}} is not declared, so readers' values never fill it.${didYouMean(name, declared)} Declare it in src/data/placeholders.yaml or fix the name.`,
        place: place.toPoint(start + offset),
      });
    }
  };
  visit(tree, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') check(node.position?.start.offset, node.position?.end.offset);
    else if (node.type === 'code' && !parseCodeMeta(node.meta).attributes.has('target')) check(node.position?.start.offset, node.position?.end.offset);
  });
}
