import {isSeq, type Node as YamlNode} from 'yaml';
import type {Problem} from '../guide-model/diagnostics.ts';
import type {PortState} from '../guide-model/port-states.ts';
import type {FilesTable, GuideTable, PortRow, PortsTable} from '../guide-model/tables.ts';
import type {ComposeSnippet} from './compose/compose-file.ts';
import type {MergedCompose} from './compose/merge.ts';
import {holdingMount, isWithin, parseMount, parsePort, type Mount, type PublishedPort} from './compose/service-data.ts';

const loopback = ['127.0.0.1', '::1', 'localhost'];
const allInterfaces = [undefined, '', '0.0.0.0', '::'];

/** The node of a service's list entry in the snippets it came from, for positions. */
function entryNode(merged: MergedCompose, service: string, key: string, matches: (entry: unknown) => boolean): {compose: ComposeSnippet; node?: YamlNode} | undefined {
  for (const compose of [...(merged.sources.get(service) ?? [])].reverse()) {
    const settings = compose.services.get(service, true) as {get(key: string, keep: true): unknown} | undefined;
    const list = settings?.get(key, true);
    if (!isSeq(list)) continue;
    const index = (list.toJSON() as unknown[]).findIndex(matches);
    if (index >= 0) return {compose, node: list.items[index] as YamlNode};
  }
  return undefined;
}

function rowProblem(row: {position?: PortRow['position']; anchor: string}, problem: Omit<Problem, 'place' | 'anchor'>): Problem {
  return {...problem, place: row.position, anchor: row.anchor};
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] <= b[1] && b[0] <= a[1];
const protocolMatches = (row: PortRow, port: PublishedPort) => row.protocol === 'TCP/UDP' || row.protocol.toLowerCase() === port.protocol;

function checkPorts(table: PortsTable, merged: MergedCompose, states: readonly PortState[]): Problem[] {
  const problems: Problem[] = [];
  const published = (service: string) => ((merged.data.services[service]?.ports as unknown[]) ?? []).map((entry) => ({entry, port: parsePort(entry)}));
  for (const row of table.rows) {
    if (!row.service) continue;
    if (!merged.data.services[row.service]) {
      problems.push(
        rowProblem(row, {
          ruleId: 'cross/unknown-service',
          reason: `Port ${row.port}/${row.protocol} names service "${row.service}", which the page's compose file does not define.`,
        }),
      );
      continue;
    }
    const rule = states.find((state) => state.state === row.state)?.published ?? 'any';
    // The table's port is the one clients connect to: the host port, mapped to the same container port.
    const matching = published(row.service).filter(
      ({port}) => port && (overlaps(port.target, row.range) || (port.published && overlaps(port.published, row.range))) && protocolMatches(row, port),
    );
    const sameNumber = matching.filter(({port}) => port!.published && overlaps(port!.published, row.range) && overlaps(port!.target, row.range));
    const onAll = sameNumber.filter(({port}) => allInterfaces.includes(port!.hostIp));
    const onLoopback = sameNumber.filter(({port}) => loopback.includes(port!.hostIp ?? ''));
    if (rule === 'required' && onAll.length === 0) {
      problems.push(
        rowProblem(row, {
          ruleId: 'cross/port-not-published',
          reason: `Port ${row.port}/${row.protocol} is ${row.state}, but service "${row.service}" does not publish it. Add "${row.port}:${row.port}" to its ports.`,
        }),
      );
    }
    if (rule === 'loopback' && (onLoopback.length === 0 || onAll.length > 0)) {
      problems.push(
        rowProblem(row, {ruleId: 'cross/port-not-loopback', reason: `Port ${row.port}/${row.protocol} is ${row.state}: publish it as "127.0.0.1:${row.port}:${row.port}" only.`}),
      );
    }
    if (rule === 'forbidden' && matching.length > 0) {
      const found = entryNode(merged, row.service, 'ports', (entry) => matching.some((match) => match.entry === entry || JSON.stringify(match.entry) === JSON.stringify(entry)));
      const at = found ? found.compose.at(found.node, {ruleId: 'cross/port-published', reason: ''}) : rowProblem(row, {ruleId: 'cross/port-published', reason: ''});
      problems.push({
        ...at,
        anchor: row.anchor,
        reason: `Port ${row.port}/${row.protocol} is ${row.state} in the ports table (#${row.anchor}), but service "${row.service}" publishes it. Remove it from the ports, or change its state.`,
      });
    }
  }
  // The reverse: every published port must be described by the table.
  for (const service of new Set(table.rows.map((row) => row.service).filter(Boolean) as string[])) {
    for (const {entry, port} of published(service)) {
      if (!port) continue;
      const clientPort = port.published ?? port.target;
      const described = table.rows.some((row) => row.service === service && overlaps(clientPort, row.range) && protocolMatches(row, port));
      if (!described) {
        const found = entryNode(merged, service, 'ports', (candidate) => JSON.stringify(candidate) === JSON.stringify(entry));
        const reason = `Service "${service}" publishes port ${clientPort.join('-').replace(/^(\d+)-\1$/, '$1')}/${port.protocol.toUpperCase()}, which the ports table "${table.title ?? 'Ports'}" does not list. Add a row for it, or stop publishing it.`;
        problems.push(found ? found.compose.at(found.node, {ruleId: 'cross/port-undocumented', reason}) : {ruleId: 'cross/port-undocumented', reason, place: table.position});
      }
    }
  }
  return problems;
}

