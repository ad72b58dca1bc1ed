import {readFileSync} from 'node:fs';
import {parseFail2banCatalogue, type Fail2banCatalogue} from '../crazymax-fail2ban/catalogue.ts';
import {parseCatalogue, parseVariableStatus, type DmsCatalogue, type DmsCatalogues} from './catalogue.ts';

/** The catalogue files, also published for the browser's checks of the reader's values. */
export const catalogueFiles = {
  '9.0.1': new URL('env-v9.0.1.tsv', import.meta.url),
  '15.1.0': new URL('env-v15.1.0.tsv', import.meta.url),
  '16.0.1': new URL('env-v16.0.1.tsv', import.meta.url),
  status: new URL('seed-variables-status.tsv', import.meta.url),
  'crazymax-fail2ban-history': new URL('../crazymax-fail2ban/env-history.tsv', import.meta.url),
  'crazymax-fail2ban-releases': new URL('../crazymax-fail2ban/releases.tsv', import.meta.url),
} as const;

const catalogues = new Map<string, DmsCatalogue>();

/** The catalogues read from the TSV files next to this module (once). */
export const fileCatalogues: DmsCatalogues = {
  byRelease(release: string): DmsCatalogue {
    let catalogue = catalogues.get(release);
    if (!catalogue) {
      catalogue = parseCatalogue(release, readFileSync(catalogueFiles[release as '9.0.1' | '15.1.0' | '16.0.1'], 'utf8'));
      catalogues.set(release, catalogue);
    }
    return catalogue;
  },
  get status() {
    return parseVariableStatus(readFileSync(catalogueFiles.status, 'utf8'));
  },
};

/** crazymax/fail2ban's variables per release, from its TSV files. */
export function fileFail2banCatalogue(): Fail2banCatalogue {
  return parseFail2banCatalogue(readFileSync(catalogueFiles['crazymax-fail2ban-history'], 'utf8'), readFileSync(catalogueFiles['crazymax-fail2ban-releases'], 'utf8'));
}
