import type {Heading, PhrasingContent, Root, RootContent, Table, TableCell} from 'mdast';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import {editionMigration, migrationCommands, type EditionMigration} from '../../edition-migration/index.ts';
import type {GuideEditions} from '../../guide-index/editions.ts';
import type {IndexedPage} from '../../guide-index/index.ts';

export interface Options {
  /** Every edition's index: the migration reads a page of each. */
  editions: GuideEditions;
}

const text = (value: string): PhrasingContent => ({type: 'text', value});
const code = (value: string): PhrasingContent => ({type: 'inlineCode', value});
const paragraph = (...children: PhrasingContent[]): RootContent => ({type: 'paragraph', children});
const heading = (value: string): Heading => ({type: 'heading', depth: 2, children: [text(value)]});
const cell = (...children: PhrasingContent[]): TableCell => ({type: 'tableCell', children});
const value = (shown: string | undefined): PhrasingContent[] => (shown === undefined ? [text('(not set)')] : [code(shown === '' ? '(empty)' : shown)]);

function table(header: string[], rows: PhrasingContent[][][]): Table {
  return {
    type: 'table',
    align: header.map(() => 'left'),
    children: [
      {type: 'tableRow', children: header.map((title) => cell(text(title)))},
      ...rows.map((row) => ({type: 'tableRow' as const, children: row.map((content) => cell(...content))})),
    ],
  };
}

const shell = (lines: string[]): RootContent => ({type: 'code', lang: 'bash', value: lines.join('\n')});
const step = (...children: RootContent[]) => ({type: 'listItem' as const, spread: true, children: children as never});

/** The ordered steps, with the commands made from the two editions' compose files. */
function steps(migration: EditionMigration): RootContent {
  const commands = migrationCommands(migration);
  return {
    type: 'list',
    ordered: true,
    spread: true,
    children: [
      step(paragraph(text('Stop the mail server, so that nothing writes to its folders while you copy them:')), shell(commands.stop)),
      step(paragraph(text('Back up every folder it mounts. Keep the archive until the new setup has run for a while:')), shell(commands.backup)),
      step(
        paragraph(
          text(
            `Move the folders to the current edition's layout (the ones inside others first). The container paths stay the same, so mail, state and configuration carry over as they are:`,
          ),
        ),
        shell(commands.move),
      ),
      step(
        paragraph(
          text('Replace the mail service in your compose file with the current edition’s: the image '),
          code(migration.newImage),
          text(' instead of '),
          code(migration.oldImage),
          text(', and each variable as the table above says (a removed variable goes, its replacement comes in). Change the other services as the compose table says.'),
        ),
      ),
      step(
        paragraph(
          text('If your configuration folder has a '),
          code('dovecot.cf'),
          text(
            ' (custom Dovecot settings), rewrite it for Dovecot 2.4 before the start: Dovecot 2.4 does not start with 2.3 settings. The renames docker-mailserver made in its own files: ',
          ),
          code('disable_plaintext_auth'),
          text(' → '),
          code('auth_allow_cleartext'),
          text(' (inverted), '),
          code('ssl_cert'),
          text('/'),
          code('ssl_key'),
          text(' → '),
          code('ssl_server_cert_file'),
          text('/'),
          code('ssl_server_key_file'),
          text(' (a path, no '),
          code('<'),
          text('), '),
          code('mail_location'),
          text(' → '),
          code('mail_driver'),
          text(' with '),
          code('mail_path'),
          text(', '),
          code('%u'),
          text('/'),
          code('%d'),
          text(' → '),
          code('%{user}'),
          text('/'),
          code('%{user | domain}'),
          text(', and '),
          code('plugin { }'),
          text(' settings at the top level.'),
        ),
      ),
      step(
        paragraph(
          text(
            'Replace the fail2ban files with the current edition’s bundle: remove the files of the table above that the current edition removed, install its bundle as its INSTALL.md says, and change the fail2ban service as the compose table says.',
          ),
        ),
      ),
      step(paragraph(text('Start the new mail server and restart fail2ban:')), shell(commands.start)),
      step(
        paragraph(
          text('Check: the accounts are there, dovecot and postfix started, fail2ban reads the log, and mail arrives (send one from outside and read it in your mail client):'),
        ),
        shell(commands.check),
      ),
    ],
  };
}