function checkFiles(table: FilesTable, merged: MergedCompose): Problem[] {
  const service = table.service;
  if (!service) return [];
  const settings = merged.data.services[service];
  if (!settings) {
    return [
      {
        ruleId: 'cross/unknown-service',
        reason: `The files table "${table.title ?? 'Files'}" is for service "${service}", which the page's compose file does not define.`,
        place: table.position,
      },
    ];
  }
  const mounts = ((settings.volumes as unknown[]) ?? [])
    .map((entry) => ({entry, mount: parseMount(entry)}))
    .filter((item): item is {entry: unknown; mount: Mount} => Boolean(item.mount));
  const problems: Problem[] = [];
  for (const row of table.rows) {
    // The mount that holds the path: the deepest one that contains it.
    const holderMount = holdingMount(
      row.path,
      mounts.map(({mount}) => mount),
    );
    const holder = mounts.find(({mount}) => mount === holderMount);
    if (!holder) {
      problems.push(
        rowProblem(row, {
          ruleId: 'cross/path-not-mounted',
          reason: `${row.path} is in the files table, but service "${service}" mounts nothing there. Add a volume "<host path>:${row.path}".`,
        }),
      );
      continue;
    }
    if (row.readonly !== undefined && holder.mount.readonly !== row.readonly) {
      const found = entryNode(merged, service, 'volumes', (entry) => entry === holder.entry || JSON.stringify(entry) === JSON.stringify(holder.entry));
      const reason = row.readonly
        ? `${row.path} is read-only in the files table (#${row.anchor}), but the volume mounts it read-write. Add ":ro".`
        : `${row.path} is read-write in the files table (#${row.anchor}), but the volume mounts it read-only. Remove ":ro" or mark the row readonly: true.`;
      problems.push(
        found ? {...found.compose.at(found.node, {ruleId: 'cross/mount-readonly', reason}), anchor: row.anchor} : rowProblem(row, {ruleId: 'cross/mount-readonly', reason}),
      );
    }
  }
  for (const {entry, mount} of mounts) {
    const described = table.rows.some((row) => isWithin(row.path, mount.target) || isWithin(mount.target, row.path));
    if (!described) {
      const found = entryNode(merged, service, 'volumes', (candidate) => JSON.stringify(candidate) === JSON.stringify(entry));
      const reason = `Service "${service}" mounts ${mount.target}, which the files table "${table.title ?? 'Files'}" does not list. Add a row for it, or remove the volume.`;
      problems.push(found ? found.compose.at(found.node, {ruleId: 'cross/mount-undocumented', reason}) : {ruleId: 'cross/mount-undocumented', reason, place: table.position});
    }
  }
  return problems;
}

/** Checks the page's tables against the compose file the page builds. */
export function crossCheck(tables: readonly GuideTable[], merged: MergedCompose, states: readonly PortState[]): Problem[] {
  return tables.flatMap((table) => (table.kind === 'ports' ? checkPorts(table, merged, states) : checkFiles(table, merged)));
}
