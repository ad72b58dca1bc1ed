// `npm test`: type-checks and lints, then runs every vitest suite (unit, site, browser),
// then the mail lab (test/lab: real postfix, dovecot and fail2ban in network
// namespaces; as root only), and ends with the line CI reads:
// "N passed, N failed[, N skipped]", the lab's scenarios included.
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync} from 'node:fs';

const report = 'test-results/vitest.json';
mkdirSync('test-results', {recursive: true});
rmSync(report, {force: true});

const run = (command, args) => spawnSync(command, args, {stdio: 'inherit'}).status ?? 1;

const typecheck = run('npx', ['tsc', '--noEmit']);
if (typecheck !== 0) console.error('Type check failed (tsc --noEmit).');
// The linter and the formatter's check (npm run lint; npm run format fixes the formatting).
const lint = run('npm', ['run', '--silent', 'lint']);
if (lint !== 0) console.error('Lint failed (npm run lint: eslint, prettier --check).');

const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A suite that fails to load counts as a failure even with no test run.
  if (results.numFailedTestSuites > 0 && failed === 0) failed = results.numFailedTestSuites;
} catch {
  failed += 1;
  console.error(`No vitest report at ${report}.`);
}
if (typecheck !== 0) failed += 1;
if (lint !== 0) failed += 1;

// The mail lab: as root, with network namespaces (it makes its own and removes
// them). Its output is printed as it runs; its last line is "N passed, N failed".
const args = process.argv.slice(2);
const works = (command, commandArgs) => spawnSync(command, commandArgs, {stdio: 'ignore'}).status === 0;
let labFailed = false;
if (args.length > 0) {
  console.log('\nMail lab skipped: only some tests were asked for.');
  skipped += 1;
} else if (process.getuid?.() !== 0) {
  console.log('\nMail lab skipped: it needs root (network namespaces, iptables). Run `sudo npm run lab` for it alone.');
  skipped += 1;
} else if (!works('ip', ['netns', 'list']) || !works('unshare', ['--net', 'true'])) {
  console.log('\nMail lab skipped: no network namespaces here (`ip netns` and `unshare --net` must work as root).');
  skipped += 1;
} else {
  console.log('\nMail lab (npx tsx test/lab/run.ts):');
  const out = await new Promise((resolve) => {
    const lab = spawn('npx', ['tsx', 'test/lab/run.ts'], {stdio: ['ignore', 'pipe', 'inherit']});
    let text = '';
    lab.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk;
    });
    lab.on('close', (code) => resolve({code, text}));
  });
  const counts = [...out.text.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  }
  if (!counts || out.code !== 0) {
    labFailed = true;
    if (!counts || Number(counts[2]) === 0) failed += 1;
    console.error(`The mail lab failed (exit ${out.code}).`);
  }
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitest !== 0 || typecheck !== 0 || lint !== 0 || labFailed || failed > 0 || passed === 0 ? 1 : 0);
