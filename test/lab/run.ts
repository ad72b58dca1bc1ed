/**
 * `npm run lab [-- --scenario NAME] [--edition bookworm|trixie|all] [--bundle FILE] [--record] [--keep]`
 *
 * The mail lab: real postfix, dovecot, rsyslog and fail2ban from Debian in
 * network namespaces that stand in for a Docker host, with an edition's
 * fail2ban files installed as the page's INSTALL.md says. Runs as root;
 * installs its Debian packages first (test/install-deps.sh lab). Prints each
 * scenario's result and a last line `N passed, N failed`; exits 1 when one failed.
 *   --edition bookworm: Debian 12's daemons, the 2021 edition's setup page bundle
 *             trixie: Debian 13's daemons in a chroot built with mmdebstrap (cached
 *             in /var/cache/mailguide-lab/trixie), the current edition's setup page bundle
 *             all (default): both, one after the other
 *   --record  (a full run only) also writes the mail log of every scenario
 *             and the daemon versions (test/lab/recorded/, recorded/trixie/), the
 *             filters' samples next to the filters (write-samples.ts), and the
 *             results for the page (editions.ts `results`)
 *   --bundle  installs this bundle instead of writing one with `npm run bundle` (one edition)
 *   --keep    keeps the lab's temp folder (configs, logs) for a look afterwards
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {installBundle, readJails, unpackBundle, writeBundle} from './bundle-install.ts';
import {editions, ensureRoot, inEdition, type Edition} from './editions.ts';
import {Lab, labDir, run} from './lab.ts';
import {scenarios, ScenarioFailure, setOverride, type Observed, type Scenario} from './scenarios.ts';
import {writeSamples} from './write-samples.ts';

const repo = path.resolve(labDir, '../..');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function versions(edition: Edition): string {
  return run(inEdition(edition, ['dpkg-query', '-W', '-f', '${Package} ${Version}\n', ...edition.packages])).stdout;
}

/** JSON with every object's keys sorted, so a run rewrites the file only where results changed. */
function sortedJson(value: unknown): string {
  const sort = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sort)
      : item && typeof item === 'object'
        ? Object.fromEntries(
            Object.entries(item)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, inner]) => [key, sort(inner)]),
          )
        : item;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

interface ScenarioResult {
  name: string;
  claim: string;
  kind: string;
  jails: string[];
  /** Per client address: tries, banned, after how many attempts, the next connection, the rule counters. */
  observed: Observed;
  /** Failures counted (fail2ban-client status: Total failed) by the scenario's jails; for legitimate traffic, by every jail. */
  failures: Record<string, number>;
  result: 'pass' | 'fail';
  seconds: number;
}

const forEdition = (edition: Edition) => scenarios.filter((scenario) => !scenario.editions || scenario.editions.includes(edition.name));

let interrupted = false;

