/**
 * `npm run try -- <filter.conf> <logfile> [--maxretry 3] [--findtime 86400]`:
 * runs a fail2ban filter over log lines with the matcher the "Try it" box of
 * the site uses, and prints, for each line, the failregex that matched and the
 * address fail2ban would take; then who a jail with these settings would ban.
 *
 * `npm run try -- <page.md> <logfile> [--set NAME=value] [--lines]`: runs
 * every enabled jail of a page (its own jail files and those of the pages it
 * links to; the guide's filters and fail2ban's stock ones, each with the jail's
 * mode, maxretry, findtime, bantime and ignoreip) over the log, as the page's
 * whole-page "Try it" does, in a worker thread with the same 50 ms budget a
 * line, and prints per jail what it found and, per address, which jail bans
 * it, when and for how long.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {exampleValues, fillPlaceholders, loadPlaceholders} from '../guide-model/placeholders.ts';
import {banVerdict, compileFilter, matchLines, seconds} from '../fail2ban-matcher/index.ts';
import {formatDuration, formatTime, jailsFromFiles, type JailSetResult} from '../fail2ban-matcher/jails.ts';
import {runJailSetGuarded} from '../fail2ban-matcher/node-guarded.ts';
import {pageJailSetup} from '../fail2ban-matcher/page-data.ts';
import {stockFilterDir} from '../validators/fail2ban/filter.ts';

const usage =
  'usage: npm run try -- <filter.conf> <logfile> [--maxretry 3] [--findtime 86400]\n       npm run try -- <page.md> <logfile> [--set NAME=value]… [--lines] [--budget 50]';

function tryFilter(filterPath: string, logPath: string, option: (name: string, fallback: string) => string): number {
  const includes = {'common.conf': readFileSync(path.join(stockFilterDir, 'common.conf'), 'utf8')};
  const filter = compileFilter(readFileSync(filterPath, 'utf8'), includes);
  const lines = readFileSync(logPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const results = matchLines(filter, lines);
  results.forEach((result, index) => {
    const what = result.verdict === 'failure' ? `failregex line ${result.regexLine}  ${result.address}` : result.verdict === 'ignored' ? 'ignored (ignoreregex)' : 'no match';
    console.log(`${String(index + 1).padStart(4)}  ${what.padEnd(40)}  ${result.line.slice(0, 100)}`);
  });
  const jail = {name: path.basename(filterPath, '.conf'), maxretry: Number(option('--maxretry', '3')), findtime: seconds(option('--findtime', '86400'))};
  const verdicts = banVerdict(results, jail);
  const failures = results.filter((result) => result.verdict === 'failure').length;
  console.log(`\n${lines.length} lines, ${failures} failures, ${verdicts.length} distinct addresses`);
  for (const {address, failures: count, banned} of verdicts) {
    console.log(`  ${address}: ${count} failure${count === 1 ? '' : 's'}${banned ? ` -> banned (maxretry ${jail.maxretry} within findtime ${jail.findtime} s)` : ''}`);
  }
  return 0;
}

/** The report of a whole page's run, as the terminal shows it. */
export function pageReport(result: JailSetResult, lines: readonly string[], showLines: boolean): string[] {
  const out: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
  if (showLines) {
    result.lineHits.forEach((hits, index) => {
      const what = hits.length === 0 ? 'no match' : hits.map((hit) => `[${result.jails[hit.jail].name}] ${hit.address}${hit.ignored ? ' (ignoreip)' : ''}`).join(', ');
      out.push(`${String(index + 1).padStart(5)}  ${what.padEnd(40)}  ${lines[index].slice(0, 100)}`);
    });
    out.push('');
  }
  out.push(`${plural(result.lines, 'line')}, ${plural(result.jails.length, 'jail')}, matched in ${Math.round(result.ms)} ms`);
  for (const jail of result.jails) {
    const settings = `filter ${jail.filter}, maxretry ${jail.maxretry}, findtime ${formatDuration(jail.findtime)}, bantime ${formatDuration(jail.bantime)}`;
    const bans = jail.addresses.reduce((sum, entry) => sum + entry.bans.length, 0);
    const found = jail.refused
      ? `refused: ${jail.refused}`
      : `${plural(jail.failures, 'failure')} from ${plural(jail.addresses.length, 'address')}${jail.ignored ? ` (${jail.ignored} ignored by ignoreip)` : ''}, ${plural(bans, 'ban')}`;
    out.push(`  [${jail.name}] ${settings}${jail.source ? ` (${jail.source})` : ''}: ${found}`);
  }
  out.push('', result.bans.length ? 'Bans:' : 'No jail bans anyone.');
  for (const ban of result.bans) {
    out.push(
      `  ${ban.address.padEnd(18)} [${ban.jail}] at ${formatTime(ban.at)} (line ${ban.line + 1}, ${plural(ban.failures, 'failure')}) ${ban.until === null ? 'for ever' : `for ${formatDuration((ban.until - ban.at) / 1000)}, until ${formatTime(ban.until)}`}`,
    );
  }
  const notBanned = result.jails.flatMap((jail) => jail.addresses.filter((entry) => entry.bans.length === 0).map((entry) => ({jail, entry})));
  if (notBanned.length) {
    out.push('', 'Failures without a ban:');
    for (const {jail, entry} of notBanned)
      out.push(`  ${entry.address.padEnd(18)} [${jail.name}] ${plural(entry.failures, 'failure')}${entry.ignoredBy ? `, never banned: ignoreip ${entry.ignoredBy}` : ''}`);
  }
  if (result.tooSlow.length) {
    out.push('', 'Refused lines:');
    for (const slow of result.tooSlow) out.push(`  line ${slow.line + 1} [${slow.jail < 0 ? 'date' : result.jails[slow.jail].name}]: ${slow.reason}`);
  }
  return out;
}

async function tryPage(pagePath: string, logPath: string, args: string[]): Promise<number> {
  const setup = pageJailSetup(path.resolve(pagePath));
  const values = {...exampleValues(loadPlaceholders())};
  args.forEach((arg, index) => {
    if (arg === '--set') {
      const [name, ...value] = (args[index + 1] ?? '').split('=');
      values[name] = value.join('=');
    }
  });
  const {jails, problems} = jailsFromFiles(
    setup.data.jailFiles.map((file) => ({name: file.name, text: fillPlaceholders(file.text, values)})),
    setup.data.stockJails,
  );
  for (const problem of problems) console.error(problem);
  if (jails.length === 0) {
    console.error(`${pagePath}: no enabled jail on this page or the pages it links to.`);
    return 1;
  }
  const lines = readFileSync(logPath, 'utf8').replace(/\n$/, '').split('\n');
  const budget = Number(args.includes('--budget') ? args[args.indexOf('--budget') + 1] : 50);
  const result = await runJailSetGuarded({jails, files: setup.files}, lines, {budgetMs: budget, keepLines: args.includes('--lines') ? Infinity : 0});
  for (const line of pageReport(result, lines, args.includes('--lines'))) console.log(line);
  return 0;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const [target, logPath] = args.filter((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
  if (!target || !logPath) {
    console.error(usage);
    return 2;
  }
  return /\.mdx?$/.test(target) ? tryPage(target, logPath, args) : tryFilter(target, logPath, option);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
