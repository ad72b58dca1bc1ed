import {Ajv} from 'ajv';
import {catalogueReleases, parseCatalogue, parseVariableStatus, type DmsCatalogue} from '@site/plugins/validators/compose/dms/catalogue';
import {parseFail2banCatalogue} from '@site/plugins/validators/compose/crazymax-fail2ban/catalogue';
import {checkComposeFile, type ComposeRuleSet} from '@site/plugins/validators/compose/rules';
import {ajvOptions} from '@site/plugins/validators/compose/schema-check';
import {findPlaceholders} from '@site/plugins/guide-model/placeholder-text';
import {composeFilesUrl, type BundleSpec, type ComposeFileEntry} from '@site/plugins/bundle/spec';

/**
 * The build's compose rules, run in the browser on the compose files filled
 * with the reader's values. Loaded only when the reader enters a value. The
 * list of compose files, their recipes, the schema and the catalogues are
 * fetched from the site: requests that carry no value.
 */
let rules: Promise<ComposeRuleSet> | undefined;

async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

function loadRules(): Promise<ComposeRuleSet> {
  rules ??= (async () => {
    const names = [
      'compose.schema.json',
      'dms-status.tsv',
      'dms-crazymax-fail2ban-history.tsv',
      'dms-crazymax-fail2ban-releases.tsv',
      ...catalogueReleases.map((release) => `dms-${release}.tsv`),
    ];
    const [schema, status, fail2banHistory, fail2banReleases, ...releases] = await Promise.all(names.map((name) => text(`/downloads/validators/${name}`)));
    const catalogues = new Map<string, DmsCatalogue>(catalogueReleases.map((release, index) => [release, parseCatalogue(release, releases[index])]));
    return {
      schema: new Ajv(ajvOptions).compile(JSON.parse(schema)),
      schemaVersion: 'compose-spec',
      catalogues: {byRelease: (release: string) => catalogues.get(release)!, status: parseVariableStatus(status)},
      fail2ban: parseFail2banCatalogue(fail2banHistory, fail2banReleases),
    };
  })();
  return rules;
}

/** Problems the values cause, by the placeholder on whose line they are. */
export async function checkComposeFiles(
  values: Readonly<Record<string, string>>,
  examples: Readonly<Record<string, string>>,
): Promise<{checked: number; byPlaceholder: Record<string, string[]>}> {
  const [ruleSet, files] = await Promise.all([loadRules(), text(composeFilesUrl).then((list) => JSON.parse(list) as ComposeFileEntry[])]);
  const byPlaceholder: Record<string, string[]> = {};
  for (const file of files) {
    const spec = (await (await fetch(file.recipe)).json()) as BundleSpec;
    const compose = spec.entries.find((entry) => entry.kind === 'compose-merged');
    if (!compose) continue;
    const lines = compose.text.split('\n');
    for (const problem of checkComposeFile(compose.text, {...examples, ...values}, ruleSet)) {
      if (problem.severity === 'warning') continue;
      const line = problem.place && 'line' in problem.place ? problem.place.line : 1;
      for (const {name} of findPlaceholders(lines[line - 1] ?? '')) {
        if (values[name] === undefined) continue;
        (byPlaceholder[name] ??= []).push(`${file.title}, docker-compose.yml line ${line}: ${problem.reason}`);
      }
    }
  }
  return {checked: files.length, byPlaceholder};
}
