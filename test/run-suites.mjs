// `npm test`: type-checks, then runs every vitest suite (unit, site, browser)
// and ends with the line CI reads: "N passed, N failed[, N skipped]".
import {spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync} from 'node:fs';

const report = 'test-results/vitest.json';
mkdirSync('test-results', {recursive: true});
rmSync(report, {force: true});

const run = (command, args) => spawnSync(command, args, {stdio: 'inherit'}).status ?? 1;

const typecheck = run('npx', ['tsc', '--noEmit']);
if (typecheck !== 0) console.error('Type check failed (tsc --noEmit).');

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

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitest !== 0 || typecheck !== 0 || failed > 0 || passed === 0 ? 1 : 0);
