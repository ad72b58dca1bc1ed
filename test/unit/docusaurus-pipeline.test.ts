import {readFileSync} from 'node:fs';
import path from 'node:path';
// Docusaurus's own Markdown processor factory, as its mdx-loader uses it.
import {createProcessorUncached} from '@docusaurus/mdx-loader/lib/processor.js';
import {DEFAULT_MARKDOWN_CONFIG} from '@docusaurus/core/lib/server/configValidation.js';
import {DEFAULT_PARSE_FRONT_MATTER} from '@docusaurus/utils';
import {describe, expect, it} from 'vitest';
import {docsRemarkPlugins} from '../../plugins/remark/index.ts';
import {GuideEditions} from '../../plugins/guide-index/editions.ts';
import {GuideIndex} from '../../plugins/guide-index/index.ts';

const siteDir = path.resolve(import.meta.dirname, '../..');
const docsDir = path.join(siteDir, 'docs');
// As the site's docusaurus-guide-index plugin does before the pages compile.
const editions = new GuideEditions([new GuideIndex(docsDir)]);
await editions.load();

/** Compiles a docs page to JSX with the site's remark plugins, through Docusaurus's pipeline. */
async function compile(relativePath: string, content?: string): Promise<string> {
  const filePath = path.join(docsDir, relativePath);
  // The loader hands the whole file (front matter included) to the processor.
  const fileContent = content ?? readFileSync(filePath, 'utf8');
  const {frontMatter} = await DEFAULT_PARSE_FRONT_MATTER({filePath, fileContent});
  const processor = await createProcessorUncached({
    format: 'md',
    options: {
      siteDir,
      staticDirs: [],
      admonitions: true,
      markdownConfig: {...DEFAULT_MARKDOWN_CONFIG, format: 'detect'},
      ...docsRemarkPlugins(editions),
    } as never,
  });
  const result = await processor.process({content: fileContent, filePath, frontMatter, compilerName: 'server'});
  return result.content;
}

describe("the setup page through Docusaurus's Markdown pipeline", () => {
  it('renders glossary terms, the anchor, admonitions and the included files', async () => {
    const jsx = await compile('services/email/mta/setup.md');
    expect(jsx).toMatch(/_jsx\(_components\.GlossaryTerm|<GlossaryTerm|GlossaryTerm, \{/);
    expect(jsx).toContain('href: "/glossary#term-MTA"');
    expect(jsx).toContain('id: "service-email-mta-setup"');
    expect(jsx).toContain('"service-email-ports"');
    expect(jsx).toContain('type: "warning"');
    expect(jsx).toContain('title=\\"0644 root root /data/filter.d/mail-dovecot.conf\\" {12}');
    expect(jsx).toContain('pam_authenticate');
  });

  it('renders the ports and files tables from their YAML, with row anchors and state links', async () => {
    const jsx = await compile('services/email/mta/setup.md');
    for (const anchor of ['port-25-tcp', 'port-587-tcp', 'port-995-tcp', 'file-var-mail', 'file-etc-letsencrypt']) {
      expect(jsx).toContain(`id: "${anchor}"`);
    }
    expect(jsx).toContain('href: "/glossary#state-exposed"');
    expect(jsx).toContain('_components.details');
    expect(jsx).not.toContain('```yaml');
  });

  it('fails with every table problem of the page listed by position', async () => {
    const page = readFileSync(path.join(docsDir, 'services/email/mta/setup.md'), 'utf8').replace('state: EXPOSED', 'state: EXPOSD').replace('- port: 995', '- port: 99500');
    const line = (needle: string) => page.slice(0, page.indexOf(needle)).split('\n').length;
    const error = await compile('services/email/mta/setup.md', page).catch((thrown: Error) => thrown);
    expect(String(error)).toContain(`docs/services/email/mta/setup.md:${line('EXPOSD')}:10  error  ports/unknown-state  Unknown state "EXPOSD". Did you mean "EXPOSED"?`);
    expect(String(error)).toContain(`docs/services/email/mta/setup.md:${line('99500')}:9  error  ports/port-range  Port 99500 is out of range`);
  });

  it('fails with the page and position for an unknown term', async () => {
    const page = readFileSync(path.join(docsDir, 'services/email/mta/setup.md'), 'utf8').replace(':term[MUA]', ':term[MUAA]');
    await expect(compile('services/email/mta/setup.md', page)).rejects.toMatchObject({
      ruleId: 'unknown-term',
      file: path.join(docsDir, 'services/email/mta/setup.md'),
      line: page.slice(0, page.indexOf(':term[MUAA]')).split('\n').length,
    });
  });
});
