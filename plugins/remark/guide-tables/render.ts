import type {Heading, Link, Paragraph, PhrasingContent} from 'mdast';
import {h, type ElementNode} from '../mdast-element/index.ts';
import {portStateAnchor, type PortState} from '../../guide-model/port-states.ts';
import type {FileRow, GuideTable, PortRow} from '../../guide-model/tables.ts';

const text = (value: string): PhrasingContent => ({type: 'text', value});

interface Column<RowType> {
  header: string;
  className?: string;
  cell(row: RowType): ElementNode['children'];
}

/** Options of the renderer: the state definitions and where they live. */
export interface RenderOptions {
  states: readonly PortState[];
  /** Route of the page with the state definitions (the glossary). */
  statesRoute: string;
}

/** The state as a pill: its name as text (meaning not by colour alone), linked to its definition. */
function statePill(state: string, {states, statesRoute}: RenderOptions): Link {
  const definition = states.find((s) => s.state === state);
  return {
    type: 'link',
    url: `${statesRoute}#${portStateAnchor(state)}`,
    title: definition ? `${state}: ${definition.definition}` : null,
    data: {hProperties: {className: ['state-pill', `state-pill--${definition?.tone ?? 'info'}`]}},
    children: [text(state)],
  };
}

/** A link from a row's first cell to the row itself, so readers can share it. */
function selfLink(anchor: string, label: string): Link {
  return {type: 'link', url: `#${anchor}`, title: null, children: [text(label)], data: {hProperties: {className: ['guide-table__self-link']}}};
}

function portColumns(rows: PortRow[], options: RenderOptions): Column<PortRow>[] {
  const columns: Column<PortRow>[] = [
    {header: 'Port', className: 'guide-table__port', cell: (row) => [selfLink(row.anchor, row.port)]},
    {header: 'Protocol', cell: (row) => [text(row.protocol)]},
    {header: 'Type', cell: (row) => [statePill(row.state, options)]},
    {header: 'Purpose', cell: (row) => row.purpose},
  ];
  if (rows.some((row) => row.service)) columns.push({header: 'Service', cell: (row) => (row.service ? [{type: 'inlineCode', value: row.service}] : [])});
  return columns;
}

function fileColumns(rows: FileRow[]): Column<FileRow>[] {
  const columns: Column<FileRow>[] = [
    {header: 'Location', cell: (row) => [{...selfLink(row.anchor, ''), children: [{type: 'inlineCode', value: row.path}]}]},
    {header: 'Purpose', cell: (row) => row.purpose},
  ];
  if (rows.some((row) => row.mode || row.owner)) {
    columns.push({header: 'Mode', cell: (row) => [text([row.mode, row.owner?.replace(':', ' ')].filter(Boolean).join(' '))]});
  }
  if (rows.some((row) => row.readonly !== undefined)) {
    columns.push({header: 'Access', cell: (row) => [text(row.readonly ? 'read-only' : 'read-write')]});
  }
  return columns;
}

function tableElement<RowType extends {anchor: string}>(caption: string, kind: string, rows: RowType[], columns: Column<RowType>[]): ElementNode {
  const cellClass = (column: Column<RowType>) => (column.className ? {className: [column.className]} : {});
  return h('table', {className: ['guide-table', `guide-table--${kind}`]}, [
    h('caption', {className: ['guide-table__caption']}, [text(caption)]),
    h('thead', {}, [
      h(
        'tr',
        {},
        columns.map((column) => h('th', {scope: 'col', ...cellClass(column)}, [text(column.header)])),
      ),
    ]),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {id: row.anchor},
          columns.map((column) => h('td', cellClass(column), column.cell(row))),
        ),
      ),
    ),
  ]);
}

/**
 * The table as a collapsible: `<details open?>` with the title as summary,
 * then the note, then a `<table>` whose caption is the title again (for
 * screen readers; hidden on screen, where the summary shows it).
 */
export function renderTable(table: GuideTable, options: RenderOptions): ElementNode {
  const title = table.title ?? (table.kind === 'ports' ? 'Ports' : 'Files');
  const element =
    table.kind === 'ports' ? tableElement(title, 'ports', table.rows, portColumns(table.rows, options)) : tableElement(title, 'files', table.rows, fileColumns(table.rows));
  return h('details', {className: ['guide-table-details'], ...(table.open ? {open: true} : {})}, [
    h('summary', {}, [text(title)]),
    ...table.note,
    h('div', {className: ['guide-table__scroll']}, [element]),
  ]);
}

/** The definitions of the port states: a heading (`#state-public`) and a paragraph each. */
export function renderStateDefinitions(states: readonly PortState[], depth: Heading['depth']): Array<Heading | Paragraph> {
  return states.flatMap((state): [Heading, Paragraph] => [
    {type: 'heading', depth, data: {hProperties: {id: portStateAnchor(state.state)}}, children: [text(state.state)]},
    {type: 'paragraph', children: [text(state.definition)]},
  ]);
}
