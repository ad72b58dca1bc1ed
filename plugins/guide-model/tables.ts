import {posix} from 'node:path';
import type {ContainerDirective} from 'mdast-util-directive';
import type {PhrasingContent, Root, RootContent} from 'mdast';
import type {Position} from 'unist';
import type {VFile} from 'vfile';
import {visit} from 'unist-util-visit';
import {isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar} from 'yaml';
import {report} from './diagnostics.ts';
import {parseInlineMarkdown} from './inline-markdown.ts';
import type {PortState} from './port-states.ts';
import {didYouMean} from './suggest.ts';
import {parseYamlBlock, type YamlBlock} from './yaml-block.ts';

export const tableKinds = ['ports', 'files'] as const;
export type TableKind = (typeof tableKinds)[number];

export const protocols = ['TCP', 'UDP', 'TCP/UDP'] as const;
export type Protocol = (typeof protocols)[number];

export const fileKinds = ['mail', 'state', 'logs', 'config', 'certs', 'other'] as const;
export type FileKind = (typeof fileKinds)[number];

interface Row {
  /** Id of the row's anchor, e.g. `port-587-tcp`, `file-var-mail`. */
  anchor: string;
  /** The purpose as inline Markdown nodes, and as written. */
  purpose: PhrasingContent[];
  purposeText: string;
  position?: Position;
}

export interface PortRow extends Row {
  /** As written: `587` or `49152-65535`. */
  port: string;
  /** First and last port; equal for a single port. */
  range: [number, number];
  protocol: Protocol;
  state: string;
  /** The container that listens on the port (`mail`, `f2b-system`…). */
  service?: string;
}

export interface FileRow extends Row {
  /** Absolute path inside the container. */
  path: string;
  mode?: string;
  owner?: string;
  readonly?: boolean;
  kind?: FileKind;
}

interface TableBase {
  title?: string;
  /** The compose service the table describes (`service=mail`); ports rows may name their own. */
  service?: string;
  open: boolean;
  /** Markdown after the rows, shown with the table. */
  note: RootContent[];
  position?: Position;
}
export interface PortsTable extends TableBase {
  kind: 'ports';
  rows: PortRow[];
}
export interface FilesTable extends TableBase {
  kind: 'files';
  rows: FileRow[];
}
export type GuideTable = PortsTable | FilesTable;

const attributes = ['title', 'open', 'service'];
const fields = {
  ports: {required: ['port', 'protocol', 'state', 'purpose'], optional: ['service']},
  files: {required: ['path', 'purpose'], optional: ['mode', 'owner', 'readonly', 'kind']},
} as const;

export function isTableDirective(node: {type: string; name?: string | null}): node is ContainerDirective & {name: TableKind} {
  return node.type === 'containerDirective' && (tableKinds as readonly string[]).includes(node.name ?? '');
}

export function portAnchor(port: string, protocol: Protocol): string {
  return `port-${port}-${protocol.toLowerCase().replace('/', '-')}`;
}

export function fileAnchor(path: string): string {
  return `file-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'root'}`;
}

/**
 * Reads a `:::ports` or `:::files` directive into a typed table, reporting
 * every problem on `file` with its page position.
 * @returns the table with its valid rows, or undefined when it has no usable data.
 */
