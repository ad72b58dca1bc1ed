import type {LoadContext, Plugin} from '@docusaurus/types';
import {pageRoute} from '../guide-bundle/from-page.ts';
import {downloadsBase} from '../guide-bundle/spec.ts';
import {docsDir, readGuidePage} from '../guide-model/page.ts';
import {loadPlaceholders} from '../guide-model/placeholders.ts';
import {listPages} from '../snippet-validators/index.ts';

/**
 * Gives the browser the guide's placeholder declarations (as global data),
 * so the values panel shows one field per placeholder with the build's rules.
 */
export default function docusaurusGuideData(_context: LoadContext): Plugin {
  return {
    name: 'mailguide-guide-data',
    async contentLoaded({actions}) {
      // Pages that build a compose file: the values panel checks each with the reader's values.
      const composeFiles = listPages()
        .map((page) => readGuidePage(page))
        .filter((page) => page.snippets.some((snippet) => snippet.kind.startsWith('compose')))
        .map((page) => ({title: page.title, recipe: `${downloadsBase(pageRoute(page.file.path, docsDir))}/bundle.json`}));
      actions.setGlobalData({placeholders: loadPlaceholders(), composeFiles});
    },
    getPathsToWatch() {
      return ['src/data/placeholders.yaml'];
    },
  };
}
