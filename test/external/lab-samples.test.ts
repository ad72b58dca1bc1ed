import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readSamples} from '../../plugins/snippet-validators/fail2ban/samples.ts';
import {editions} from '../lab/editions.ts';

// The filters' sample logs hold lines the mail lab's daemons wrote
// (`npm run lab -- --record` keeps them in test/lab/recorded/mail.log), not
// lines written by hand next to the filter they test.
const recordedDir = path.resolve(import.meta.dirname, '../lab/recorded');
const transcript = new Set(readFileSync(path.join(recordedDir, 'mail.log'), 'utf8').split('\n'));
const versions = readFileSync(path.join(recordedDir, 'versions.txt'), 'utf8');
const samplesDir = path.resolve(import.meta.dirname, '../..', editions.bookworm.samples);

describe('sample logs come from the mail lab', () => {
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
      const text = readFileSync(path.join(samplesDir, file), 'utf8');
      const header = text.split('\n').filter((line) => line.startsWith('#') && !line.includes('failJSON'));
      for (const [name, version] of [...versions.matchAll(/^(postfix|dovecot-core|rsyslog) (\S+)$/gm)].map((match) => [match[1], match[2]])) {
        expect(header.join('\n'), `${file} header names ${name} ${version}`).toContain(`${name} ${version}`);
      }
    });
  }
});

// The results the setup page shows come from a full, passing lab run by the
// same daemons that wrote the samples (npm run lab -- --record).
describe('the lab results of the setup page', () => {
  const results = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/services/email/mta/lab/results.json'), 'utf8')) as {
    versions: Record<string, string>;
    failed: number;
    scenarios: {name: string; result: string; kind: string; observed: Record<string, {family: string}>}[];
  };

  it('were recorded with the daemon versions of the samples', () => {
    const recordedVersions = Object.fromEntries([...versions.matchAll(/^(\S+) (\S+)$/gm)].map((match) => [match[1], match[2]]));
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