export function readTable(node: ContainerDirective & {name: TableKind}, file: VFile, states: readonly PortState[]): GuideTable | undefined {
  const kind = node.name;
  const directive = `:::${kind}`;
  for (const name of Object.keys(node.attributes ?? {})) {
    if (!attributes.includes(name)) {
      report(file, {
        ruleId: `${kind}/unknown-attribute`,
        reason: `Unknown attribute "${name}" on ${directive}.${didYouMean(name, attributes)} It takes title="…", open and service="…".`,
        place: node.position,
      });
    }
  }
  const title = node.attributes?.title?.trim() || undefined;
  if (!title) {
    report(file, {
      ruleId: `${kind}/no-title`,
      severity: 'warning',
      reason: `${directive} has no title; readers and screen readers see a generic caption. Add title="…".`,
      place: node.position,
    });
  }
  const open = node.attributes?.open != null && node.attributes.open !== 'false';
  const service = node.attributes?.service?.trim() || undefined;

  const [data, ...note] = node.children;
  if (data?.type !== 'code' || !['yaml', 'yml'].includes(data.lang ?? '')) {
    report(file, {
      ruleId: `${kind}/no-data`,
      reason: `${directive} needs its rows in a \`\`\`yaml block as its first content.`,
      place: data?.position ?? node.position,
    });
    return undefined;
  }
  const block = parseYamlBlock(data, file, kind);
  if (!block) return undefined;
  const contents = block.document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null) || (isSeq(contents) && contents.items.length === 0)) {
    report(file, {
      ruleId: `${kind}/empty`,
      reason: `${directive} has no rows. Add at least one "- ${fields[kind].required[0]}: …" entry, or remove the table.`,
      place: data.position,
    });
    return undefined;
  }
  if (!isSeq(contents)) {
    report(file, {
      ruleId: `${kind}/not-a-list`,
      reason: `The rows of ${directive} must be a YAML list, one "- ${fields[kind].required[0]}: …" entry per row.`,
      place: block.place(contents.range),
    });
    return undefined;
  }
  const context = {file, block, kind, states, service};
  if (kind === 'ports') {
    const rows = contents.items.map((item) => readPortRow(item as YamlNode, context)).filter((row) => row !== undefined);
    checkDuplicatePorts(rows, file);
    return {kind, title, open, service, note, rows, position: node.position};
  }
  const rows = contents.items.map((item) => readFileRow(item as YamlNode, context)).filter((row) => row !== undefined);
  checkDuplicatePaths(rows, file);
  return {kind, title, open, service, note, rows, position: node.position};
}

interface Context {
  file: VFile;
  block: YamlBlock;
  kind: TableKind;
  states: readonly PortState[];
  service?: string;
}

/** The row's fields by name, after checking names and required ones; undefined when unusable. */
function readFields(item: YamlNode, {file, block, kind}: Context): Map<string, Scalar> | undefined {
  const place = block.place(item.range);
  if (!isMap(item)) {
    report(file, {ruleId: `${kind}/row-not-mapping`, reason: `A row must be a mapping of fields ("${fields[kind].required.join(', ')}").`, place});
    return undefined;
  }
  const known: readonly string[] = [...fields[kind].required, ...fields[kind].optional];
  const values = new Map<string, Scalar>();
  let usable = true;
  for (const pair of item.items as Pair<YamlNode, YamlNode>[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!known.includes(name)) {
      report(file, {
        ruleId: `${kind}/unknown-field`,
        reason: `Unknown field "${name}" in a ${kind} row.${didYouMean(name, known)} Fields: ${known.join(', ')}.`,
        place: block.place(pair.key?.range),
      });
      continue;
    }
    if (!isScalar(pair.value) || pair.value.value === null) {
      report(file, {
        ruleId: `${kind}/field-type`,
        reason: `Field "${name}" needs a single value, not ${pair.value ? 'a list or mapping' : 'nothing'}.`,
        place: block.place((pair.value ?? pair.key)?.range),
      });
      usable = false;
      continue;
    }
    values.set(name, pair.value);
  }
  for (const name of fields[kind].required) {
    if (!values.has(name) && !item.items.some((pair) => isScalar(pair.key) && pair.key.value === name)) {
      report(file, {ruleId: `${kind}/missing-field`, reason: `This ${kind} row has no "${name}". Add ${name}: … to the row.`, place});
      usable = false;
    }
  }
  return usable ? values : undefined;
}

function readPurpose(value: Scalar, {file, block, kind}: Context): PhrasingContent[] | undefined {
  const text = String(value.value).trim();
  const place = block.place(value.range);
  const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE';
  const contentStart = place && {...place.start, column: place.start.column + (quoted ? 1 : 0), offset: (place.start.offset ?? 0) + (quoted ? 1 : 0)};
  const nodes = text === '' ? undefined : parseInlineMarkdown(text, place, contentStart);
  if (!nodes) {
    report(file, {ruleId: `${kind}/purpose`, reason: 'The purpose must be one line of inline Markdown (text, `code`, links, :term[…]).', place});
  }
  return nodes;
}

