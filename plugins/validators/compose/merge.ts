import {Document, isAlias, isMap, isScalar, isSeq, parseDocument, visit, YAMLMap, type Node as YamlNode, type Pair} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {exampleValues, fillPlaceholders, type Placeholder} from '../../guide-model/placeholders.ts';
import type {Snippet} from '../../guide-model/snippets.ts';
import {fillSnippet} from '../problems.ts';
import {parseComposeSnippet, serviceMap, type ComposeSnippet} from './compose-file.ts';
import {parseMount} from './service-data.ts';

type ServiceData = Record<string, unknown>;

/** The compose file a reader ends up with, and which snippets each service came from. */
export interface MergedCompose {
  /** The file as the guide writes it: YAML with `{NAME}` placeholders. */
  text: string;
  /** The file filled with the example values, as data. */
  data: {services: Record<string, ServiceData>};
  /** The snippets that define or patch each service, in merge order. */
  sources: Map<string, ComposeSnippet[]>;
}

/** Stand-ins for placeholders while merging: plain YAML strings that survive a round trip. */
const sentinel = (name: string) => `__MAILGUIDE_${name}__`;

/** The `name:` key of a service in a snippet, for positions. */
export function serviceKey(compose: ComposeSnippet, name: string): YamlNode | undefined {
  return compose.services.items.find((pair) => isScalar(pair.key) && pair.key.value === name)?.key as YamlNode | undefined;
}

/**
 * Does the snippet give the service an image? Read from the data, so an image
 * from a merge key (`<<: *common`) counts; `extends` and `provider` bring one too
 * (compose-go loader/validate.go: neither image, build nor provider).
 */
function definesImage(compose: ComposeSnippet, name: string): boolean {
  const service = (compose.data.services as Record<string, unknown> | undefined)?.[name];
  return !!service && typeof service === 'object' && ['image', 'build', 'extends', 'provider'].some((key) => key in service);
}

/** The service's node, ready to move into another document: aliases and merge keys resolved (an alias cannot leave its document). */
function portableService(compose: ComposeSnippet, name: string, value: unknown): YAMLMap {
  const node = serviceMap(compose, value)!;
  let aliased = isAlias(value);
  visit(node, {Alias: () => void (aliased = true)});
  if (!aliased) return node;
  return new Document().createNode((compose.data.services as Record<string, unknown>)[name]) as YAMLMap;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

/** What identifies a list entry when merging: the variable name, the container path, or the entry. */
function identity(key: string, item: unknown): string {
  const value = isScalar(item) ? item.value : (item as YamlNode | undefined)?.toJSON?.();
  if (key === 'environment') return String(value).split('=')[0];
  if (key === 'volumes') return parseMount(value)?.target ?? JSON.stringify(value);
  return JSON.stringify(value);
}

/**
 * Merges a patch into a service node as `docker compose -f base -f patch`
 * does: mappings key by key, environment by name, volumes by container path,
 * other lists appended without repeats, scalars replaced. Works on YAML nodes,
 * so quoting and layout of the fragments survive into the merged file.
 */
function mergeInto(base: YAMLMap, patch: YAMLMap): void {
  for (const pair of patch.items) {
    const key = keyOf(pair);
    const existing = base.items.find((candidate) => keyOf(candidate) === key);
    if (!existing) {
      base.items.push(pair.clone() as Pair);
    } else if (isSeq(existing.value) && isSeq(pair.value)) {
      for (const item of pair.value.items) {
        const index = existing.value.items.findIndex((candidate) => identity(key, candidate) === identity(key, item));
        if (index >= 0) existing.value.items[index] = (item as YamlNode).clone();
        else existing.value.items.push((item as YamlNode).clone());
      }
    } else if (isMap(existing.value) && isMap(pair.value)) {
      mergeInto(existing.value, pair.value);
    } else {
      existing.value = (pair.value as YamlNode | null)?.clone() ?? null;
    }
  }
}

function parseWithSentinels(snippet: Snippet, placeholders: readonly Placeholder[]): ComposeSnippet | undefined {
  const values = Object.fromEntries(placeholders.map(({name}) => [name, sentinel(name)]));
  return parseComposeSnippet(fillSnippet(snippet, values)).compose;
}

/**
 * Merges a page's compose snippets into one file. A service the page only
 * patches (no `image`) is taken from the pages it links to.
 */
export function mergeCompose(own: readonly Snippet[], linked: readonly Snippet[], placeholders: readonly Placeholder[]): {merged?: MergedCompose; problems: Problem[]} {
  const ownComposes = own.flatMap((snippet) => parseWithSentinels(snippet, placeholders) ?? []);
  const linkedComposes = linked.flatMap((snippet) => parseWithSentinels(snippet, placeholders) ?? []);
  if (ownComposes.length === 0) return {problems: []};
  const services = new YAMLMap();
  const sources = new Map<string, ComposeSnippet[]>();
  const problems: Problem[] = [];
  for (const compose of ownComposes) {
    for (const pair of compose.services.items) {
      const name = keyOf(pair);
      let target = services.get(name, true) as YAMLMap | undefined;
      if (!target) {
        const base = definesImage(compose, name) ? undefined : linkedComposes.find((candidate) => definesImage(candidate, name));
        if (!definesImage(compose, name) && !base) {
          problems.push(
            compose.at(serviceKey(compose, name), {
              ruleId: 'compose/unknown-service',
              reason: `Service "${name}" has no image here, and no page this one links to defines it. Link the page that sets it up, or give it an image.`,
            }),
          );
          continue;
        }
        const created: YAMLMap = base ? (portableService(base, name, base.services.get(name, true)).clone() as YAMLMap) : new YAMLMap();
        services.set(name, created);
        sources.set(name, base ? [base] : []);
        target = created;
      }
      mergeInto(target, portableService(compose, name, pair.value));
      sources.get(name)!.push(compose);
    }
  }
  const document = parseDocument('services: {}');
  document.set('services', services);
  const withSentinels = document.toString({lineWidth: 0});
  const restore = (values: Record<string, string>) => placeholders.reduce((text, {name}) => text.replaceAll(sentinel(name), values[name]), withSentinels);
  const text = restore(Object.fromEntries(placeholders.map(({name}) => [name, `{${name}}`])));
  const data = parseDocument(restore(exampleValues(placeholders))).toJS() as MergedCompose['data'];
  return {merged: {text, data, sources}, problems};
}

/** The merged compose file with the placeholders filled in. */
export function composeFileText(merged: MergedCompose, values: Readonly<Record<string, string>>): string {
  return fillPlaceholders(merged.text, values);
}
