import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import {unified, type PluggableList} from 'unified';
import {VFile} from 'vfile';
import {GuideEditions} from '../../../guide-index/editions.ts';
import {GuideIndex} from '../../../guide-index/index.ts';
import remarkGuideTables from '../index.ts';

// One fixture per problem: `errors/<name>.md` is the page, `errors/<name>.txt`
// the diagnostics it must produce, one `line:column  severity  rule  message` each.
const errorsDir = path.join(import.meta.dirname, '__fixtures__/errors');
const fixtures = readdirSync(errorsDir).filter((name) => name.endsWith('.md'));
const plugins: PluggableList = [[remarkGuideTables, {statesRoute: '/glossary', editions: new GuideEditions([new GuideIndex(errorsDir)])}]];

describe('table diagnostics', () => {
  it('has a fixture for each rule', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(24);
  });

  it.each(fixtures)('%s', async (name) => {
    const expected = readFileSync(path.join(errorsDir, name.replace(/\.md$/, '.txt')), 'utf8')
      .trim()
      .split('\n');
    const fixture = path.join(errorsDir, name);
    const file = new VFile({path: fixture, value: readFileSync(fixture, 'utf8')});
    const processor = unified().use(remarkParse).use(remarkDirective).use(plugins);
    const thrown = await processor.run(processor.parse(file), file).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(file.messages.map((m) => `${m.line}:${m.column}  ${m.fatal ? 'error' : 'warning'}  ${m.source}/${m.ruleId}  ${m.reason}`)).toEqual(expected);
    // With errors, the page fails listing each, with the page's path and position.
    const errors = expected.filter((line) => line.includes('  error  '));
    if (errors.length === 0) expect(thrown).toBeUndefined();
    else {
      const listed = thrown?.message.split('\n').slice(1) ?? [];
      expect(listed).toHaveLength(errors.length);
      errors.forEach((line, index) => expect(listed[index].startsWith(`${path.relative(process.cwd(), fixture)}:${line}`)).toBe(true));
    }
  });
});
