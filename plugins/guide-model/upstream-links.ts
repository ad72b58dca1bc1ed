import type {Root} from 'mdast';
import {visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {report} from './diagnostics.ts';

/** A file or folder of a GitHub repository on a branch that moves: its content changes under the link. */
const movingBranch = /^https:\/\/(?:github\.com\/[^/]+\/[^/]+\/(?:blob|tree|raw)|raw\.githubusercontent\.com\/[^/]+\/[^/]+)\/(master|main|develop|HEAD)(\/|$)/;

/**
 * Refuses links into upstream repositories on a moving branch: a guide that
 * pins a release must link the files of that release (`blob/v9.0.1/…`), not
 * what the branch documents today.
 */
export function checkUpstreamLinks(tree: Root, file: VFile): void {
  const check = (url: string, place: Parameters<typeof report>[1]['place']) => {
    const branch = movingBranch.exec(url)?.[1];
    if (!branch) return;
    report(file, {
      ruleId: 'link/moving-branch',
      reason: `${url} links to the "${branch}" branch, which documents whatever release is newest, not the one this page pins. Link the tag instead (replace /${branch}/ with the release, such as /v9.0.1/).`,
      place,
    });
  };
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition') check(node.url, node.position);
    else if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'text') {
      for (const match of node.value.matchAll(/https:\/\/\S+/g)) check(match[0], node.position);
    }
  });
}
