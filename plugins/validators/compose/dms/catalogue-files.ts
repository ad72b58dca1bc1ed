import {readFileSync} from 'node:fs';
import {parseFail2banCatalogue, type Fail2banCatalogue} from '../crazymax-fail2ban/catalogue.ts';
import {catalogueReleases, parseCatalogue, parseVariableStatus, type DmsCatalogue, type DmsCatalogues} from './catalogue.ts';

/** The catalogue files, also published for the browser's checks of the reader's values. */
export const catalogueFiles = {
  '9.0.1': new URL('env-v9.0.1.tsv', import.meta.url),
  '15.1.0': new URL('env-v15.1.0.tsv', import.meta.url),
  '16.0.1': new URL('env-v16.0.1.tsv', import.meta.url),
  status: new URL('seed-variables-status.tsv', import.meta.url),
  'crazymax-fail2ban-history': new URL('../crazymax-fail2ban/env-history.tsv', import.meta.url),
  'crazymax-fail2ban-releases': new URL('../crazymax-fail2ban/releases.tsv', import.meta.url),
} as const;

/** The catalogues read from the TSV files next to this module; the guide index reads them once per load. */
export function readCatalogues(): DmsCatalogues {
  const releases = new Map<string, DmsCatalogue>(catalogueReleases.map((release) => [release, parseCatalogue(release, readFileSync(catalogueFiles[release], 'utf8'))]));
  const status = parseVariableStatus(readFileSync(catalogueFiles.status, 'utf8'));
  return {
    byRelease(release: string): DmsCatalogue {
      const catalogue = releases.get(release);
      if (!catalogue) throw new Error(`No docker-mailserver catalogue for ${release}; there are: ${catalogueReleases.join(', ')}`);
      return catalogue;
    },
    status,
  };
}

/** crazymax/fail2ban's variables per release, from its TSV files. */
export function fileFail2banCatalogue(): Fail2banCatalogue {
  return parseFail2banCatalogue(readFileSync(catalogueFiles['crazymax-fail2ban-history'], 'utf8'), readFileSync(catalogueFiles['crazymax-fail2ban-releases'], 'utf8'));
}