/** One edition's lab: set up, every selected scenario, teardown. */
async function runEdition(edition: Edition, only: string | undefined, record: boolean): Promise<{passed: number; failed: number; seconds: number; count: number}> {
  const selected = forEdition(edition).filter((scenario) => !only || scenario.name === only);
  // A root built by this run is not lab time: the times below start after it.
  console.log(`lab: ${ensureRoot(edition)}`);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const lab = new Lab(edition);
  let passed = 0;
  let failed = 0;
  const recorded: string[] = [];
  const results: ScenarioResult[] = [];
  try {
    const archive = option('bundle') ?? path.join(lab.dir, 'bundle.tar.gz');
    if (!option('bundle')) writeBundle(edition.bundle.page, archive, repo);
    const bundle = unpackBundle(archive, path.join(lab.dir, 'download'), repo);
    const bundleName = `bundle of ${edition.bundle.page}`;
    lab.f2bEnv = Object.fromEntries(Object.entries(bundle.f2bEnvironment).filter(([name]) => name.startsWith('F2B_') || name === 'TZ'));
    console.log(
      `lab: f2b-system environment: ${
        Object.entries(lab.f2bEnv)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || '(none)'
      }`,
    );
    lab.networkUp();
    lab.prepareMail();
    lab.prepareFail2ban();
    // The reader sets up fail2ban (its own page) before the mail jails: f2b-system
    // runs once with an empty /data and writes its own log, which recidive reads.
    const firstStart = async () => {
      await lab.startFail2ban();
      await lab.stopFail2ban();
    };
    await Promise.all([lab.startMail(), firstStart()]);
    const installed = installBundle(bundle, {'/data/fail2ban': lab.hostData});
    const jails = readJails(path.join(lab.hostData, 'jail.d'));
    console.log(`lab: ${edition.name}; ${bundleName} installed as INSTALL.md says: ${installed.join(', ')}`);
    await lab.startFail2ban();
    console.log(`lab: ready after ${seconds()} s; jails running: ${lab.jails().join(', ')}`);
    for (const scenario of selected) {
      if (interrupted) break;
      const result = await runScenario(lab, scenario, jails);
      if (result.result === 'pass') passed += 1;
      else failed += 1;
      results.push(result);
      recorded.push(`# scenario: ${scenario.name}`, ...lab.log().split('\n').filter(Boolean));
      if (scenario.override) setOverride(lab, {override: undefined});
    }
    if (record) {
      const out = path.join(repo, edition.recorded);
      mkdirSync(out, {recursive: true});
      const packageVersions = versions(edition);
      writeFileSync(path.join(out, 'mail.log'), `${recorded.join('\n')}\n`);
      writeFileSync(
        path.join(out, 'versions.txt'),
        `# Debian ${edition.name}: the packages that wrote ${path.relative(path.join(repo, 'test/lab'), out)}/mail.log\n${packageVersions}`,
      );
      console.log(`lab: recorded ${recorded.length} lines to ${edition.recorded}/`);
      console.log(`lab: ${writeSamples(edition.name)}`);
      const resultsFile = path.join(repo, edition.results);
      mkdirSync(path.dirname(resultsFile), {recursive: true});
      writeFileSync(
        resultsFile,
        sortedJson({
          edition: {name: edition.name, debian: readFileSync(path.join(edition.root, 'etc/debian_version'), 'utf8').trim()},
          versions: Object.fromEntries(
            packageVersions
              .trim()
              .split('\n')
              .map((line) => line.split(' ')),
          ),
          recorded: new Date().toISOString().slice(0, 10),
          seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
          passed,
          failed,
          scenarios: results,
        }),
      );
      console.log(`lab: wrote ${path.relative(repo, resultsFile)}`);
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL lab setup or recording (${edition.name})\n${String(error instanceof Error ? error.stack : error).replace(/^/gm, '     ')}`);
    console.log(lab.fail2banOutput().slice(-3000));
  } finally {
    await lab.teardown({keep: process.argv.includes('--keep')});
    if (process.argv.includes('--keep')) console.log(`lab: kept ${lab.dir}`);
  }
  console.log(`lab: ${selected.length} scenario(s) on ${edition.name} in ${seconds()} s: ${passed} passed, ${failed} failed`);
  return {passed, failed, seconds: (Date.now() - started) / 1000, count: selected.length};
}

async function runScenario(lab: Lab, scenario: Scenario, jails: Record<string, Record<string, string>>): Promise<ScenarioResult> {
  const scenarioStart = Date.now();
  const notes: string[] = [];
  const observed: Observed = {};
  setOverride(lab, scenario);
  await lab.restartFail2ban();
  const restarted = (Date.now() - scenarioStart) / 1000;
  let ok = false;
  try {
    await scenario.run({lab, jails, note: (text) => notes.push(text), observed});
    ok = true;
  } catch (error) {
    const detail = error instanceof ScenarioFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    notes.push(`\n${detail}`);
  }
  // Failures counted by the jails the scenario is about (for legitimate traffic: by every jail, all 0).
  // Other jails may count an attack too (postfix logs its SASL warning unless the ban cut the session
  // first; recidive reads the bans), but how many depends on timing: they stay out of the results.
  const counting = scenario.kind === 'legitimate' ? lab.jails() : scenario.jails.filter((jail) => lab.jails().includes(jail));
  const failures = Object.fromEntries(counting.map((jail) => [jail, lab.jailStatus(jail).totalFailed]));
  const took = (Date.now() - scenarioStart) / 1000;
  console.log(
    `${ok ? 'PASS' : 'FAIL'} ${scenario.name} (${took.toFixed(1)} s, fail2ban restart ${restarted.toFixed(1)} s)\n     ${scenario.claim}${notes.map((note) => (note.startsWith('\n') ? note.replace(/^/gm, '     ') : `\n     - ${note}`)).join('')}`,
  );
  return {
    name: scenario.name,
    claim: scenario.claim,
    kind: scenario.kind,
    jails: scenario.jails,
    observed,
    failures,
    result: ok ? 'pass' : 'fail',
    seconds: Number(took.toFixed(1)),
  };
}

async function main(): Promise<number> {
  const started = Date.now();
  // Both editions by default: each edition's page must pass its own lab.
  const choice = option('edition') ?? 'all';
  const chosen = choice === 'all' ? Object.values(editions) : [editions[choice]];
  if (!chosen[0]) {
    console.error(`unknown edition ${choice}; known: ${Object.keys(editions).join(', ')}, all`);
    return 2;
  }
  const only = option('scenario');
  const unknown = only && chosen.every((edition) => !forEdition(edition).some((scenario) => scenario.name === only));
  if (unknown) {
    console.error(`unknown scenario ${only} for ${choice}; known: ${[...new Set(chosen.flatMap(forEdition).map((scenario) => scenario.name))].join(', ')}`);
    return 2;
  }
  if (process.getuid?.() !== 0) {
    console.error('The lab needs root (network namespaces, iptables, mounts).');
    return 2;
  }
  const record = process.argv.includes('--record');
  if (record && only) {
    console.error('--record needs a full run (the samples and results.json come from every scenario): drop --scenario.');
    return 2;
  }
  console.log(`lab: installing Debian packages where missing (test/install-deps.sh lab)`);
  const deps = run(['bash', path.join(repo, 'test/install-deps.sh'), 'lab'], {timeoutSeconds: 600});
  if (deps.code !== 0) throw new Error(`test/install-deps.sh lab failed:\n${deps.stdout}${deps.stderr}`);

  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let passed = 0;
  let failed = 0;
  const times: string[] = [];
  for (const edition of chosen) {
    if (interrupted) break;
    if (only && !forEdition(edition).some((scenario) => scenario.name === only)) continue;
    const result = await runEdition(edition, only, record);
    passed += result.passed;
    failed += result.failed;
    times.push(`${edition.name} ${result.count} scenario(s) in ${result.seconds.toFixed(1)} s (${result.passed} passed, ${result.failed} failed)`);
  }
  console.log(`lab: ${times.join('; ')}${chosen.length > 1 ? `; total ${((Date.now() - started) / 1000).toFixed(1)} s` : ''}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || interrupted ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
