import {isScalar, stringify, type Node as YamlNode} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import type {ComposeSnippet} from './compose-file.ts';
import {parseMount} from './service-data.ts';

type ServiceData = Record<string, unknown>;

/** The compose file a reader ends up with, and which snippets each service came from. */
export interface MergedCompose {
  data: {services: Record<string, ServiceData>};
  /** The snippets that define or patch each service, in merge order. */
  sources: Map<string, ComposeSnippet[]>;
}

const definesImage = (service: ServiceData) => 'image' in service || 'build' in service;

function servicesOf(compose: ComposeSnippet): Record<string, ServiceData> {
  const data = compose.document.toJS() as Record<string, unknown>;
  return ((compose.fragment ? data : data.services) ?? {}) as Record<string, ServiceData>;
}

/** The `name:` key of a service in a snippet, for positions. */
export function serviceKey(compose: ComposeSnippet, name: string): YamlNode | undefined {
  return compose.services.items.find((pair) => isScalar(pair.key) && pair.key.value === name)?.key as YamlNode | undefined;
}

/** Environment as a map, whichever form it was written in. */
function environmentMap(environment: unknown): Record<string, unknown> {
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((item) => String(item).split('=')).map(([name, ...value]) => [name, value.join('=')]));
  }
  return {...(environment as Record<string, unknown>)};
}

/**
 * Merges one service setting as `docker compose -f base -f patch` does:
 * mappings key by key, environment by name, volumes by container path,
 * other lists appended without repeats, scalars replaced.
 */
function mergeValue(key: string, base: unknown, patch: unknown): unknown {
  if (key === 'environment') {
    const merged = {...environmentMap(base), ...environmentMap(patch)};
    return Array.isArray(base) ? Object.entries(merged).map(([name, value]) => `${name}=${value}`) : merged;
  }
  if (Array.isArray(base) && Array.isArray(patch)) {
    if (key === 'volumes') {
      const target = (entry: unknown) => parseMount(entry)?.target ?? JSON.stringify(entry);
      const replaced = base.map((entry) => patch.find((candidate) => target(candidate) === target(entry)) ?? entry);
      return [...replaced, ...patch.filter((entry) => !base.some((candidate) => target(candidate) === target(entry)))];
    }
    return [...base, ...patch.filter((entry) => !base.some((candidate) => JSON.stringify(candidate) === JSON.stringify(entry)))];
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base)) {
    const merged: Record<string, unknown> = {...(base as Record<string, unknown>)};
    for (const [name, value] of Object.entries(patch as Record<string, unknown>)) merged[name] = name in merged ? mergeValue(name, merged[name], value) : value;
    return merged;
  }
  return patch;
}

/**
 * Merges a page's compose snippets into one file. A service the page only
 * patches (no `image`) is taken from the pages it links to.
 */
export function mergeCompose(own: readonly ComposeSnippet[], linked: readonly ComposeSnippet[]): {merged: MergedCompose; problems: Problem[]} {
  const services: Record<string, ServiceData> = {};
  const sources = new Map<string, ComposeSnippet[]>();
  const problems: Problem[] = [];
  for (const compose of own) {
    for (const [name, service] of Object.entries(servicesOf(compose))) {
      if (!(name in services)) {
        const base = definesImage(service) ? undefined : linked.find((candidate) => definesImage(servicesOf(candidate)[name] ?? {}));
        if (!definesImage(service) && !base) {
          problems.push(
            compose.at(serviceKey(compose, name), {
              ruleId: 'compose/unknown-service',
              reason: `Service "${name}" has no image here, and no page this one links to defines it. Link the page that sets it up, or give it an image.`,
            }),
          );
          continue;
        }
        services[name] = base ? servicesOf(base)[name] : {};
        sources.set(name, base ? [base] : []);
        if (!base) {
          services[name] = service;
          sources.get(name)!.push(compose);
          continue;
        }
      }
      services[name] = mergeValue(name, services[name], service) as ServiceData;
      sources.get(name)!.push(compose);
    }
  }
  return {merged: {data: {services}, sources}, problems};
}

/** The merged compose file as YAML, as a reader would save it. */
export function composeFileText(merged: MergedCompose): string {
  return stringify(merged.data, {lineWidth: 0});
}
