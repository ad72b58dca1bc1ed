import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {banLogLine, filterSpec, runJailSet, type JailSetResult, type JailSpec} from '../../plugins/fail2ban-matcher/jails.ts';
import {runJailSetGuarded} from '../../plugins/fail2ban-matcher/node-guarded.ts';
import {pageJailSetup} from '../../plugins/fail2ban-matcher/page-data.ts';
import {mixedMailLog} from '../fail2ban/sample-log.ts';
import {exampleValues, fillPlaceholders, loadPlaceholders} from '../../plugins/guide-model/placeholders.ts';

// The whole-page "Try it" against fail2ban 1.0.2 itself, jail by jail: every
// enabled jail of the mail setup page (its own and the fail2ban page's: the
// guide's filters and the stock ones, in the jail's mode) over one mixed log
// of real lines, compared with the real `fail2ban-regex` run with the same
// filter over the same file: the same failures, in the same order, for the
// same addresses; and the bans those failures lead to compared with
// fail2ban's own FailManager and ignoreip (test/external/fail2ban-bans.py).
// Both run with the same fixed "now" (fail2ban's MyTime.setTime, the
// matcher's `clock`), never the wall clock: the year a date leaves out, what a
// line without a date takes and the time of a failure without one depend on it.
const pages = ['docs/services/email/mta/setup.md', 'docs/services/fail2ban/system.md'].map((p) => path.resolve(import.meta.dirname, '../..', p));
const setup = pageJailSetup(pages[0]);
const lines = mixedMailLog(3000, {pool: 40});
const dir = mkdtempSync(path.join(tmpdir(), 'mailguide-page-jails-'));
const logFile = path.join(dir, 'mail.log');
const oracle = path.join(import.meta.dirname, 'fail2ban-oracle.py');
/** The fixed "now" (ms). */
const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

interface Row {
  id: string;
  /** null: the line has no date. */
  time: number | null;
}

/** fail2ban-regex's failures (`-o row`), in log order (fail2ban-regex itself, its clock fixed at NOW). */
function fail2banRegex(file: string, jail: JailSpec): Row[] {
  const out = execFileSync(
    '/usr/bin/python3',
    [oracle, '--fail2ban-regex', String(NOW / 1000), '-o', 'row', '--raw', '--config', dir, file, filterSpec(jail).replace(/, /g, ',')],
    {encoding: 'utf8', maxBuffer: 1 << 28},
  );
  return out
    .split('\n')
    .filter((line) => line.startsWith('['))
    .map((line) => {
      const match = /^\[(?:'((?:[^'\\]|\\.)*)'|None),\t([\d.]+|None),/.exec(line);
      if (!match) throw new Error(`fail2ban-regex printed ${line}`);
      return {id: match[1] ?? 'None', time: match[2] === 'None' ? null : Number(match[2])};
    });
}

function fail2banBans(jail: JailSpec, rows: Row[]): Array<{id: string; at: number; retry: number}> {
  const input = JSON.stringify({
    maxretry: jail.maxretry,
    findtime: jail.findtime,
    bantime: jail.bantime,
    ignoreip: jail.ignoreip,
    now: NOW / 1000,
    failures: rows.map((row) => [row.id, row.time]),
  });
  return JSON.parse(execFileSync('/usr/bin/python3', [path.join(import.meta.dirname, 'fail2ban-bans.py')], {input, encoding: 'utf8'}));
}

let result: JailSetResult;
let compared = 0;
let bansCompared = 0;
beforeAll(() => {
  mkdirSync(path.join(dir, 'filter.d'));
  const values = exampleValues(loadPlaceholders());
  for (const [file, text] of Object.entries(setup.files)) writeFileSync(path.join(dir, file), file in setup.data.guideFilters ? fillPlaceholders(text, values) : text);
  writeFileSync(logFile, `${lines.join('\n')}\n`);
  result = runJailSet(setup, lines, {clock: NOW});
});

