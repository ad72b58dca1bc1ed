import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {siteEditions} from '../../guide-index/editions.ts';
import {readCatalogues} from '../../validators/compose/dms/catalogue-files.ts';
import {editionMigration, migrationCommands} from '../index.ts';

// The migration from the site's own two editions, against docker-mailserver's
// catalogues (collected from its repository, not written next to this code).
const siteDir = path.resolve(import.meta.dirname, '../../..');
const oldSetup = path.join(siteDir, 'docs/services/email/mta/setup.md');
const newSetup = path.join(siteDir, 'versioned_docs/version-16/services/email/mta/setup.md');
const editions = siteEditions(siteDir);
await editions.load();

async function migration(oldText?: string) {
  const from = await editions.for(oldSetup).page(oldSetup, oldText);
  const to = await editions.for(newSetup).page(newSetup);
  return editionMigration(from, to, readCatalogues());
}

describe('the migration between the editions', () => {
  it('lists every variable of the 2021 compose file, in its order', async () => {
    const source = readFileSync(oldSetup, 'utf8');
    const written = [...source.matchAll(/^ {4}- ([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect((await migration()).variables.map((variable) => variable.name)).toEqual(written);
  });

  it("says what v16 does with each, from docker-mailserver's catalogues", async () => {
    const byName = new Map((await migration()).variables.map((variable) => [variable.name, variable]));
    expect(byName.get('DMS_DEBUG')).toMatchObject({fate: 'removed', newName: 'LOG_LEVEL', newValue: 'info'});
    expect(byName.get('SA_SPAM_SUBJECT')).toMatchObject({fate: 'renamed', newName: 'SPAM_SUBJECT', newValue: '***SPAM***'});
    expect(byName.get('ENABLE_LDAP')).toMatchObject({fate: 'removed', newName: 'ACCOUNT_PROVISIONER', newValue: 'FILE'});
    expect(byName.get('LOGROTATE_INTERVAL')).toMatchObject({fate: 'default changed', detail: 'Default daily in v9.0.1, weekly in v16.0.1.'});
    expect(byName.get('SPAMASSASSIN_SPAM_TO_INBOX')?.fate).toBe('default changed');
    expect(byName.get('VIRUSMAILS_DELETE_DELAY')?.fate).toBe('kept');
  });

  it('moves every host folder of the mail service, nested ones first', async () => {
    const {folders, oldService, newService} = await migration();
    expect({oldService, newService}).toEqual({oldService: 'mail', newService: 'mailserver'});
    expect(folders.map((move) => move.target)).toEqual(['/tmp/docker-mailserver', '/var/mail-state', '/var/log/mail', '/var/mail']);
    expect(folders.at(-1)).toEqual({target: '/var/mail', from: '/data/mail', to: '/data/dms/mail-data'});
  });

  it('compares the fail2ban files and their jail settings', async () => {
    const {files, compose} = await migration();
    const postfix = files.find((file) => file.target === '/data/jail.d/postfix.conf')!;
    expect(postfix.change).toBe('changed');
    expect(postfix.options).toContainEqual({jail: 'postfix', option: 'filter', old: 'postfix[mode=errors]', new: 'mail-postfix[mode=errors]'});
    expect(compose).toContainEqual({service: 'f2b-system', key: 'image', old: 'crazymax/fail2ban:1.0.2', new: 'crazymax/fail2ban:1.1.0'});
  });

  it('follows an edit of the 2021 edition', async () => {
    const source = readFileSync(oldSetup, 'utf8');
    const edited = source.replace('    - DMS_DEBUG=0\n', '    - DMS_DEBUG=0\n    - ENABLE_ELK_FORWARDER=0\n');
    const names = (await migration(edited)).variables.map((variable) => variable.name);
    expect(names).toContain('ENABLE_ELK_FORWARDER');
    expect((await migration(edited)).variables.find((variable) => variable.name === 'ENABLE_ELK_FORWARDER')?.fate).toBe('removed');
  });

  it('moves the mail, state, configuration and logs with its own commands, losing nothing', async () => {
    // The 2021 layout in a scratch root, a file in each mounted folder; the page's backup and move
    // commands run there (paths under the root), and each container path's files must be in its new folder.
    const m = await migration();
    const root = mkdtempSync(path.join(tmpdir(), 'migration-'));
    try {
      const at = (hostPath: string) => path.join(root, hostPath);
      for (const move of m.folders) {
        mkdirSync(at(move.from), {recursive: true});
        writeFileSync(path.join(at(move.from), `${path.basename(move.target)}.file`), move.target);
      }
      const filesUnder = (dir: string) =>
        readdirSync(dir, {recursive: true, encoding: 'utf8'})
          .filter((name) => name.endsWith('.file'))
          .sort();
      mkdirSync(at('/root'));
      const {backup, move} = migrationCommands(m);
      // The host's folders (data, logs, root's home) inside the scratch root; /dev/null stays itself.
      const inRoot = (command: string) => command.replace(/ \/(?=(data|var|root)\/)/g, ` ${root}/`).replace('-C / ', `-C ${root} `);
      expect(execFileSync('bash', ['-euo', 'pipefail', '-c', [...backup, ...move].map(inRoot).join('\n')], {encoding: 'utf8'})).toContain('backup readable');
      // Each new folder holds exactly its own container path's file: nested folders moved out before their parent.
      for (const entry of m.folders) expect(filesUnder(at(entry.to)), entry.target).toEqual([`${path.basename(entry.target)}.file`]);
      // The archive holds every file of the old layout.
      const archived = execFileSync('tar', ['-tzf', `${root}/root/mail-v9.0.1-backup.tar.gz`], {encoding: 'utf8'})
        .split('\n')
        .filter((name) => name.endsWith('.file'));
      expect(archived).toHaveLength(m.folders.length);
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });
});
