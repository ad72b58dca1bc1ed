import type {PluginOptions} from '@docusaurus/plugin-content-docs';
import type {GuideEditions} from '../guide-index/editions.ts';
import remarkAnchor from './anchor/index.ts';
import remarkFileInclude from './file-include/index.ts';
import remarkGuideTables from './guide-tables/index.ts';
import remarkSnippetChecks from './snippet-checks/index.ts';
import remarkDownloads from './downloads/index.ts';
import remarkChangesFromOriginal from './changes-from-original/index.ts';
import remarkLabResults from './lab-results/index.ts';
import remarkMigration from './migration/index.ts';
import remarkValuesForm from './values-form/index.ts';
import remarkGlossaryTerms from './glossary-terms/index.ts';
import remarkUnhandledDirectives from './unhandled-directives/index.ts';

type RemarkPlugins = PluginOptions['remarkPlugins'];

/**
 * The remark plugins of the guide's docs, for the site config and for tests
 * that run pages through Docusaurus's Markdown pipeline. They render from the
 * guide index, which the site's `docusaurus-guide-index` plugin loads.
 * Ours that emit headings or links run before Docusaurus's own (toc, links);
 * the unhandled-directive check runs after every other plugin had its turn.
 */
export function docsRemarkPlugins(editions: GuideEditions): {
  beforeDefaultRemarkPlugins: RemarkPlugins;
  remarkPlugins: RemarkPlugins;
} {
  // Each edition has its own glossary page (term and port-state definitions).
  const glossaryRoute = (pagePath: string | undefined) => editions.for(pagePath).route('/glossary');
  return {
    beforeDefaultRemarkPlugins: [
      remarkAnchor,
      remarkValuesForm,
      [remarkFileInclude, {rootDirOf: (pagePath: string) => editions.for(pagePath).rootDir}],
      // Tables before glossary terms: table cells hold :term[] directives.
      [remarkGuideTables, {statesRoute: glossaryRoute, editions}],
      // Before includes are filled in: checks read the snippets from the page model.
      [remarkSnippetChecks, {editions}],
      [remarkDownloads, {editions}],
      // After downloads, so its diff blocks are not taken for snippets.
      [remarkChangesFromOriginal, {editions}],
      remarkLabResults,
      // Before the glossary and Docusaurus's toc: it adds headings.
      [remarkMigration, {editions}],
      [remarkGlossaryTerms, {glossaryRoute}],
    ],
    remarkPlugins: [remarkUnhandledDirectives],
  };
}
