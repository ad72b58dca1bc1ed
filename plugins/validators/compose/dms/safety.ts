import type {Problem} from '../../../guide-model/diagnostics.ts';
import type {ComposeSnippet} from '../compose-file.ts';
import {effectiveDefault, type DmsCatalogue} from './catalogue.ts';
import type {Variable} from './environment.ts';

/**
 * Settings that make a docker-mailserver unsafe or lose mail, each citing
 * where docker-mailserver says so. They are errors: the guide must not hand
 * them out, however valid the value.
 */
export function checkDmsSafety(compose: ComposeSnippet, variables: readonly Variable[], catalogue: DmsCatalogue): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(variables.map((variable) => [variable.name, variable]));
  const value = (name: string) => {
    const set = byName.get(name)?.value;
    return set === undefined || set === '' ? effectiveDefault(catalogue.variables.get(name)) : set;
  };

  const permit = byName.get('PERMIT_DOCKER');
  if (permit && ['host', 'network', 'connected-networks'].includes(permit.value)) {
    const safe = catalogue.variables.get('PERMIT_DOCKER')?.check;
    const instead = safe?.kind === 'one-of' && safe.values.includes('none') ? 'PERMIT_DOCKER=none' : 'PERMIT_DOCKER= (empty: only the container itself)';
    problems.push(
      compose.at(permit.node, {
        ruleId: 'compose/unsafe-permit-docker',
        reason: `PERMIT_DOCKER=${permit.value} adds a whole Docker network to postfix's mynetworks, whose addresses may send mail without logging in. docker-mailserver's documentation warns that this "can create an open relay, for instance if IPv6 is enabled on the host machine but not in Docker" (docs/content/config/environment.md, PERMIT_DOCKER). Use ${instead}.`,
      }),
    );
  }

  if (value('ENABLE_SPAMASSASSIN') === '1' && value('SPAMASSASSIN_SPAM_TO_INBOX') !== '1') {
    const node = byName.get('SPAMASSASSIN_SPAM_TO_INBOX')?.node ?? byName.get('ENABLE_SPAMASSASSIN')!.node;
    problems.push(
      compose.at(node, {
        ruleId: 'compose/spam-bounced',
        reason: `With ENABLE_SPAMASSASSIN=1 and SPAMASSASSIN_SPAM_TO_INBOX ${byName.has('SPAMASSASSIN_SPAM_TO_INBOX') ? `=${byName.get('SPAMASSASSIN_SPAM_TO_INBOX')!.value}` : 'unset (default 0 in this release)'}, docker-mailserver v${catalogue.release} bounces mail it scores as spam: senders of false positives get a bounce and the mail is lost (environment.md, SPAMASSASSIN_SPAM_TO_INBOX: "0 = spam bounced"). Set SPAMASSASSIN_SPAM_TO_INBOX=1 (and MOVE_SPAM_TO_JUNK=1 to file it in Junk).`,
      }),
    );
  }
  return problems;
}
