/**
 * `npm run bundle -- <page.md> [--out file.tar.gz|file.zip] [--set NAME=value …]`:
 * the page's configuration bundle, as the site publishes it, without building
 * the site. With --set, the files are filled with your values, which must pass
 * the same checks as in the values panel of the site.
 * Exits 1 when the page has an error, 2 on a bad argument or value.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {report, reportMessages} from '../guide-model/diagnostics.ts';
import {valueProblems} from '../guide-model/placeholder-rules.ts';
import {loadPlaceholders} from '../guide-model/placeholders.ts';
import {archivesOf} from '../bundle/index.ts';
import {siteEditions} from '../guide-index/editions.ts';

const siteDir = path.resolve(import.meta.dirname, '../..');
const usage = 'usage: npm run bundle -- <page.md> [--out file.tar.gz|file.zip] [--set NAME=value …]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({allowPositionals: true, options: {out: {type: 'string'}, set: {type: 'string', multiple: true}}});
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [pagePath, ...extra] = parsed.positionals;
  if (!pagePath || extra.length > 0) {
    console.error(usage);
    return 2;
  }
  const values: Record<string, string> = {};
  for (const assignment of parsed.values.set ?? []) {
    const [name, ...value] = assignment.split('=');
    if (value.length === 0) {
      console.error(`--set ${assignment}: write NAME=value, such as --set DOMAIN=example.org.`);
      return 2;
    }
    values[name] = value.join('=');
  }
  const refused = valueProblems(values, loadPlaceholders());
  for (const {name, message} of refused) console.error(`--set ${name}=${values[name] ?? ''}: ${message}`);
  if (refused.length > 0) return 2;

  // The same index the site builds: every page of the page's edition, for what this one reads from the others.
  const index = siteEditions(siteDir).for(path.resolve(pagePath));
  await index.load();
  const {downloads: result} = await index.page(path.resolve(pagePath));
  const problems = [...result.problems, ...result.check.problems, ...result.check.snippets.flatMap((check) => check.problems), ...(result.page.changes?.problems ?? [])];
  for (const problem of problems) report(result.page.file, problem);
  const errors = result.page.file.messages.filter((message) => message.fatal);
  if (errors.length > 0) {
    console.error(reportMessages(errors));
    return 1;
  }
  if (!result.spec) {
    console.error(`${pagePath} has no configuration files to bundle.`);
    return 1;
  }
  const archives = await archivesOf(result.spec, result.route, values);
  const wanted = parsed.values.out ?? archives[0].fileName;
  // The archive formats the site publishes (render.ts archiveFormats), by the ending of the file name.
  const ending = (fileName: string) => fileName.replace(/^[^.]*/, '');
  const archive = archives.find((candidate) => wanted.endsWith(ending(candidate.fileName)));
  if (!archive) {
    console.error(`--out must end in ${archives.map((candidate) => ending(candidate.fileName)).join(' or ')}: ${wanted}`);
    return 2;
  }
  writeFileSync(wanted, archive.bytes);
  console.log(`${wanted}  ${archive.size} bytes  sha256 ${archive.sha256}`);
  return 0;
}

main().then((code) => process.exit(code));
