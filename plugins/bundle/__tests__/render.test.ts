import {gunzipSync, unzipSync, strFromU8} from 'fflate';
import {parseTar} from 'nanotar';
import {describe, expect, it} from 'vitest';
import {fillText, renderBundle, tarGz, zip} from '../render.ts';
import {isSafeEntryPath, type BundleSpec} from '../spec.ts';

const spec: BundleSpec = {
  name: 'mailguide-demo',
  page: {title: 'Demo', route: '/demo'},
  placeholders: [{name: 'DOMAIN', label: 'Mail domain'}],
  logFiles: ['/var/log/demo/demo.log', '/data/fail2ban/fail2ban.log'],
  entries: [
    {
      path: 'docker-compose.yml',
      installTo: 'docker-compose.yml',
      target: 'docker-compose.yml',
      kind: 'compose-merged',
      text: 'services:\n  mail:\n    domainname: {DOMAIN}\n',
      mode: '0644',
      owner: 'root:root',
      source: {file: 'docs/demo.md', line: 3},
      validators: ['YAML 1.2'],
      warnings: ['compose/image-latest: pin a tag'],
    },
    {
      path: 'data/fail2ban/jail.d/demo.conf',
      installTo: '/data/fail2ban/jail.d/demo.conf',
      target: '/data/jail.d/demo.conf',
      kind: 'fail2ban-jail',
      text: '[demo]\nenabled = true\n',
      mode: '0640',
      owner: 'root:adm',
      source: {file: 'docs/demo.md', line: 9},
      validators: ['fail2ban jail syntax'],
      warnings: [],
    },
  ],
};

describe('bundle rendering', () => {
  it('adds INSTALL.md, manifest.json and SHA256SUMS, sorted by path', async () => {
    const files = await renderBundle(spec);
    expect(files.map((file) => file.path)).toEqual(['INSTALL.md', 'SHA256SUMS', 'data/fail2ban/jail.d/demo.conf', 'docker-compose.yml', 'manifest.json']);
    const sums = strFromU8(files.find((file) => file.path === 'SHA256SUMS')!.bytes);
    expect(sums.split('\n').filter(Boolean)).toHaveLength(4);
    const install = strFromU8(files[0].bytes);
    expect(install).toContain('install -D -m 0640 -o root -g adm data/fail2ban/jail.d/demo.conf /data/fail2ban/jail.d/demo.conf');
    expect(install).toContain('`{DOMAIN}` (Mail domain)');
    expect(install).toContain('- `docker-compose.yml`: compose/image-latest: pin a tag');
  });

  it('fills placeholders with the values given, and records them in the manifest', async () => {
    const files = await renderBundle(spec, {DOMAIN: 'example.net'});
    expect(strFromU8(files.find((file) => file.path === 'docker-compose.yml')!.bytes)).toContain('domainname: example.net');
    expect(JSON.parse(strFromU8(files.find((file) => file.path === 'manifest.json')!.bytes)).values).toEqual({DOMAIN: 'example.net'});
    expect(fillText('a {DOMAIN} ${DOMAIN} {OTHER}', {DOMAIN: 'x.org'})).toBe('a x.org ${DOMAIN} {OTHER}');
  });

  it('writes the same archive bytes every time, with modes and owners', async () => {
    const files = await renderBundle(spec);
    expect(tarGz(spec.name, files)).toEqual(tarGz(spec.name, await renderBundle(spec)));
    const entries = parseTar(gunzipSync(tarGz(spec.name, files)));
    const jail = entries.find((entry) => entry.name === 'mailguide-demo/data/fail2ban/jail.d/demo.conf')!;
    // nanotar writes times in milliseconds and reads them back in seconds.
    expect(jail.attrs).toMatchObject({mode: '0000640', user: 'root', group: 'adm', mtime: Date.UTC(2021, 1, 24) / 1000});
    expect(Object.keys(unzipSync(zip(spec.name, files)))).toContain('mailguide-demo/docker-compose.yml');
  });

  it('refuses entries that would unpack outside the bundle', async () => {
    for (const unsafe of ['../etc/passwd', '/etc/passwd', 'a/../../b', 'a//b', './a', '']) expect(isSafeEntryPath(unsafe), unsafe).toBe(false);
    expect(isSafeEntryPath('data/fail2ban/jail.d/x.conf')).toBe(true);
    await expect(renderBundle({...spec, entries: [{...spec.entries[0], path: '../escape.yml'}]})).rejects.toThrow('would unpack outside the bundle');
  });

  it("has INSTALL.md create the jails' log files before the containers start", async () => {
    const install = strFromU8((await renderBundle(spec)).find((file) => file.path === 'INSTALL.md')!.bytes);
    const touch = install.indexOf('   touch -a /var/log/demo/demo.log /data/fail2ban/fail2ban.log');
    expect(install).toContain('   mkdir -p /var/log/demo /data/fail2ban');
    expect(touch).toBeGreaterThan(0);
    expect(touch).toBeLessThan(install.indexOf('docker-compose up -d'));
  });
});
