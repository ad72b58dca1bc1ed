import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {originalEmailPorts} from '../../../test/helpers/original-guide.ts';
import {readGuidePage} from '../page.ts';

const docs = path.resolve(import.meta.dirname, '../../../docs');

describe('the guide model of the real pages', () => {
  it('reads the setup page: the original 7 ports and 5 files, without a problem', () => {
    const page = readGuidePage(path.join(docs, 'services/email/mta/setup.md'));
    expect(page.file.messages.map(String)).toEqual([]);
    const [ports, files] = page.tables;
    expect(ports.kind).toBe('ports');
    expect(ports.title).toBe('Email Ports');
    expect(ports.open).toBe(true);
    if (ports.kind !== 'ports' || files.kind !== 'files') throw new Error('unexpected table kinds');
    expect(ports.rows.map((row) => [row.port, row.protocol, row.state])).toEqual(originalEmailPorts);
    expect(ports.rows[4].anchor).toBe('port-587-tcp');
    expect(ports.note.length).toBeGreaterThan(0);
    expect(files.rows.map((row) => [row.path, row.purposeText])).toEqual([
      ['/var/mail', 'Email storage location'],
      ['/var/mail-state', 'Mail server state'],
      ['/var/log/mail', 'Mail logs'],
      ['/tmp/docker-mailserver', 'Mail configuration files'],
      ['/etc/letsencrypt', "Let's Encrypt certificates to use for SSL"],
    ]);
    expect(files.service).toBe('mail');
    expect(files.rows[0].anchor).toBe('file-var-mail');
  });

  it('reads the fail2ban files table', () => {
    const page = readGuidePage(path.join(docs, 'services/fail2ban/system.md'));
    expect(page.file.messages.map(String)).toEqual([]);
    expect(page.tables.flatMap((table) => table.rows.map((row) => row.anchor))).toEqual(['file-data-jail-d', 'file-data-filter-d', 'file-var-log']);
  });

  it('keeps page positions, for messages that point into the page', () => {
    const page = readGuidePage(path.join(docs, 'services/email/mta/setup.md'));
    const row = page.tables[0].rows[0];
    const lines = String(page.file.value).split('\n');
    expect(lines[row.position!.start.line - 1].trim()).toBe('- port: 25');
  });
});
