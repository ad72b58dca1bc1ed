import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, inject, it} from 'vitest';
import {runFail2banRegex} from '../../plugins/validators/fail2ban/fail2ban-regex.ts';
import {readSamples} from '../../plugins/validators/fail2ban/samples.ts';
import {siteDir} from '../helpers/site.ts';

let buildDir: string;
const setupDownloads = 'downloads/services/email/mta/setup';
const bundleName = 'mailguide-services-email-mta-setup';

beforeAll(() => {
  buildDir = inject('buildDir');
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter((name) => name.endsWith('.html') && statSync(path.join(dir, name)).isFile());
}

/** Unpacks an archive with the system's own tool, keeping owners (we run as root). */
function unpack(archive: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
  if (archive.endsWith('.zip')) execFileSync('unzip', ['-q', archive, '-d', dir]);
  else execFileSync('tar', ['--same-owner', '-xzf', archive, '-C', dir]);
  return path.join(dir, bundleName);
}

describe('the published downloads', () => {
  it('resolves every /downloads/ link of every page to a file', () => {
    const links = htmlFiles(buildDir).flatMap((page) => [...readFileSync(path.join(buildDir, page), 'utf8').matchAll(/href="?(\/downloads\/[^"\s>]+)/g)].map((match) => match[1]));
    // Per edition: 11 snippets and 4 archives on the two pages, and the 4 archives again on its downloads page.
    expect(links.length).toBe(38);
    expect(links.filter((url) => !existsSync(path.join(buildDir, url)))).toEqual([]);
  });

  it('publishes each included filter and jail byte for byte as the repository has it', () => {
    const source = path.join(siteDir, 'docs/services/email/mta/source');
    for (const name of ['mail-dovecot.conf', 'mail-postfix.conf', 'mail-postfix-rbl.conf', 'mail-postfix-sasl.conf']) {
      expect(readFileSync(path.join(buildDir, setupDownloads, 'data/fail2ban/filter.d', name), 'utf8')).toBe(readFileSync(path.join(source, name), 'utf8'));
    }
    expect(readFileSync(path.join(buildDir, setupDownloads, 'data/fail2ban/jail.d/postfix.conf'), 'utf8')).toBe(readFileSync(path.join(source, 'postfix.conf'), 'utf8'));
  });

  it('publishes the merged compose file beside the fragments', () => {
    const merged = readFileSync(path.join(buildDir, setupDownloads, 'docker-compose.yml'), 'utf8');
    expect(merged).toMatch(/^services:\n {2}mail:\n/);
    expect(merged).toContain('  f2b-system:\n    image: crazymax/fail2ban:1.0.2');
    expect(merged).toContain('      - /var/log/mail:/var/log/mail:ro');
    expect(readFileSync(path.join(buildDir, setupDownloads, 'docker-compose.mail.yml'), 'utf8')).toMatch(/^mail:\n {2}image: mailserver\/docker-mailserver:9\.0\.1\n/);
  });

  describe.each(['tar.gz', 'zip'])('the setup bundle as .%s', (extension) => {
    let dir: string;
    beforeAll(() => {
      dir = unpack(path.join(buildDir, setupDownloads, `${bundleName}.${extension}`));
    });

    it('is laid out as the files go on the server', () => {
      const files = readdirSync(dir, {recursive: true, encoding: 'utf8'})
        .filter((name) => statSync(path.join(dir, name)).isFile())
        .sort();
      expect(files).toEqual([
        'INSTALL.md',
        'SHA256SUMS',
        'data/fail2ban/filter.d/mail-dovecot.conf',
        'data/fail2ban/filter.d/mail-postfix-rbl.conf',
        'data/fail2ban/filter.d/mail-postfix-sasl.conf',
        'data/fail2ban/filter.d/mail-postfix.conf',
        'data/fail2ban/jail.d/dovecot.conf',
        'data/fail2ban/jail.d/postfix.conf',
        'data/fail2ban/jail.d/recidive.conf',
        'docker-compose.yml',
        'manifest.json',
      ]);
    });

    it('passes sha256sum -c SHA256SUMS', () => {
      const output = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {cwd: dir, encoding: 'utf8'});
      expect(output.trim().split('\n')).toHaveLength(10);
      expect(output).not.toMatch(/FAILED/);
    });

    it('carries the mode of the captions (0644)', () => {
      const mode = (statSync(path.join(dir, 'data/fail2ban/filter.d/mail-dovecot.conf')).mode & 0o777).toString(8);
      expect(mode).toBe('644');
    });

    it('has a manifest that agrees with the files', () => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      expect(manifest.bundle).toBe(bundleName);
      expect(manifest.page.route).toBe('/services/email/mta/setup');
      for (const file of manifest.files) {
        const sum = execFileSync('sha256sum', [file.path], {cwd: dir, encoding: 'utf8'}).split(' ')[0];
        expect(file.sha256, file.path).toBe(sum);
        expect(file.mode).toBe('0644');
        expect(file.owner).toBe('root:root');
        expect(file.validators.length, file.path).toBeGreaterThan(0);
        expect(file.source.file).not.toMatch(/^\//);
      }
      const dovecot = manifest.files.find((file: {path: string}) => file.path === 'data/fail2ban/filter.d/mail-dovecot.conf');
      expect(dovecot).toMatchObject({
        target: '/data/filter.d/mail-dovecot.conf',
        installTo: '/data/fail2ban/filter.d/mail-dovecot.conf',
        source: {file: 'docs/services/email/mta/source/mail-dovecot.conf', line: 1},
      });
      expect(dovecot.validators).toContain('fail2ban-regex 1.0.2');
      const compose = manifest.files.find((file: {path: string}) => file.path === 'docker-compose.yml');
      expect(compose.warnings.some((warning: string) => warning.startsWith('compose/env-deprecated: DMS_DEBUG'))).toBe(true);
      expect(JSON.stringify(manifest)).not.toContain(siteDir);
    });

    it('has filters that the real fail2ban-regex accepts, with their sample verdicts', async () => {
      for (const name of ['mail-dovecot', 'mail-postfix', 'mail-postfix-rbl', 'mail-postfix-sasl']) {
        const samples = readSamples(path.join(siteDir, 'docs/services/email/mta/source/samples', `${name}.log`));
        const filter = readFileSync(path.join(dir, 'data/fail2ban/filter.d', `${name}.conf`), 'utf8');
        const {matches} = await runFail2banRegex(
          filter,
          samples.map((sample) => sample.text),
        );
        expect(
          matches.map((match) => match.ip),
          name,
        ).toEqual(samples.filter((sample) => sample.match).map((sample) => sample.host));
      }
    });
  });

  it('gives owners in the tar.gz as the captions say (root root)', () => {
    const listing = execFileSync('tar', ['-tvzf', path.join(buildDir, setupDownloads, `${bundleName}.tar.gz`)], {encoding: 'utf8'});
    const line = listing.split('\n').find((entry) => entry.endsWith('data/fail2ban/filter.d/mail-dovecot.conf'))!;
    expect(line).toMatch(/^-rw-r--r-- root\/root +\d+ 2021-02-24 00:00 /);
  });

  it.each(['tar.gz', 'zip'])('is what npm run bundle produces without building (.%s)', (extension) => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'cli-bundle-')), `bundle.${extension}`);
    execFileSync('npx', ['tsx', 'plugins/cli/bundle.ts', 'docs/services/email/mta/setup.md', '--out', out], {cwd: siteDir});
    expect(readFileSync(out).equals(readFileSync(path.join(buildDir, setupDownloads, `${bundleName}.${extension}`)))).toBe(true);
  });

  it('lists every bundle on the downloads page', () => {
    const html = readFileSync(path.join(buildDir, 'bundles/index.html'), 'utf8');
    for (const archive of ['mailguide-services-email-mta-setup.tar.gz', 'mailguide-services-email-mta-setup.zip', 'mailguide-services-fail2ban-system.tar.gz']) {
      expect(html).toContain(archive);
    }
  });
});
