/**
 * `npm run bundle -- <page.md> [--out file.tar.gz|file.zip] [--set NAME=value …]`:
 * the page's configuration bundle, as the site publishes it, without building
 * the site. With --set, the files are filled with your values.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {formatMessage, report} from '../guide-model/diagnostics.ts';
import {archivesOf, pageDownloads} from '../guide-bundle/index.ts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const pagePath = args.find((arg, index) => !arg.startsWith('--') && !['--out', '--set'].includes(args[index - 1]));
  const out = args[args.indexOf('--out') + 1] && args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
  const values: Record<string, string> = {};
  args.forEach((arg, index) => {
    if (args[index - 1] === '--set') {
      const [name, ...value] = arg.split('=');
      values[name] = value.join('=');
    }
  });
  if (!pagePath) {
    console.error('usage: npm run bundle -- <page.md> [--out file.tar.gz|file.zip] [--set NAME=value …]');
    return 2;
  }
  const result = await pageDownloads(path.resolve(pagePath));
  const problems = [...result.problems, ...result.check.problems, ...result.check.snippets.flatMap((check) => check.problems)];
  for (const problem of problems) report(result.page.file, problem);
  const errors = result.page.file.messages.filter((message) => message.fatal);
  for (const message of errors) console.error(formatMessage(message));
  if (errors.length > 0) return 1;
  if (!result.spec) {
    console.error(`${pagePath} has no configuration files to bundle.`);
    return 1;
  }
  const archives = await archivesOf(result.spec, result.route, values);
  const wanted = out ?? archives[0].fileName;
  const archive = archives.find((candidate) => wanted.endsWith(candidate.fileName.endsWith('.zip') ? '.zip' : '.tar.gz'));
  if (!archive) {
    console.error(`--out must end in .tar.gz or .zip: ${wanted}`);
    return 2;
  }
  writeFileSync(wanted, archive.bytes);
  console.log(`${wanted}  ${archive.size} bytes  sha256 ${archive.sha256}`);
  return 0;
}

main().then((code) => process.exit(code));
