import {readFileSync} from 'node:fs';
import type {Root} from 'mdast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';
import {formatCodeMeta, parseCodeMeta} from '../../guide-model/code-meta.ts';
import {resolveInclude} from '../../guide-model/includes.ts';
import {defaultMode, defaultOwner} from '../../guide-model/snippets.ts';

export interface Options {
  /** Includes must resolve inside the docs folder that holds the page (each edition has its own). */
  rootDirOf: (pagePath: string) => string;
}

/**
 * Fills a code fence that names a file (`file=source/x.conf`, relative to the
 * page) with that file's text, so each config file exists once in the repo.
 * With `target=/data/filter.d/x.conf` (and optional `mode`, `owner`), the
 * fence gets the caption `0644 root root /data/filter.d/x.conf` unless it has a
 * `title`. A missing file, or one outside the page's docs folder, fails the page.
 */
const remarkFileInclude: Plugin<[Options], Root> = function ({rootDirOf}) {
  return (tree, file) => {
    visit(tree, 'code', (node) => {
      const meta = parseCodeMeta(node.meta);
      const include = meta.attributes.get('file');
      if (include === undefined) return;
      const fail = (reason: string, ruleId: string): never => file.fail(reason, {place: node.position, ruleId, source: 'file-include'});

      if (!file.path) fail('A file include needs the page to have a path.', 'no-page-path');
      const resolved = resolveInclude(file.path, include, rootDirOf(file.path));
      if (!resolved.ok) return fail(resolved.reason, resolved.ruleId.split('/')[1]);
      if (node.value.trim() !== '') fail(`A code fence with file="${include}" must be empty: its text comes from the file.`, 'body-not-empty');

      node.value = readFileSync(resolved.path, 'utf8').replace(/\n$/, '');
      const target = meta.attributes.get('target');
      if (target && !meta.attributes.has('title')) meta.attributes.set('title', captionOf(target, meta.attributes));
      node.meta = formatCodeMeta(meta);
    });
  };
};

/** `0644 root root /data/filter.d/x.conf`: the caption of the original site. */
export function captionOf(target: string, attributes: ReadonlyMap<string, string>): string {
  const mode = attributes.get('mode') ?? defaultMode;
  const owner = (attributes.get('owner') ?? defaultOwner).replace(':', ' ');
  return `${mode} ${owner} ${target}`;
}

export default remarkFileInclude;
