import type {GuidePage} from '../guide-model/page.ts';
import {filterName, type Snippet} from '../guide-model/snippets.ts';
import {parseConfig} from '../snippet-validators/fail2ban/config-file.ts';
import {readSamples, samplesFileFor} from '../snippet-validators/fail2ban/samples.ts';
import {seconds, type JailSettings} from './index.ts';

/** What a filter's "Try it" box needs: its sample lines, and the page's jails that use it. */
export function tryItData(page: GuidePage, filter: Snippet): {samples: string[]; jails: JailSettings[]} {
  const name = filterName(filter.target);
  const jails = page.snippets
    .filter((snippet) => snippet.kind === 'fail2ban-jail')
    .flatMap((snippet) => [...parseConfig(snippet.text).sections.values()])
    .filter((jail) => (jail.options.get('filter')?.value ?? jail.name).replace(/\[.*\]$/, '').trim() === name)
    .map((jail) => ({
      name: jail.name,
      maxretry: Number(jail.options.get('maxretry')?.value ?? 5),
      findtime: seconds(jail.options.get('findtime')?.value ?? '600'),
    }));
  return {samples: readSamples(samplesFileFor(filter.target)).map((sample) => sample.text), jails};
}