/** Reports a problem of a row's field at its value, and remembers that the row failed. */
function rowProblems({file, block}: Context): {fail: (ruleId: `${string}/${string}`, reason: string, value: Scalar) => void; failed: () => boolean} {
  let ok = true;
  return {
    fail(ruleId, reason, value) {
      report(file, {ruleId, reason, place: block.place(value.range)});
      ok = false;
    },
    failed: () => !ok,
  };
}

function readPortRow(item: YamlNode, context: Context): PortRow | undefined {
  const values = readFields(item, context);
  if (!values) return undefined;
  const {block, states} = context;
  const {fail, failed} = rowProblems(context);

  const portValue = values.get('port')!;
  const port = String(portValue.value).trim();
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(port);
  let range: [number, number] = [0, 0];
  if (!match) {
    fail('ports/port-not-number', `Port "${port}" is not a number. Write a number from 1 to 65535, or a range such as 49152-65535.`, portValue);
  } else {
    range = [Number(match[1]), Number(match[2] ?? match[1])];
    if (range.some((n) => n < 1 || n > 65535)) fail('ports/port-range', `Port ${port} is out of range: ports go from 1 to 65535.`, portValue);
    else if (range[0] >= range[1] && match[2]) fail('ports/port-range', `Port range ${port} is empty or reversed: write the lower port first.`, portValue);
  }

  const protocolValue = values.get('protocol')!;
  const protocol = String(protocolValue.value).trim();
  if (!(protocols as readonly string[]).includes(protocol)) {
    fail('ports/unknown-protocol', `Unknown protocol "${protocol}".${didYouMean(protocol, protocols)} Use ${protocols.join(', ')}.`, protocolValue);
  }

  const stateValue = values.get('state')!;
  const state = String(stateValue.value).trim();
  const stateNames = states.map((s) => s.state);
  if (!stateNames.includes(state)) {
    fail('ports/unknown-state', `Unknown state "${state}".${didYouMean(state, stateNames)} States: ${stateNames.join(', ')} (defined in src/data/port-states.yaml).`, stateValue);
  }

  const purpose = readPurpose(values.get('purpose')!, context);
  const service = values.get('service')?.value ?? context.service;
  if (failed() || !purpose) return undefined;
  const normalized = range[0] === range[1] ? String(range[0]) : `${range[0]}-${range[1]}`;
  return {
    port: normalized,
    range,
    protocol: protocol as Protocol,
    state,
    purpose,
    purposeText: String(values.get('purpose')!.value).trim(),
    ...(service != null ? {service: String(service)} : {}),
    anchor: portAnchor(normalized, protocol as Protocol),
    position: block.place(item.range),
  };
}

