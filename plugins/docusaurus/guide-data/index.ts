import type {LoadContext, Plugin} from '@docusaurus/types';
import {loadPlaceholders} from '../../guide-model/placeholders.ts';
import {fail2banRegexPath} from '../../validators/fail2ban/fail2ban-regex.ts';
import {hasFail2banRegex, matcherValidator} from '../../validators/fail2ban/sample-run.ts';

/**
 * Gives the browser the guide's placeholder declarations (as global data),
 * so the values panel shows one field per placeholder with the build's rules,
 * and every page fills in the reader's values.
 */
export default function docusaurusGuideData(_context: LoadContext): Plugin {
  return {
    name: 'mailguide-guide-data',
    async loadContent() {
      // Said once per build: the badges name the matcher too.
      if (!hasFail2banRegex()) {
        console.info(
          `[INFO] ${fail2banRegexPath} not found: the filters' sample logs are checked by ${matcherValidator}. Install Debian's fail2ban to check them with the real one.`,
        );
      }
    },
    async contentLoaded({actions}) {
      actions.setGlobalData({placeholders: loadPlaceholders()});
    },
    getPathsToWatch() {
      return ['src/data/placeholders.yaml'];
    },
  };
}
