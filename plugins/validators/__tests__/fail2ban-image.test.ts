import {describe, expect, it} from 'vitest';
import {exampleValues, loadPlaceholders} from '../../guide-model/placeholders.ts';
import {fileFail2banCatalogue, readCatalogues} from '../compose/dms/catalogue-files.ts';
import {fail2banImage, variableAt} from '../compose/crazymax-fail2ban/catalogue.ts';
import {checkComposeFile, type ComposeRuleSet} from '../compose/rules.ts';
import {composeSchemaValidator, composeSchemaVersion} from '../compose/schema.ts';

// crazymax/fail2ban's entrypoint history (github.com/crazy-max/docker-fail2ban):
// which variables each image release reads.
const catalogue = fileFail2banCatalogue();
const rules: ComposeRuleSet = {schema: composeSchemaValidator(), schemaVersion: composeSchemaVersion, catalogues: readCatalogues(), fail2ban: catalogue};

const service = (image: string, variables: string[]) =>
  `services:\n  f2b:\n    image: ${image}\n    network_mode: host\n    environment:\n${variables.map((variable) => `      - ${variable}\n`).join('')}`;

describe('the crazymax/fail2ban catalogue', () => {
  it('knows which release reads what', () => {
    expect(variableAt(catalogue, 'F2B_IPTABLES_CHAIN', '0.10.5').read).toBe(true);
    expect(variableAt(catalogue, 'F2B_IPTABLES_CHAIN', '0.11.2').read).toBe(false);
    expect(variableAt(catalogue, 'F2B_LOG_LEVEL', '1.0.2').read).toBe(true);
    expect(variableAt(catalogue, 'IPTABLES_MODE', '1.0.2').read).toBe(false);
    expect(variableAt(catalogue, 'IPTABLES_MODE', '1.1.0').read).toBe(true);
    expect(variableAt(catalogue, 'SSMTP_HOST', '1.1.0').read).toBe(false);
  });

  it('reads the release from the image tag; latest is the newest', () => {
    expect(fail2banImage('crazymax/fail2ban:1.0.2', catalogue)).toEqual({release: '1.0.2', moving: false});
    expect(fail2banImage('ghcr.io/crazy-max/fail2ban:1.1.0-debian', catalogue)).toEqual({release: '1.1.0', moving: false});
    expect(fail2banImage('crazymax/fail2ban:latest', catalogue)?.moving).toBe(true);
    expect(fail2banImage('linuxserver/fail2ban:1.0.2', catalogue)).toBeUndefined();
  });

  it('flags the variables the 2021 guide set that the image no longer reads, and passes the ones it reads', () => {
    const text = service('crazymax/fail2ban:1.0.2', [
      'TZ=UTC',
      'F2B_LOG_LEVEL=INFO',
      'F2B_DB_PURGE_AGE=30d',
      'F2B_MAX_RETRY=5',
      'F2B_ACTION=%(action_)s',
      'F2B_IPTABLES_CHAIN=DOCKER-USER',
      'F2B_LOG_LEVL=INFO',
    ]);
    const problems = checkComposeFile(text, exampleValues(loadPlaceholders()), rules).filter((problem) => problem.ruleId === 'compose/env-unknown');
    expect(problems.map((problem) => problem.reason.split(':')[0])).toEqual([
      'crazymax/fail2ban 1.0.2 does not read F2B_MAX_RETRY',
      'crazymax/fail2ban 1.0.2 does not read F2B_ACTION',
      'crazymax/fail2ban 1.0.2 does not read F2B_IPTABLES_CHAIN',
      'crazymax/fail2ban reads no variable F2B_LOG_LEVL. Did you mean "F2B_LOG_LEVEL"? Remove it, or set what it meant in a jail file (/data/jail.d/*.local).',
    ]);
    expect(problems[2].reason).toContain('0.11.1-RC3 (2020-07-31)');
    expect(problems[2].reason).toContain("the default chain is fail2ban's INPUT");
  });
});
