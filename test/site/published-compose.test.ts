import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, inject, it} from 'vitest';
import {exampleValues, fillPlaceholders, loadPlaceholders} from '../../plugins/guide-model/placeholders.ts';

// Debian's docker-compose 1.29.2 on every compose file the built site serves,
// in the two forms a reader has it: as downloaded (placeholders unfilled) and
// filled with the example values. Fragments are parts of a file: each is
// checked as an override on top of its page's merged file, as `-f` would use it.
let downloadsDir: string;
const examples = exampleValues(loadPlaceholders());
const work = mkdtempSync(path.join(tmpdir(), 'published-compose-'));

beforeAll(() => {
  downloadsDir = path.join(inject('buildDir'), 'downloads');
});

function dockerCompose(files: string[]): string {
  try {
    execFileSync('docker-compose', files.flatMap((file) => ['-f', file]).concat('config', '-q'), {encoding: 'utf8', stdio: 'pipe', cwd: work});
    return '';
  } catch (error) {
    const {stderr = '', stdout = ''} = error as {stderr?: string; stdout?: string};
    return `${stderr}${stdout}`.trim() || 'docker-compose failed';
  }
}

let writtenFiles = 0;
/** Writes a published file (as served or filled) where docker-compose can read it. */
function written(text: string, name: string): string {
  writtenFiles += 1;
  const file = path.join(work, `${writtenFiles}-${name}`);
  writeFileSync(file, text);
  return file;
}

function publishedComposeFiles(): Array<{url: string; text: string; fragmentOf?: string}> {
  return readdirSync(downloadsDir, {recursive: true, encoding: 'utf8'})
    .filter((name) => /(^|\/)(docker-)?compose(\.[^/]+)?\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(downloadsDir, name), 'utf8');
      const base = path.basename(name);
      // The 2021 edition names its file docker-compose.yml, the current one compose.yaml (docker-mailserver 16's name).
      const whole = base.startsWith('docker-') ? 'docker-compose.yml' : 'compose.yaml';
      return base === whole ? {url: name, text} : {url: name, text, fragmentOf: path.join(path.dirname(name), whole)};
    });
}

/** The compose file of each published .tar.gz bundle, unpacked by tar. */
function bundledComposeFiles(): Array<{url: string; text: string}> {
  return readdirSync(downloadsDir, {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.tar.gz'))
    .flatMap((name) => {
      const listing = execFileSync('tar', ['-tzf', path.join(downloadsDir, name)], {encoding: 'utf8'}).split('\n');
      return listing
        .filter((entry) => /\/(docker-compose\.yml|compose\.yaml)$/.test(entry))
        .map((entry) => ({url: `${name}!${entry}`, text: execFileSync('tar', ['-xzOf', path.join(downloadsDir, name), entry], {encoding: 'utf8'})}));
    });
}

describe('docker-compose 1.29.2 on every compose file the site publishes', () => {
  it('finds the published compose files and bundle members', () => {
    expect(publishedComposeFiles().length).toBeGreaterThanOrEqual(10);
    // Both editions: setup and fail2ban pages.
    expect(bundledComposeFiles().length).toBeGreaterThanOrEqual(4);
  });

  it('accepts each whole file and bundle member, as served and filled with the example values', () => {
    const files = [...publishedComposeFiles().filter((file) => !file.fragmentOf), ...bundledComposeFiles()];
    const refused = files.flatMap(({url, text}) =>
      (['as served', 'filled'] as const).flatMap((form) => {
        const output = dockerCompose([written(form === 'filled' ? fillPlaceholders(text, examples) : text, 'docker-compose.yml')]);
        return output ? [`${url} (${form}): ${output}`] : [];
      }),
    );
    expect(refused).toEqual([]);
  });

  it('accepts each fragment as an override of its page file, as served and filled', () => {
    const fragments = publishedComposeFiles().filter((file) => file.fragmentOf);
    expect(fragments.length).toBeGreaterThanOrEqual(6);
    const refused = fragments.flatMap(({url, text, fragmentOf}) => {
      const base = readFileSync(path.join(downloadsDir, fragmentOf!), 'utf8');
      const asFile = `services:\n${text.replace(/^(?=.)/gm, '  ')}`;
      return (['as served', 'filled'] as const).flatMap((form) => {
        const fill = (value: string) => (form === 'filled' ? fillPlaceholders(value, examples) : value);
        const output = dockerCompose([written(fill(base), 'docker-compose.yml'), written(fill(asFile), 'override.yml')]);
        return output ? [`${url} (${form}): ${output}`] : [];
      });
    });
    expect(refused).toEqual([]);
  });

  it('refuses the bare placeholder the site once published, so the checks above can fail', () => {
    expect(dockerCompose([written('services:\n  mail:\n    image: x\n    domainname: {DOMAIN}\n', 'docker-compose.yml')])).toContain(
      'services.mail.domainname contains an invalid type, it should be a string',
    );
  });
});
