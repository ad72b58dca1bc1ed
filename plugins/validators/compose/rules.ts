import type {ValidateFunction} from 'ajv';
import {isMap, isScalar, type Scalar, type YAMLMap} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import type {Snippet} from '../../guide-model/snippets.ts';
import {fillSnippet} from '../problems.ts';
import {parseComposeSnippet, toComposeData, type ComposeSnippet} from './compose-file.ts';
import type {Fail2banCatalogue} from './crazymax-fail2ban/catalogue.ts';
import {fail2banEnvironmentCheck} from './crazymax-fail2ban/environment.ts';
import type {DmsCatalogues} from './dms/catalogue.ts';
import {dmsEnvironmentCheck, imageTagCheck} from './dms/environment.ts';
import type {ServiceCheck} from './service-check.ts';
import {checkComposeSchemaWith} from './schema-check.ts';

/** What the compose rules need: a compiled schema and the docker-mailserver catalogues. */
export interface ComposeRuleSet {
  schema: ValidateFunction;
  schemaVersion: string;
  catalogues: DmsCatalogues;
  /** What crazymax/fail2ban reads, per release. */
  fail2ban: Fail2banCatalogue;
}

/** The checks each service with an image goes through, in this order. A new one is a file exporting a ServiceCheck, listed here. */
export const serviceChecks: readonly ServiceCheck[] = [imageTagCheck, fail2banEnvironmentCheck, dmsEnvironmentCheck];

/**
 * The compose rules of the guide on one parsed snippet: the schema, image
 * tags and names, and docker-mailserver's environment. Browser-safe: the build
 * runs them on every snippet, the values panel on the files filled with the
 * reader's values. Returns the problems and the validators that ran.
 */
export function composeRules(compose: ComposeSnippet, rules: ComposeRuleSet): {problems: Problem[]; validators: string[]} {
  const problems = checkComposeSchemaWith(rules.schema, rules.schemaVersion, toComposeData(compose), compose);
  const validators = ['YAML 1.2', rules.schemaVersion];
  for (const pair of compose.services.items) {
    const service = pair.value as YAMLMap;
    const image = isMap(service) ? service.get('image', true) : undefined;
    if (!isScalar(image)) continue;
    for (const check of serviceChecks) {
      const result = check({compose, service, image: image as Scalar, rules});
      problems.push(...result.problems);
      if (result.validator) validators.push(result.validator);
    }
  }
  return {problems, validators};
}

/**
 * Checks a whole compose file (as the guide writes it) filled with `values`.
 * Problems point at lines of the file as written, so a caller can tell which
 * placeholder's value caused them.
 */
export function checkComposeFile(text: string, values: Readonly<Record<string, string>>, rules: ComposeRuleSet): Problem[] {
  const snippet: Snippet = {
    kind: 'compose',
    target: 'docker-compose.yml',
    text,
    mode: '0644',
    owner: 'root:root',
    origin: {path: 'docker-compose.yml', line: 1, column: 1},
    placeholders: [],
  };
  const {compose, problems} = parseComposeSnippet(fillSnippet(snippet, values));
  return compose ? composeRules(compose, rules).problems : problems;
}
