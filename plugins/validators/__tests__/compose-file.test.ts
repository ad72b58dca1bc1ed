import {describe, expect, it} from 'vitest';
import {readGuidePage} from '../../guide-model/page.ts';
import {exampleValues, loadPlaceholders} from '../../guide-model/placeholders.ts';
import {fileFail2banCatalogue, readCatalogues} from '../compose/dms/catalogue-files.ts';
import {checkComposeFile, type ComposeRuleSet} from '../compose/rules.ts';
import {composeSchemaValidator, composeSchemaVersion} from '../compose/schema.ts';
import {checkPage} from '../index.ts';

// The rules the values panel runs in the browser, on the guide's merged compose file.
const rules: ComposeRuleSet = {schema: composeSchemaValidator(), schemaVersion: composeSchemaVersion, catalogues: readCatalogues(), fail2ban: fileFail2banCatalogue()};

describe('the compose rules on a whole file with the reader values', async () => {
  const merged = (await checkPage(readGuidePage('docs/services/email/mta/setup.md'))).merged!;
  const examples = exampleValues(loadPlaceholders());

  it('pass the merged setup file with the example values, but for the warnings', () => {
    expect(checkComposeFile(merged.text, examples, rules).filter((problem) => problem.severity !== 'warning')).toEqual([]);
  });

  it('point a value that breaks the file at the line of its placeholder', () => {
    const problems = checkComposeFile(merged.text, {...examples, DOMAIN: 'example.org\n    portz: [1]'}, rules).filter((problem) => problem.severity !== 'warning');
    const lines = merged.text.split('\n');
    expect(problems.length).toBeGreaterThan(0);
    // A line of the file as written that holds {DOMAIN}: the panel reports the problem under that field.
    for (const problem of problems) expect(lines[(problem.place as {line: number}).line - 1]).toContain('{DOMAIN}');
  });

  it('report a domain that makes the postmaster address invalid for docker-mailserver', () => {
    const problems = checkComposeFile(merged.text, {...examples, DOMAIN: 'bad domain'}, rules);
    expect(problems.map((problem) => problem.ruleId)).toContain('compose/env-invalid');
  });
});