/** The whole migration, as page content. */
function render(migration: EditionMigration, from: IndexedPage, to: IndexedPage): RootContent[] {
  const counts = (fate: string) => migration.variables.filter((variable) => variable.fate === fate).length;
  return [
    paragraph(
      text(`Made at build time from the two editions' setup pages (`),
      code(`/${from.downloads.route}`),
      text(' and '),
      code(`/${to.downloads.route}`),
      text(
        `) and docker-mailserver's variable catalogues of v${migration.oldRelease} and v${migration.newRelease}: when either edition changes, this page changes with it. Of the ${migration.variables.length} variables the 2021 compose file sets, kept: ${counts('kept')}, with a new default: ${counts('default changed')}, renamed: ${counts('renamed')}, removed: ${counts('removed')}.`,
      ),
    ),
    heading('Variables'),
    table(
      ['Variable', '2021 edition', `In v${migration.newRelease}`, 'Current edition sets'],
      migration.variables.map((variable) => [
        [code(variable.name)],
        value(variable.oldValue),
        [text(`${variable.fate}: ${variable.detail}`)],
        variable.newName ? [code(variable.newName), text(' = '), ...value(variable.newValue)] : [text('(not set)')],
      ]),
    ),
    paragraph(text('The current edition also sets:')),
    table(
      ['Variable', 'Value', `In v${migration.newRelease}`],
      migration.added.map((variable) => [[code(variable.name)], value(variable.value), [text(variable.detail)]]),
    ),
    heading('Compose changes'),
    table(
      ['Service', 'Key', '2021 edition', 'Current edition'],
      migration.compose.map((change) => [[text(change.service)], [code(change.key)], value(change.old), value(change.new)]),
    ),
    paragraph(text('Host folders of the mail service:')),
    table(
      ['Container path', '2021 edition', 'Current edition'],
      migration.folders.map((move) => [[code(move.target)], [code(move.from)], [code(move.to)]]),
    ),
    heading('fail2ban files'),
    table(
      ['File', 'Change', 'Jail settings that differ'],
      migration.files.map((file) => [
        [code(file.target)],
        [text(file.change)],
        file.options.length === 0
          ? [text('—')]
          : file.options.flatMap((option, index) => [
              ...(index > 0 ? [text('; ')] : []),
              code(`[${option.jail}] ${option.option}`),
              text(': '),
              ...value(option.old),
              text(' → '),
              ...value(option.new),
            ]),
      ]),
    ),
    ...migration.files
      .filter((file) => file.change === 'changed' && file.diff.length > 0)
      .map((file): RootContent => ({type: 'code', lang: 'diff', meta: `title="${file.target}: 2021 edition (-) and current edition (+)"`, value: file.diff.join('\n')})),
    heading('Steps'),
    paragraph(text('To move a running 2021 setup to the current edition without losing mail:')),
    steps(migration),
  ];
}

/**
 * `::migration{from=/route to=/route}` renders the migration between two
 * editions' setup pages (routes as the site serves them), generated from the
 * guide indexes and the catalogues.
 */
const remarkMigration: Plugin<[Options], Root> = function ({editions}) {
  return async (tree, file) => {
    const directives: Array<{node: RootContent; index: number; parent: {children: RootContent[]}}> = [];
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (node.name !== 'migration' || !parent || index === undefined) return undefined;
      directives.push({node, index, parent: parent as {children: RootContent[]}});
      return SKIP;
    });
    if (directives.length === 0) return;
    const pages = await editions.pages();
    const byRoute = (route: string | null | undefined) => pages.find((page) => `/${page.downloads.route}` === route);
    for (const {node, index, parent} of directives.reverse()) {
      const attributes = (node as {attributes?: Record<string, string | null | undefined>}).attributes ?? {};
      const from = byRoute(attributes.from);
      const to = byRoute(attributes.to);
      if (!from || !to) {
        file.fail(
          `::migration needs from= and to= routes of setup pages of the site (got from=${attributes.from ?? ''} to=${attributes.to ?? ''}); routes look like /services/email/mta/setup and /v16/services/email/mta/setup.`,
          {
            place: node.position,
            ruleId: 'unknown-page',
            source: 'migration',
          },
        );
      }
      parent.children.splice(index, 1, ...render(editionMigration(from!, to!, editions.for(file.path).composeRules.catalogues), from!, to!));
    }
  };
};

export default remarkMigration;
