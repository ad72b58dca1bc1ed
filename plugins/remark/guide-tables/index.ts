import type {Root} from 'mdast';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import {failOnErrors} from '../../guide-model/diagnostics.ts';
import type {GuideEditions} from '../../guide-index/editions.ts';
import {guidePageOf} from '../../guide-model/page.ts';
import {renderStateDefinitions, renderTable} from './render.ts';

export interface Options {
  /** Route of the page that holds `::port-states` (the state definitions); a function gives each page its edition's. */
  statesRoute: string | ((pagePath: string | undefined) => string);
  /** The guide indexes of the site's editions: a page's tables are read with its index's port states. */
  editions: GuideEditions;
}

/**
 * Renders `:::ports` and `:::files` directives, whose rows are YAML, as
 * tables, and `::port-states` as the definitions the tables link to. Every
 * problem of the page's tables is reported with its position; the page then
 * fails with all of them listed.
 */
const remarkGuideTables: Plugin<[Options], Root> = function (options) {
  return (tree, file) => {
    const model = options.editions.for(file.path).modelOptions;
    const {states} = model;
    const statesRoute = typeof options.statesRoute === 'string' ? options.statesRoute : options.statesRoute(file.path);
    const renderOptions = {states, statesRoute};
    const {tableOccurrences} = guidePageOf(tree, file, model);
    const tables = new Map(tableOccurrences.map(({node, table}) => [node, table]));
    visit(tree, (node, index, parent) => {
      if (tables.has(node as never)) {
        const table = tables.get(node as never);
        // A table with errors is left for the failure below; mark it handled.
        if (table) parent!.children[index!] = renderTable(table, renderOptions);
        else node.data = {};
        return SKIP;
      }
      if (node.type === 'leafDirective' && node.name === 'port-states') {
        parent!.children.splice(index!, 1, ...renderStateDefinitions(states, 3));
        return [SKIP, index! + states.length * 2];
      }
      return undefined;
    });
    failOnErrors(file);
  };
};

export default remarkGuideTables;
