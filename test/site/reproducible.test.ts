import {createHash} from 'node:crypto';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, inject, it} from 'vitest';
import {buildSite, copySite} from '../helpers/site.ts';

/** sha256 of every file under a folder, by relative path. */
function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, {recursive: true, encoding: 'utf8'})
      .filter((name) => statSync(path.join(dir, name)).isFile())
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(path.join(dir, name)))
          .digest('hex'),
      ]),
  );
}

describe('two builds of the same commit', () => {
  it('publish byte-identical downloads, in another folder and another time zone', async () => {
    const first = hashes(path.join(inject('buildDir'), 'downloads'));
    const dir = copySite();
    process.env.TZ = 'Pacific/Auckland';
    const result = await buildSite(dir);
    delete process.env.TZ;
    expect(result.ok, result.output).toBe(true);
    const second = hashes(path.join(dir, 'build', 'downloads'));
    // The page downloads, the bundles and recipes, and the validators' data (compose schema, catalogues, the stock filters "Try it" needs).
    // Both editions' (under /downloads/ and /downloads/v16/), the validators' data once.
    expect(Object.keys(first)).toHaveLength(51);
    expect(second).toEqual(first);
  });
});
