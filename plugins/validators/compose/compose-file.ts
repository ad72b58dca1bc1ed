import {isAlias, isMap, isScalar, LineCounter, parseDocument, visit, YAMLMap, type Document, type Node as YamlNode} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {problemAt, type FilledSnippet} from '../problems.ts';
import {composeParseOptions, composeToJSOptions} from './yaml-options.ts';

/** A compose snippet parsed as YAML 1.2, with its services. */
export interface ComposeSnippet {
  filled: FilledSnippet;
  document: Document.Parsed;
  /** `services:` of a whole file; the top level of a fragment. */
  services: YAMLMap;
  /** A fragment holds services without the `services:` key. */
  fragment: boolean;
  /** The file as data, as compose reads it: merge keys and aliases resolved, `!reset` keys dropped. */
  data: Record<string, unknown>;
  /** The problem at a node of the document. */
  at(node: YamlNode | null | undefined, problem: Omit<Problem, 'place' | 'path'>): Problem;
}

/** A service's settings: the mapping itself, or the mapping an alias (`web: *base`) points to. */
export function serviceMap(compose: Pick<ComposeSnippet, 'document'>, value: unknown): YAMLMap | undefined {
  const resolved = isAlias(value) ? value.resolve(compose.document) : value;
  return isMap(resolved) ? (resolved as YAMLMap) : undefined;
}

/**
 * The document as data. In one file `!reset` leaves the key out (compose-go's
 * ResetProcessor); `!override` keeps the value. Throws on `yaml`'s resource
 * limits (aliases), which the caller turns into a problem.
 */
function dataOf(document: Document.Parsed): unknown {
  const copy = document.clone();
  visit(copy, {
    Pair: (_key, pair) => ((pair.value as YamlNode | null)?.tag === '!reset' ? visit.REMOVE : undefined),
    Node: (_key, node) => (node.tag === '!reset' ? visit.REMOVE : undefined),
  });
  return copy.toJS(composeToJSOptions);
}

/** compose-go refuses any key that YAML does not read as a string (`123:`, `true:`), anywhere in the file. */
function nonStringKeys(document: Document.Parsed, at: ComposeSnippet['at']): Problem[] {
  const problems: Problem[] = [];
  visit(document, {
    Pair(_key, pair) {
      const key = pair.key;
      // The merge key `<<` is read as a symbol by `yaml`, and resolved before compose sees the keys.
      if (isScalar(key) && typeof key.value !== 'string' && typeof key.value !== 'symbol') {
        problems.push(
          at(key as YamlNode, {
            ruleId: 'compose/non-string-key',
            reason: `The key ${String(key.source ?? key.value)} is not a string: compose refuses every key YAML reads as a number, boolean or null ("non-string key"). Quote it: "${String(key.source ?? key.value)}".`,
          }),
        );
      }
    },
  });
  return problems;
}

/**
 * Parses a compose snippet (filled with example values) as compose reads YAML
 * (`yaml-options.ts`). YAML errors, a resource limit, non-string keys and a
 * missing services map are returned as problems at their line, never thrown.
 */
export function parseComposeSnippet(filled: FilledSnippet): {compose?: ComposeSnippet; problems: Problem[]} {
  const yamlProblem = (offset: number | undefined, message: string) =>
    problemAt(filled, offset, {ruleId: 'compose/yaml-syntax', reason: `Invalid YAML: ${message.split('\n')[0].replace(/\.$/, '')}.`});
  let document: Document.Parsed;
  let data: unknown;
  try {
    document = parseDocument(filled.text, {...composeParseOptions, lineCounter: new LineCounter()});
    const first = document.errors[0];
    if (first) return {problems: [yamlProblem(first.pos[0], first.message)]};
    data = dataOf(document);
  } catch (error) {
    // `yaml` throws for an alias bomb ("Excessive alias count…") or an alias cycle through merge keys.
    return {problems: [yamlProblem(undefined, `${(error as Error).message} (compose refuses it too: "excessive aliasing")`)]};
  }
  const at: ComposeSnippet['at'] = (node, problem) => problemAt(filled, node?.range?.[0], problem);
  const keys = nonStringKeys(document, at);
  if (keys.length > 0) return {problems: keys};
  // By name, not through the kind registry: this file runs in the browser, the registry's checks do not.
  const fragment = filled.snippet.kind === 'compose-fragment';
  const top = document.contents;
  // A file of `include:` alone is whole: its services come from the files it includes.
  const services = fragment ? top : isMap(top) ? (top.get('services', true) ?? (top.has('include') ? new YAMLMap() : undefined)) : undefined;
  if (!isMap(services)) {
    return {
      problems: [
        at(top as YamlNode, {
          ruleId: 'compose/no-services',
          reason: fragment
            ? 'A compose fragment is a mapping of services (`mail:` followed by its settings).'
            : 'A compose file needs a `services:` mapping. For a part of a file, add kind=compose-fragment to the fence.',
        }),
      ],
    };
  }
  for (const pair of services.items) {
    if (!isScalar(pair.key) || !serviceMap({document}, pair.value)) {
      return {
        problems: [
          at(pair.key as YamlNode, {ruleId: 'compose/no-services', reason: `Service "${String(isScalar(pair.key) ? pair.key.value : '?')}" must be a mapping of settings.`}),
        ],
      };
    }
  }
  const asData = (fragment ? {services: data} : data) as Record<string, unknown>;
  return {compose: {filled, document, services: services as YAMLMap, fragment, data: asData, at}, problems: []};
}

/** The compose file as data: `{services: {...}}`, for a whole file or a fragment. */
export function toComposeData(compose: ComposeSnippet): Record<string, unknown> {
  return compose.data;
}

/** The node at a path of the compose data (`services`, name, …) in the snippet. */
export function nodeAt(compose: ComposeSnippet, path: readonly (string | number)[]): YamlNode | undefined {
  const inDocument = compose.fragment && path[0] === 'services' ? path.slice(1) : path;
  for (let length = inDocument.length; length >= 0; length -= 1) {
    const node = compose.document.getIn(inDocument.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode;
  }
  return undefined;
}
