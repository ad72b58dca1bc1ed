/**
 * `npm run check [-- page.md …]`: validates the tables and snippets of every
 * docs page (or the pages given) without building the site, and prints each
 * problem as `file:line:col  severity  rule-id  message`.
 * Exits 1 when there is an error.
 */
import path from 'node:path';
import {formatMessage, report} from '../guide-model/diagnostics.ts';
import {readGuidePage} from '../guide-model/page.ts';
import {checkPage, listPages} from '../snippet-validators/index.ts';

async function main(): Promise<number> {
const started = performance.now();
const pages = process.argv.length > 2 ? process.argv.slice(2).map((page) => path.resolve(page)) : listPages();
let errors = 0;
let warnings = 0;
let snippets = 0;
for (const pagePath of pages) {
  const page = readGuidePage(pagePath);
  const result = await checkPage(page);
  snippets += result.snippets.length;
  for (const problem of [...result.snippets.flatMap((check) => check.problems), ...result.problems, ...(page.changes?.problems ?? [])]) report(page.file, problem);
  for (const message of page.file.messages) {
    console.log(formatMessage(message));
    if (message.fatal) errors += 1;
    else warnings += 1;
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(`\n${pages.length} pages, ${snippets} snippets checked in ${seconds} s: ${errors} errors, ${warnings} warnings`);
return errors > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
