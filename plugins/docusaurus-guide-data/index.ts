import type {LoadContext, Plugin} from '@docusaurus/types';
import {loadPlaceholders} from '../guide-model/placeholders.ts';

/**
 * Gives the browser the guide's placeholder declarations (as global data),
 * so the values panel shows one field per placeholder with the build's rules,
 * and every page fills in the reader's values.
 */
export default function docusaurusGuideData(_context: LoadContext): Plugin {
  return {
    name: 'mailguide-guide-data',
    async contentLoaded({actions}) {
      actions.setGlobalData({placeholders: loadPlaceholders()});
    },
    getPathsToWatch() {
      return ['src/data/placeholders.yaml'];
    },
  };
}
