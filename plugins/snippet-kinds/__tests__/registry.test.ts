import {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import {readGuidePage} from '../../guide-model/page.ts';
import {siteEditionFolders} from '../../guide-index/editions.ts';
import {readGuideSite} from '../../guide-model/site.ts';
import {kindOfTarget, snippetKindNames, snippetKinds} from '../index.ts';
import path from 'node:path';

const siteDir = path.resolve(import.meta.dirname, '../../..');

describe('the snippet kind registry', () => {
  it('names each kind once', () => {
    expect(new Set(snippetKindNames).size).toBe(snippetKinds.length);
  });

  it('gives every snippet of both editions the kind its target implies, or the one its fence names', () => {
    for (const {dir} of siteEditionFolders) {
      const site = readGuideSite(path.join(siteDir, dir));
      const snippets = site.pages.flatMap((page) => page.snippets);
      expect(snippets.length).toBeGreaterThan(5);
      for (const snippet of snippets) {
        const implied = kindOfTarget(snippet.target);
        // Only a fragment must say its kind: its target names the whole file it patches.
        if (implied !== snippet.kind) expect([snippet.kind, implied]).toEqual(['compose-fragment', 'compose']);
      }
    }
  });

  it('lists the registered kinds when a fence names an unknown one', () => {
    const page = readGuidePage(path.join(siteDir, 'docs/probe.md'), {rootDir: path.join(siteDir, 'docs')}, '```yaml target=x.yml kind=compose-fragmnt\na: 1\n```\n');
    const messages = (page.file as VFile).messages.map((message) => message.reason);
    expect(messages).toEqual([`Unknown snippet kind "compose-fragmnt". Did you mean "compose-fragment"? Kinds: ${snippetKindNames.join(', ')}.`]);
  });
});
