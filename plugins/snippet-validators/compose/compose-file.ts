import {isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode, type YAMLMap} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {problemAt, type FilledSnippet} from '../problems.ts';

/** A compose snippet parsed as YAML 1.2, with its services. */
export interface ComposeSnippet {
  filled: FilledSnippet;
  document: Document.Parsed;
  /** `services:` of a whole file; the top level of a fragment. */
  services: YAMLMap;
  /** A fragment holds services without the `services:` key. */
  fragment: boolean;
  /** The problem at a node of the document. */
  at(node: YamlNode | null | undefined, problem: Omit<Problem, 'place' | 'path'>): Problem;
}

/**
 * Parses a compose snippet (filled with example values). YAML errors and a
 * missing services map are returned as problems.
 */
export function parseComposeSnippet(filled: FilledSnippet): {compose?: ComposeSnippet; problems: Problem[]} {
  const document = parseDocument(filled.text, {lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true});
  const at: ComposeSnippet['at'] = (node, problem) => problemAt(filled, node?.range?.[0], problem);
  const first = document.errors[0];
  if (first) {
    return {problems: [problemAt(filled, first.pos[0], {ruleId: 'compose/yaml-syntax', reason: `Invalid YAML: ${first.message.split('\n')[0]}.`})]};
  }
  const fragment = filled.snippet.kind === 'compose-fragment';
  const top = document.contents;
  const services = fragment ? top : isMap(top) ? top.get('services', true) : undefined;
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
    if (!isScalar(pair.key) || !isMap(pair.value)) {
      return {problems: [at(pair.key as YamlNode, {ruleId: 'compose/no-services', reason: `Service "${String(isScalar(pair.key) ? pair.key.value : '?')}" must be a mapping of settings.`})]};
    }
  }
  return {compose: {filled, document, services: services as YAMLMap, fragment, at}, problems: []};
}

/** The compose file as data: `{services: {...}}`, for a whole file or a fragment. */
export function toComposeData(compose: ComposeSnippet): Record<string, unknown> {
  const data = compose.document.toJS() as Record<string, unknown>;
  return compose.fragment ? {services: data} : data;
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