function readFileRow(item: YamlNode, context: Context): FileRow | undefined {
  const values = readFields(item, context);
  if (!values) return undefined;
  const {block} = context;
  const {fail, failed} = rowProblems(context);

  const pathValue = values.get('path')!;
  const path = String(pathValue.value).trim();
  if (!path.startsWith('/')) {
    fail('files/relative-path', `Path "${path}" is relative. Write the absolute path inside the container, e.g. /${path.replace(/^\.?\/*/, '')}.`, pathValue);
  } else if (path !== '/' && (path.endsWith('/') || /\/\.{0,2}(\/|$)/.test(path))) {
    fail(
      'files/unclean-path',
      `Path "${path}" has an empty, "." or ".." segment or a trailing "/". Write it plainly: ${posix.normalize(path).replace(/(.)\/$/, '$1')}.`,
      pathValue,
    );
  }

  const result: Partial<FileRow> = {};
  const mode = values.get('mode');
  if (mode) {
    // An unquoted 0644 is read as the number 644: take the digits either way.
    const written = block.source(mode.range).replace(/^["']|["']$/g, '');
    const digits = written.padStart(4, '0');
    if (/^0[0-7]{3}$/.test(digits)) result.mode = digits;
    else fail('files/mode', `Mode "${written}" is not an octal file mode. Write it like 0644 or 0755.`, mode);
  }
  const owner = values.get('owner');
  if (owner) {
    const text = String(owner.value).trim();
    if (/^[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?$|^\d+(:\d+)?$/.test(text)) result.owner = text;
    else fail('files/owner', `Owner "${text}" is not "user" or "user:group" (names or numeric ids).`, owner);
  }
  const readonly = values.get('readonly');
  if (readonly) {
    if (typeof readonly.value === 'boolean') result.readonly = readonly.value;
    else fail('files/field-type', `readonly must be true or false, not "${readonly.value}".`, readonly);
  }
  const kind = values.get('kind');
  if (kind) {
    const text = String(kind.value).trim();
    if ((fileKinds as readonly string[]).includes(text)) result.kind = text as FileKind;
    else fail('files/unknown-kind', `Unknown kind "${text}".${didYouMean(text, fileKinds)} Kinds: ${fileKinds.join(', ')}.`, kind);
  }

  const purpose = readPurpose(values.get('purpose')!, context);
  if (failed() || !purpose) return undefined;
  return {
    path,
    ...result,
    purpose,
    purposeText: String(values.get('purpose')!.value).trim(),
    anchor: fileAnchor(path),
    position: block.place(item.range),
  };
}

function protocolSet(protocol: Protocol): string[] {
  return protocol === 'TCP/UDP' ? ['TCP', 'UDP'] : [protocol];
}

function checkDuplicatePorts(rows: PortRow[], file: VFile): void {
  rows.forEach((row, index) => {
    const earlier = rows
      .slice(0, index)
      .find((other) => protocolSet(other.protocol).some((p) => protocolSet(row.protocol).includes(p)) && other.range[0] <= row.range[1] && row.range[0] <= other.range[1]);
    if (earlier) {
      report(file, {
        ruleId: 'ports/duplicate-port',
        reason: `Port ${row.port}/${row.protocol} is already listed as ${earlier.port}/${earlier.protocol} (line ${earlier.position?.start.line}). Keep one row per port and protocol.`,
        place: row.position,
        anchor: row.anchor,
      });
    }
  });
}

function checkDuplicatePaths(rows: FileRow[], file: VFile): void {
  rows.forEach((row, index) => {
    const earlier = rows.slice(0, index).find((other) => other.path === row.path);
    if (earlier) {
      report(file, {
        ruleId: 'files/duplicate-path',
        reason: `Path ${row.path} is already listed (line ${earlier.position?.start.line}). Keep one row per path.`,
        place: row.position,
        anchor: row.anchor,
      });
    }
  });
}

/** A table directive of a page and what it holds (undefined when unusable). */
export interface TableOccurrence {
  node: ContainerDirective & {name: TableKind};
  table?: GuideTable;
}

/**
 * Reads every table of a page, in order, and checks that no two rows of the
 * page share an anchor. Problems are reported on `file`.
 */
export function readTables(tree: Root, file: VFile, states: readonly PortState[]): TableOccurrence[] {
  const occurrences: TableOccurrence[] = [];
  visit(tree, (node) => {
    if (isTableDirective(node)) occurrences.push({node, table: readTable(node, file, states)});
  });
  // Rows repeated within one table are reported as duplicate ports or paths;
  // here, rows of two tables that would share an anchor.
  const anchors = new Map<string, {line?: number; table: number}>();
  occurrences.forEach(({table}, tableIndex) => {
    for (const row of table?.rows ?? []) {
      const earlier = anchors.get(row.anchor);
      if (earlier && earlier.table !== tableIndex) {
        report(file, {
          ruleId: `${table!.kind}/duplicate-anchor`,
          reason: `Row anchor #${row.anchor} is already used by a row of another table (line ${earlier.line}). List each port or path in one table per page.`,
          place: row.position,
          anchor: row.anchor,
        });
      }
      if (!earlier) anchors.set(row.anchor, {line: row.position?.start.line, table: tableIndex});
    }
  });
  return occurrences;
}
