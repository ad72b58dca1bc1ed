import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Root} from 'mdast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';
import {formatCodeMeta, parseCodeMeta} from '../guide-model/code-meta.ts';

export interface Options {
  /** Includes must resolve inside this folder (the docs folder). */
  rootDir: string;
}

/**
 * Fills a code fence that names a file (`file=source/x.conf`, relative to the
 * page) with that file's text, so each config file exists once in the repo.
 * With `target=/data/filter.d/x.conf` (and optional `mode`, `owner`), the
 * fence gets the caption `0644 root root /data/filter.d/x.conf` unless it has a
 * `title`. A missing file, or one outside `rootDir`, fails the page.
 */
const remarkFileInclude: Plugin<[Options], Root> = function ({rootDir}) {
  const root = realpathSync(rootDir);
  return (tree, file) => {
    visit(tree, 'code', (node) => {
      const meta = parseCodeMeta(node.meta);
      const include = meta.attributes.get('file');
      if (include === undefined) return;
      const fail = (reason: string, ruleId: string): never =>
        file.fail(reason, {place: node.position, ruleId, source: 'file-include'});

      if (!file.path) fail('A file include needs the page to have a path.', 'no-page-path');
      const resolved = path.resolve(path.dirname(file.path), include);
      const outsideRoot = (candidate: string) => {
        const relative = path.relative(root, candidate);
        return relative.startsWith('..') || path.isAbsolute(relative);
      };
      if (outsideRoot(resolved)) {
        fail(`Included file "${include}" is outside ${path.relative(process.cwd(), root) || rootDir}; keep included files next to the page.`, 'outside-root');
      }
      if (!existsSync(resolved) || !statSync(resolved).isFile()) {
        fail(`Included file "${include}" does not exist (looked for ${path.relative(process.cwd(), resolved)}). Create it or fix the path in file=.`, 'missing-file');
      }
      // A symbolic link inside the folder may still point outside it.
      if (outsideRoot(realpathSync(resolved))) {
        fail(`Included file "${include}" links to a file outside ${path.relative(process.cwd(), root) || rootDir}; include the file itself.`, 'outside-root');
      }
      if (node.value.trim() !== '') {
        fail(`A code fence with file="${include}" must be empty: its text comes from the file.`, 'body-not-empty');
      }

      node.value = readFileSync(resolved, 'utf8').replace(/\n$/, '');
      const target = meta.attributes.get('target');
      if (target && !meta.attributes.has('title')) {
        const mode = meta.attributes.get('mode') ?? '0644';
        const owner = (meta.attributes.get('owner') ?? 'root:root').replace(':', ' ');
        meta.attributes.set('title', `${mode} ${owner} ${target}`);
      }
      node.meta = formatCodeMeta(meta);
    });
  };
};

export default remarkFileInclude;
