import type {Problem} from '../../../guide-model/diagnostics.ts';
import {didYouMean} from '../../../guide-model/suggest.ts';
import type {ServiceCheck} from '../service-check.ts';
import {containerVariables, variablesOf} from '../dms/environment.ts';
import {fail2banImage, variableAt} from './catalogue.ts';

/**
 * Checks the environment of a crazymax/fail2ban service against what its
 * entrypoint reads at that release: since 2020 jail settings (chain, action,
 * maxretry) are not variables, and setting one changes nothing.
 */
export const fail2banEnvironmentCheck: ServiceCheck = ({compose, service, image, rules}) => {
  const catalogue = rules.fail2ban;
  const fail2ban = fail2banImage(String(image.value), catalogue);
  if (!fail2ban) return {problems: []};
  const label = `crazymax/fail2ban ${fail2ban.moving ? `${String(image.value).split(':')[1] ?? 'latest'} (fail2ban ${fail2ban.release})` : fail2ban.release}`;
  const problems: Problem[] = [];
  const known = catalogue.variables.map(({name}) => name);
  for (const {name, node} of variablesOf(service.get('environment', true) as never)) {
    if (containerVariables.includes(name)) continue;
    const {read, variable} = variableAt(catalogue, name, fail2ban.release);
    if (read) continue;
    const reason = variable
      ? variable.removedIn
        ? `${label} does not read ${name}: the image stopped reading it in ${variable.removedIn}, so it changes nothing. ${variable.notes}`
        : `${label} does not read ${name} yet: it arrived in ${variable.readFrom}.`
      : `crazymax/fail2ban reads no variable ${name}.${didYouMean(name, known)}`;
    problems.push(compose.at(node, {ruleId: 'compose/env-unknown', reason: `${reason} Remove it, or set what it meant in a jail file (/data/jail.d/*.local).`}));
  }
  return {problems, validator: `${label} environment`};
};
