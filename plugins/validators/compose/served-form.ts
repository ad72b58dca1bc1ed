import {visit as visitYaml, type Node as YamlNode} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import {findPlaceholders} from '../../guide-model/placeholder-text.ts';
import type {ComposeSnippet} from './compose-file.ts';

/**
 * The compose file as the site serves it keeps `{NAME}` unfilled, and a reader
 * may run it so (or fill it with any value the rules allow). That only works
 * when each placeholder sits inside a YAML string: a bare `{DOMAIN}` is a flow
 * mapping, which compose rejects (`domainname … should be a string`).
 * Returns a problem for every placeholder outside a string scalar.
 */
export function placeholdersOutsideStrings(served: ComposeSnippet): Problem[] {
  const strings: Array<[number, number]> = [];
  visitYaml(served.document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.range) strings.push([node.range[0], node.range[1]]);
    },
  });
  return findPlaceholders(served.filled.text)
    .filter(({offset}) => !strings.some(([start, end]) => start <= offset && offset < end))
    .map(({name, offset}) => {
      const node = {range: [offset, offset, offset]} as unknown as YamlNode;
      return served.at(node, {
        ruleId: 'compose/placeholder-not-string',
        reason: `{${name}} is not inside a YAML string: in the file as published, a bare {${name}} is a YAML mapping, and compose rejects it. Quote the value: "{${name}}".`,
      });
    });
}
