import type {Code, Root, RootContent} from 'mdast';
import type {MdxJsxAttribute, MdxJsxFlowElement} from 'mdast-util-mdx-jsx';
import type {Plugin} from 'unified';
import {valueToEstree} from 'estree-util-value-to-estree';
import type {Archive, BundleListing, SnippetDetails, TryFilterEntry} from './props.ts';
import {SKIP, visit} from 'unist-util-visit';
import {bundleRecipeUrl} from '../../bundle/spec.ts';
import type {ArchiveInfo, PageDownloads} from '../../bundle/index.ts';
import type {GuideEditions} from '../../guide-index/editions.ts';
import {tryItData, tryJailsData} from '../../fail2ban-matcher/page-data.ts';
import {failOnErrors, report} from '../../guide-model/diagnostics.ts';
import path from 'node:path';
import {guidePageOf} from '../../guide-model/page.ts';
import {hasChecks} from '../../validators/index.ts';

export interface Options {
  /** The guide indexes of the site's editions. */
  editions: GuideEditions;
}

/** A prop: a string as it is, anything else as a JavaScript expression of its value (an object, not JSON to parse). */
function attribute(name: string, value: unknown): MdxJsxAttribute {
  if (typeof value === 'string') return {type: 'mdxJsxAttribute', name, value};
  const expression = valueToEstree(value);
  return {
    type: 'mdxJsxAttribute',
    name,
    value: {type: 'mdxJsxAttributeValueExpression', value: '', data: {estree: {type: 'Program', sourceType: 'module', body: [{type: 'ExpressionStatement', expression}]}}},
  };
}

function element(name: string, attributes: Record<string, unknown>, children: MdxJsxFlowElement['children'] = []): MdxJsxFlowElement {
  return {type: 'mdxJsxFlowElement', name, attributes: Object.entries(attributes).map(([key, value]) => attribute(key, value)), children};
}

/** Archives as the download boxes show them (the bytes stay out of the page). */
function archiveList(archives: readonly ArchiveInfo[]): Archive[] {
  return archives.map(({url, fileName, size, sha256}) => ({url, fileName, size, sha256}));
}

/**
 * Wraps every published snippet in `<Snippet>` (download button, validation
 * badge, the exact file text for copy and download), and renders
 * `::downloads` (this page's bundle), `::downloads-index` (every bundle of
 * the site), `::try-filters` ("Try it" for every filter of the guide) and
 * `::try-jails` ("Try it" for every jail of the page at once). Runs after remark-snippet-checks, whose results it publishes.
 */
const remarkDownloads: Plugin<[Options], Root> = function ({editions}) {
  return async (tree, file) => {
    const guideIndex = editions.for(file.path);
    const page = guidePageOf(tree, file, guideIndex.modelOptions);
    let result: PageDownloads | undefined;
    if (hasChecks(page)) {
      const indexed = await guideIndex.page(file.path, String(file.value));
      const check = indexed.check;
      result = indexed.downloads;
      for (const problem of result.problems) report(file, problem);
      failOnErrors(file);
      const bySnippetStart = new Map([...result.downloads].map(([snippet, download]) => [snippet.position?.start.offset, {snippet, download}]));
      visit(tree, 'code', (node: Code, index, parent) => {
        const found = bySnippetStart.get(node.position?.start.offset);
        if (!found || !parent || index === undefined) return undefined;
        const snippetCheck = check.snippets.find((candidate) => candidate.snippet === found.snippet);
        const details: SnippetDetails = {
          validators: snippetCheck?.validators ?? [],
          forms: snippetCheck?.forms ?? [],
          sampleLines: snippetCheck?.sampleLines ?? null,
          warnings: (snippetCheck?.problems ?? []).filter((problem) => problem.severity === 'warning').length,
        };
        const attributes: Record<string, unknown> = {url: found.download.url, fileName: found.download.fileName, text: found.snippet.text, details};
        if (found.snippet.kind === 'fail2ban-filter') attributes.tryIt = tryItData(page, found.snippet);
        parent.children[index] = element('Snippet', attributes, [node]) as RootContent;
        return SKIP;
      });
    }
    const directives: Array<{index: number; parent: {children: RootContent[]}; name: string}> = [];
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (['downloads', 'downloads-index', 'try-filters', 'try-jails'].includes(node.name) && parent && index !== undefined)
        directives.push({index, parent: parent as never, name: node.name});
    });
    for (const {index, parent, name} of directives) {
      if (name === 'downloads') {
        if (!result?.spec) {
          file.fail('"::downloads" is on a page without configuration snippets (fences with target=).', {
            place: parent.children[index].position,
            ruleId: 'no-bundle',
            source: 'downloads',
          });
        }
        parent.children[index] = element('DownloadBox', {
          title: result!.page.title,
          archives: archiveList(await result!.archives()),
          spec: bundleRecipeUrl(result!.route),
        }) as RootContent;
      } else if (name === 'try-filters') {
        // Every filter of the guide, each with its own "Try it".
        const filters: TryFilterEntry[] = guideIndex.site.pages.flatMap((other) => {
          return other.snippets
            .filter((snippet) => snippet.kind === 'fail2ban-filter')
            .map((snippet) => ({fileName: path.basename(snippet.target), text: snippet.text, tryIt: tryItData(other, snippet)}));
        });
        parent.children[index] = element('TryFilters', {filters}) as RootContent;
      } else if (name === 'try-jails') {
        // Every enabled jail of the page (and of the pages it links to), run over a pasted log.
        parent.children[index] = element('TryJails', {data: tryJailsData(page, guideIndex.site, guideIndex.modelOptions.placeholders)}) as RootContent;
      } else {
        const pages = (await guideIndex.pages()).map((indexed) => indexed.downloads);
        const bundles: BundleListing[] = await Promise.all(
          pages.filter((entry) => entry.spec).map(async (entry) => ({title: entry.page.title, route: `/${entry.route}`, archives: archiveList(await entry.archives())})),
        );
        parent.children[index] = element('DownloadsIndex', {bundles}) as RootContent;
      }
    }
  };
};

export default remarkDownloads;