afterAll(() => {
  rmSync(dir, {recursive: true, force: true});
  console.log(
    `page-wide differential test: ${result.jails.filter((jail) => !jail.refused).length} jails × ${lines.length} lines compared with fail2ban-regex (${compared} failures, ${bansCompared} bans); refused: ${JSON.stringify(result.jails.filter((jail) => jail.refused).map((jail) => [jail.name, jail.refused]))}`,
  );
});

describe('the jails of the setup page agree with fail2ban 1.0.2 over one mixed log', () => {
  it('has the jails of the page and of the page it links to', () => {
    const names = setup.jails.map((jail) => jail.name);
    expect(names).toEqual(expect.arrayContaining(['mail-dovecot', 'postfix', 'mail-postfix', 'mail-postfix-rbl', 'mail-postfix-sasl', 'sshd']));
    expect(setup.jails.find((jail) => jail.name === 'postfix')).toMatchObject({filter: 'postfix', filterOptions: {mode: 'errors'}, maxretry: 1});
    expect(setup.jails.find((jail) => jail.name === 'sshd')).toMatchObject({filter: 'sshd', filterOptions: {mode: 'aggressive'}, bantime: -1});
    // The fail2ban page shows the same container's jails.
    expect(
      pageJailSetup(pages[1])
        .jails.map((jail) => jail.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  it.each(setup.jails.map((jail, index) => [jail.name, index] as const))('[%s]: the same failures, addresses and bans as fail2ban', (_name, index) => {
    const jail = setup.jails[index];
    const ours = result.jails[index];
    if (ours.refused) {
      // Refused, with a reason: never a different answer.
      expect(ours.refused).toMatch(/\S/);
      expect(ours.failures).toBe(0);
      return;
    }
    let file = logFile;
    let ourIds: string[] = result.lineHits.flatMap((hits) => hits.filter((hit) => hit.jail === index).map((hit) => hit.address));
    if (jail.filter === 'recidive') {
      // recidive also reads the Ban lines the other jails write: give fail2ban-regex the same log.
      file = path.join(dir, `recidive-${index}.log`);
      const byLine = new Map<number, string[]>();
      for (const ban of result.bans) if (ban.jail !== jail.name) byLine.set(ban.line, [...(byLine.get(ban.line) ?? []), banLogLine(ban)]);
      writeFileSync(file, `${lines.flatMap((line, i) => [line, ...(byLine.get(i) ?? [])]).join('\n')}\n`);
      ourIds = ours.addresses.flatMap((entry) => Array(entry.failures).fill(entry.address));
    }
    const rows = fail2banRegex(file, jail);
    const theirs = rows.map((row) => row.id);
    if (jail.filter === 'recidive') expect([...ourIds].sort()).toEqual([...theirs].sort());
    else expect(ourIds).toEqual(theirs);
    expect(ours.failures).toBe(rows.length);
    const perAddress = (ids: string[]) => Object.fromEntries([...new Set(ids)].sort().map((id) => [id, ids.filter((x) => x === id).length]));
    expect(Object.fromEntries(ours.addresses.map((entry) => [entry.address, entry.failures]).sort())).toEqual(perAddress(theirs));
    compared += rows.length;
    const bans = fail2banBans(jail, rows);
    // The page lists bans by time; fail2ban's helper in log order.
    const order = (list: Array<{id: string; at: number; retry: number}>) => [...list].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ourBans = result.bans.filter((ban) => ban.jail === jail.name).map((ban) => ({id: ban.address, at: ban.at / 1000, retry: ban.failures}));
    expect(order(ourBans)).toEqual(order(bans.map(({id, at, retry}) => ({id, at, retry}))));
    bansCompared += bans.length;
  });

  it('gives the same answer in a worker thread', async () => {
    // A budget no line of this log comes near even on a busy machine: the answers must be the same.
    const guarded = await runJailSetGuarded({jails: setup.jails, files: setup.files}, lines, {budgetMs: 1000, now: NOW});
    expect(guarded.tooSlow).toEqual([]);
    expect(guarded.bans).toEqual(result.bans);
    expect(guarded.jails.map((jail) => jail.failures)).toEqual(result.jails.map((jail) => jail.failures));
  }, 60_000);
});
