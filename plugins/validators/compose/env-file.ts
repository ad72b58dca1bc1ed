import {parse as parseEnvLine} from 'dotenv';
import {Pair, parseDocument, Scalar, YAMLMap, type Node as YamlNode} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import type {ComposeSnippet} from './compose-file.ts';
import type {DmsCatalogues} from './dms/catalogue.ts';
import {checkDmsEnvironment} from './dms/environment.ts';

/**
 * docker-mailserver's `mailserver.env` (an `env_file:` of the service) checked
 * against the catalogue of a release, with the same rules as `environment:`.
 * Each line is read by dotenv, one line at a time so a problem keeps its line.
 *
 * An empty value (`POSTMASTER_ADDRESS=`) means the default there too, as the
 * file docker-mailserver ships says (see checkDmsEnvironment).
 */
export function checkDmsEnvFile(file: string, text: string, release: string, catalogues: DmsCatalogues): Problem[] {
  const environment = new YAMLMap();
  const lineOf = new Map<YamlNode, number>();
  text.split('\n').forEach((line, index) => {
    for (const [name, value] of Object.entries(parseEnvLine(line))) {
      const key = new Scalar(name);
      environment.items.push(new Pair(key, new Scalar(value)));
      lineOf.set(key, index + 1);
    }
  });
  const service = new YAMLMap();
  service.set('environment', environment);
  const compose = {
    document: parseDocument(''),
    services: new YAMLMap(),
    fragment: true,
    at(node: YamlNode | null | undefined, problem: Omit<Problem, 'place' | 'path'>): Problem {
      return {...problem, place: {line: lineOf.get(node as YamlNode) ?? 1, column: 1}, path: file};
    },
  } as unknown as ComposeSnippet;
  return checkDmsEnvironment(compose, service, {release}, catalogues);
}
