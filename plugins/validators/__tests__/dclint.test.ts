import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {dclint} from '../compose/lint.ts';

// The guide lints compose text with dclint's lintContent, which dclint's types
// do not export (its public lintFiles compiles the schema per file: 46 ms a
// snippet). This holds the method to what the public API says of the same file,
// so a dclint upgrade that changes or drops it fails here, not in a build.
describe("dclint's lintContent, as the guide uses it", () => {
  const text = 'services:\n  mail:\n    image: example/mail:1.0\n    ports:\n      - 25:25\n  relay:\n    image: example/relay:1.0\n    ports:\n      - "25:25"\n';

  it('still exists', () => {
    expect(typeof dclint.lintContent).toBe('function');
  });

  it("gives the same messages as dclint's public lintFiles on the same file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dclint-'));
    try {
      const file = path.join(dir, 'compose.yaml');
      writeFileSync(file, text);
      const viaFiles = (dclint as unknown as {lintFiles(paths: string[], recursive: boolean): Array<{messages: unknown[]}>})
        .lintFiles([file], false)
        .flatMap((result) => result.messages);
      const viaContent = dclint.lintContent({path: file, content: parse(text) as object, sourceCode: text});
      expect(viaContent).toEqual(viaFiles);
      // The file has a duplicate exported port and an unquoted one: the check above compares real messages.
      expect(viaContent.map((message) => message.rule).sort()).toEqual(['no-duplicate-exported-ports', 'require-quotes-in-ports']);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
