import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadGlossary} from '../glossary.ts';

function glossaryFile(yaml: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'glossary-')), 'glossary.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('glossary data', () => {
  it('loads the site glossary with the terms the original site defined', () => {
    const terms = loadGlossary().map((entry) => entry.term);
    expect(terms).toEqual(expect.arrayContaining(['MTA', 'MDA', 'MUA', 'DKIM', 'SPF', 'DMARC']));
  });

  it('rejects an entry without a definition', () => {
    expect(() => loadGlossary(glossaryFile('- term: X\n  expansion: Ex\n'))).toThrow(/entry 1 needs a non-empty "definition"/);
  });

  it('rejects a term defined twice', () => {
    const entry = '- term: X\n  expansion: Ex\n  definition: D\n';
    expect(() => loadGlossary(glossaryFile(entry + entry))).toThrow(/term "X" is defined twice/);
  });
});
