import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readGuidePage} from '../../plugins/guide-model/page.ts';
import {exampleValues, loadPlaceholders} from '../../plugins/guide-model/placeholders.ts';
import {composeFileText} from '../../plugins/validators/compose/merge.ts';
import {checkPage, listPages} from '../../plugins/validators/index.ts';

// Debian's docker-compose 1.29.2, the compose implementation of the guide's
// era, must accept every compose file the guide builds (`config -q` needs no daemon).
const pagesWithCompose = await Promise.all(listPages().map(async (page) => ({page: path.relative(process.cwd(), page), check: await checkPage(readGuidePage(page))}))).then(
  (pages) => pages.filter(({check}) => check.merged),
);

function dockerCompose(text: string): {ok: boolean; output: string} {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'compose-')), 'docker-compose.yml');
  writeFileSync(file, text);
  try {
    return {ok: true, output: execFileSync('docker-compose', ['-f', file, 'config', '-q'], {encoding: 'utf8', stdio: 'pipe'})};
  } catch (error) {
    const {stderr = '', stdout = ''} = error as {stderr?: string; stdout?: string};
    return {ok: false, output: stderr + stdout};
  }
}

describe('docker-compose 1.29.2 config -q', () => {
  it('is the Debian docker-compose 1.29.2', () => {
    expect(execFileSync('docker-compose', ['version', '--short'], {encoding: 'utf8'}).trim()).toBe('1.29.2');
  });

  it('finds the guide pages that build a compose file', () => {
    expect(pagesWithCompose.map(({page}) => page)).toEqual(['docs/services/email/mta/setup.md', 'docs/services/fail2ban/system.md']);
  });

  it.each(pagesWithCompose.map(({page, check}) => [page, check] as const))('accepts the merged compose file of %s', (_page, check) => {
    const result = dockerCompose(composeFileText(check.merged!, exampleValues(loadPlaceholders())));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('rejects a compose file with an unknown key, so the check above can fail', () => {
    const result = dockerCompose('services:\n  mail:\n    image: x\n    portz: ["25:25"]\n');
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Unsupported config option for services.mail: 'portz'");
  });

  it('sees the setup page merge the f2b-system patch into the service of the fail2ban page', () => {
    const setup = pagesWithCompose.find(({page}) => page.endsWith('setup.md'))!.check.merged!;
    expect(Object.keys(setup.data.services)).toEqual(['mail', 'f2b-system']);
    expect(setup.data.services['f2b-system'].image).toBe('crazymax/fail2ban:1.0.2');
    expect(setup.data.services['f2b-system'].volumes).toContain('/var/log/mail:/var/log/mail:ro');
    expect(setup.data.services['f2b-system'].volumes).toContain('/var/log:/var/log:ro');
  });
});
