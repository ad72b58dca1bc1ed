import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readSamples} from '../../plugins/validators/fail2ban/samples.ts';
import {editions} from '../lab/editions.ts';

// Each edition's filter samples hold lines its mail lab's daemons wrote
// (`npm run lab -- --record` keeps them in the edition's recorded/mail.log),
// not lines written by hand next to the filter they test; its setup page
// shows the results of a full, passing run of the same daemons.
const repo = path.resolve(import.meta.dirname, '../..');

for (const edition of Object.values(editions)) {
  const recordedDir = path.join(repo, edition.recorded);
  const transcript = new Set(readFileSync(path.join(recordedDir, 'mail.log'), 'utf8').split('\n'));
  const versions = readFileSync(path.join(recordedDir, 'versions.txt'), 'utf8');
  const recordedVersions = Object.fromEntries([...versions.matchAll(/^(\S+) (\S+)$/gm)].map((match) => [match[1], match[2]]));
  const samplesDir = path.join(repo, edition.samples);

  describe(`${edition.name}: sample logs come from the mail lab`, () => {
    const files = readdirSync(samplesDir).filter((file) => file.endsWith('.log'));

    it('covers the filters of the mail page', () => {
      expect(files).toEqual(expect.arrayContaining(['mail-dovecot.log', 'mail-postfix.log', 'mail-postfix-rbl.log', 'mail-postfix-sasl.log']));
    });

    for (const file of files) {
      it(`${file}: every line was written by the lab's daemons`, () => {
        const samples = readSamples(path.join(samplesDir, file));
        expect(samples.length).toBeGreaterThan(0);
        const invented = samples.filter((sample) => !transcript.has(sample.text)).map((sample) => `${file}:${sample.line}: ${sample.text}`);
        expect(invented).toEqual([]);
      });

      it(`${file}: names the daemon versions the lab recorded`, () => {
        const header = readFileSync(path.join(samplesDir, file), 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('#') && !line.includes('failJSON'))
          .join('\n');
        for (const name of ['postfix', 'dovecot-core', 'rsyslog']) {
          expect(header, `${file} header names ${name} ${recordedVersions[name]}`).toContain(`${name} ${recordedVersions[name]}`);
        }
      });
    }
  });

  describe(`${edition.name}: the lab results of the setup page`, () => {
    const results = JSON.parse(readFileSync(path.join(repo, edition.results), 'utf8')) as {
      versions: Record<string, string>;
      failed: number;
      scenarios: {name: string; result: string; kind: string; observed: Record<string, {family: string}>}[];
    };

    it('were recorded with the daemon versions of the samples', () => {
      expect(results.versions).toEqual(recordedVersions);
    });

    it('come from a run where every scenario passed', () => {
      expect(results.failed).toBe(0);
      expect(results.scenarios.filter((scenario) => scenario.result !== 'pass').map((scenario) => scenario.name)).toEqual([]);
    });

    it('prove the attacks over IPv4 and IPv6', () => {
      for (const scenario of results.scenarios.filter((candidate) => candidate.kind === 'attacker' && candidate.name !== 'recidive-counts-bans')) {
        expect(new Set(Object.values(scenario.observed).map((address) => address.family)), scenario.name).toEqual(new Set(['ipv4', 'ipv6']));
      }
    });
  });
}
