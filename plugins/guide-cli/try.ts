/**
 * `npm run try -- <filter.conf> <logfile> [--maxretry 3] [--findtime 86400]`:
 * runs a fail2ban filter over log lines with the matcher the "Try it" box of
 * the site uses, and prints, for each line, the failregex that matched and the
 * address fail2ban would take; then who a jail with these settings would ban.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {banVerdict, compileFilter, matchLines, seconds} from '../fail2ban-matcher/index.ts';
import {stockFilterDir} from '../snippet-validators/fail2ban/filter.ts';

function main(): number {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const [filterPath, logPath] = args.filter((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
  if (!filterPath || !logPath) {
    console.error('usage: npm run try -- <filter.conf> <logfile> [--maxretry 3] [--findtime 86400]');
    return 2;
  }
  const includes = {'common.conf': readFileSync(path.join(stockFilterDir, 'common.conf'), 'utf8')};
  const filter = compileFilter(readFileSync(filterPath, 'utf8'), includes);
  const lines = readFileSync(logPath, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
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

process.exit(main());
