import {readdirSync} from 'node:fs';
import type {Problem} from '../../guide-model/diagnostics.ts';
import type {PortState} from '../../guide-model/port-states.ts';
import type {PortsTable} from '../../guide-model/tables.ts';
import type {MergedCompose} from '../compose/merge.ts';
import {holdingMount, isWithin, parseMount} from '../compose/service-data.ts';
import {problemAtLine, type FilledSnippet} from '../problems.ts';
import {fail2banSeconds} from '../../fail2ban-matcher/time.ts';
import {parseConfig} from './config-file.ts';
import {stockFilterDir} from './filter.ts';

/** The filters Debian's fail2ban 1.0.2 ships in `/etc/fail2ban/filter.d` (a copy: `stock-filter.d/`). */
export const stockFilters: ReadonlySet<string> = new Set(
  readdirSync(stockFilterDir)
    .filter((name) => name.endsWith('.conf'))
    .map((name) => name.replace(/\.conf$/, '')),
);

/** Port names a jail may use, as /etc/services names them. */
const namedPorts: Record<string, number> = {
  ssh: 22,
  smtp: 25,
  http: 80,
  pop3: 110,
  imap: 143,
  https: 443,
  submissions: 465,
  smtps: 465,
  submission: 587,
  imaps: 993,
  pop3s: 995,
  sieve: 4190,
};

export interface JailContext {
  /** Filters of the guide: the names of every `/data/filter.d/<name>.conf` snippet. */
  guideFilters: ReadonlySet<string>;
  merged?: MergedCompose;
  portsTables: readonly PortsTable[];
  states: readonly PortState[];
}

function portsOf(value: string): Array<[number, number]> | undefined {
  const ports: Array<[number, number]> = [];
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\w+)(?:[:-](\w+))?$/.exec(part);
    const number = (text: string) => (/^\d+$/.test(text) ? Number(text) : namedPorts[text]);
    if (!match || number(match[1]) === undefined || (match[2] && number(match[2]) === undefined)) return undefined;
    ports.push([number(match[1]), number(match[2] ?? match[1])]);
  }
  return ports;
}

/** The fail2ban service of a compose file: the one running a fail2ban image. */
function fail2banService(merged: MergedCompose): string | undefined {
  return Object.entries(merged.data.services).find(([, service]) => /fail2ban/.test(String(service.image ?? '')))?.[0];
}

/**
 * Checks a jail file: each jail's filter exists, its log is one the fail2ban
 * container can read, it bans on every public port of the service whose log
 * it reads, and its numbers and durations are valid.
 */
export function checkJails(filled: FilledSnippet, context: JailContext): Problem[] {
  const config = parseConfig(filled.text);
  const at = (line: number, problem: Omit<Problem, 'place' | 'path'>) => problemAtLine(filled, line, problem);
  const problems: Problem[] = config.errors.map(({line, text}) =>
    at(line, {ruleId: 'jail/syntax', reason: `fail2ban cannot read "${text.trim()}": expected [jail], name = value, or an indented continuation line.`}),
  );
  const f2b = context.merged && fail2banService(context.merged);
  const f2bMounts = f2b ? ((context.merged!.data.services[f2b].volumes as unknown[]) ?? []).map(parseMount).filter((mount) => mount !== undefined) : [];

  for (const jail of config.sections.values()) {
    if (jail.name === 'DEFAULT' || jail.name === 'INCLUDES') continue;
    const option = (name: string) => jail.options.get(name);
    const filterName = (option('filter')?.value ?? jail.name).replace(/\[.*\]$/, '').trim();
    if (!context.guideFilters.has(filterName) && !stockFilters.has(filterName)) {
      problems.push(
        at(option('filter')?.line ?? jail.line, {
          ruleId: 'jail/unknown-filter',
          reason: `Jail [${jail.name}] uses filter "${filterName}", which is neither a filter of this guide nor one fail2ban 1.0.2 ships.`,
        }),
      );
    }
    const enabled = option('enabled');
    if (enabled && !/^(true|false|yes|no|on|off|1|0)$/i.test(enabled.value)) {
      problems.push(at(enabled.line, {ruleId: 'jail/boolean', reason: `enabled = ${enabled.value}: write true or false.`}));
    }
    for (const name of ['bantime', 'findtime']) {
      const value = option(name);
      if (value && (fail2banSeconds(value.value) === undefined || fail2banSeconds(value.value)! < -1))
        problems.push(
          at(value.line, {ruleId: 'jail/duration', reason: `${name} = ${value.value} is not a fail2ban time: seconds (86400), -1 for ever (bantime), or 10m, 1h, 1d, 1w.`}),
        );
    }
    const maxretry = option('maxretry');
    if (maxretry && !/^[1-9]\d*$/.test(maxretry.value))
      problems.push(at(maxretry.line, {ruleId: 'jail/number', reason: `maxretry = ${maxretry.value}: write a whole number of failures, 1 or more.`}));

    const logpath = option('logpath');
    if (!logpath || !context.merged || !f2b) continue;
    const logs = logpath.value
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    for (const log of logs) {
      const mount = holdingMount(log, f2bMounts);
      if (!mount) {
        problems.push(
          at(logpath.line, {
            ruleId: 'jail/logpath-not-mounted',
            reason: `${log} is not inside a folder the fail2ban container "${f2b}" mounts: it would watch nothing. Mount the log folder into ${f2b}.`,
          }),
        );
        continue;
      }
      // The service whose log this is: the one that mounts the same host folder.
      const hostPath = mount.source ? mount.source + log.slice(mount.target.replace(/\/$/, '').length) : undefined;
      const writer = Object.entries(context.merged.data.services).find(
        ([name, service]) => name !== f2b && ((service.volumes as unknown[]) ?? []).map(parseMount).some((m) => m?.source && hostPath && isWithin(hostPath, m.source)),
      )?.[0];
      if (!writer) continue;
      const required = context.portsTables
        .flatMap((table) => table.rows)
        .filter((row) => row.service === writer && context.states.find((s) => s.state === row.state)?.published === 'required');
      const port = option('port');
      const covered = port ? portsOf(port.value) : undefined;
      if (port && !covered) {
        problems.push(at(port.line, {ruleId: 'jail/port', reason: `port = ${port.value}: write port numbers, ranges (1000:2000) or names (smtp, imaps), separated by commas.`}));
        continue;
      }
      const missing = required.filter((row) => !covered?.some(([first, last]) => first <= row.range[0] && row.range[1] <= last));
      if (missing.length > 0) {
        problems.push(
          at(port?.line ?? jail.line, {
            ruleId: 'jail/port-not-covered',
            reason: `Jail [${jail.name}] reads the log of "${writer}" but does not ban on its public port(s) ${missing.map((row) => `${row.port} (#${row.anchor})`).join(', ')}. Add them to port =.`,
          }),
        );
      }
    }
  }
  return problems;
}
