/**
 * `npm run check [-- page.md …]`: loads the guide index of each edition's docs folder
 * (every page read, checked and packed, as the site build does) without
 * building the site, and prints the problems of every page (or of the pages
 * given), grouped by file, as vfile-reporter prints them.
 * Exits 1 when there is an error.
 */
import path from 'node:path';
import {siteEditions} from '../guide-index/editions.ts';
import {report, reportMessages} from '../guide-model/diagnostics.ts';

async function main(): Promise<number> {
  const started = performance.now();
  const editions = siteEditions(path.resolve(import.meta.dirname, '../..'));
  await editions.load();
  const wanted = process.argv.slice(2).map((page) => path.resolve(page));
  // A page outside the docs folders (a draft) is checked against the first edition as it is.
  const pages = wanted.length === 0 ? await editions.pages() : await Promise.all(wanted.map((pagePath) => editions.for(pagePath).page(pagePath)));
  for (const {page, check, downloads} of pages) {
    for (const problem of [...check.snippets.flatMap((snippet) => snippet.problems), ...check.problems, ...downloads.problems, ...(page.changes?.problems ?? [])])
      report(page.file, problem);
  }
  const messages = pages.flatMap(({page}) => page.file.messages);
  const errors = messages.filter((message) => message.fatal).length;
  const warnings = messages.length - errors;
  if (messages.length > 0) console.log(reportMessages(messages));
  const snippets = pages.reduce((count, {check}) => count + check.snippets.length, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`\n${pages.length} pages, ${snippets} snippets checked in ${seconds} s: ${errors} errors, ${warnings} warnings`);
  return errors > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
