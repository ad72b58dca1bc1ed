import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {PhrasingContent, Root, RootContent, TableRow} from 'mdast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';

/** What one client address saw in a scenario (the lab's `results.json`). */
interface Observed {
  family: 'ipv4' | 'ipv6';
  attempts: number;
  banned: boolean;
  bannedAfterAttempts?: number;
  nextConnectionRefused?: boolean;
  counters?: {chain: string; banRulePackets: number};
}

interface Scenario {
  name: string;
  claim: string;
  kind: 'attacker' | 'legitimate' | 'control';
  jails: string[];
  failures: Record<string, number>;
  observed: Record<string, Observed>;
  result: 'pass' | 'fail';
}

/** The lab's record of its last run, written by `npm run lab -- --record`. */
export interface LabResults {
  edition: {name: string; debian: string};
  versions: Record<string, string>;
  recorded: string;
  seconds: number;
  passed: number;
  failed: number;
  scenarios: Scenario[];
}

const text = (value: string): PhrasingContent => ({type: 'text', value});
const code = (value: string): PhrasingContent => ({type: 'inlineCode', value});
const cell = (children: PhrasingContent[]) => ({type: 'tableCell' as const, children});

/** What an address saw, in a few words: `203.0.113.66: banned after 3, next connection refused (1 packet on the DOCKER-USER ban rule)`. */
function seen(address: string, observed: Observed): PhrasingContent[] {
  if (!observed.banned) return [code(address), text(`: ${observed.attempts} tries, never counted or banned`)];
  const refused = observed.nextConnectionRefused ? 'next connection refused' : 'next connection still reached the server';
  const counter = observed.counters
    ? ` (${observed.counters.banRulePackets} packet${observed.counters.banRulePackets === 1 ? '' : 's'} on the ${observed.counters.chain} ban rule)`
    : '';
  return [code(address), text(`: banned after ${observed.bannedAfterAttempts ?? observed.attempts}, ${refused}${counter}`)];
}

function scenarioRow(scenario: Scenario): TableRow {
  const observed = Object.entries(scenario.observed).flatMap(([address, what], index) => [...(index > 0 ? [{type: 'break' as const}] : []), ...seen(address, what)]);
  return {
    type: 'tableRow',
    children: [
      cell([code(scenario.name)]),
      cell([text(scenario.kind)]),
      cell([text(scenario.claim)]),
      cell(observed),
      cell([text(scenario.result === 'pass' ? '✓ pass' : '✗ fail')]),
    ],
  };
}

function render(results: LabResults): RootContent[] {
  const versions = Object.entries(results.versions).flatMap(([name, version], index) => [...(index > 0 ? [text(', ')] : []), text(`${name} `), code(version)]);
  return [
    {
      type: 'paragraph',
      children: [
        text(
          `Last run ${results.recorded} on Debian ${results.edition.debian} (${results.edition.name}): ${results.passed} scenarios passed, ${results.failed} failed, in ${Math.round(results.seconds)} s. Packages: `,
        ),
        ...versions,
        text('. Every attack ran from an IPv4 and an IPv6 address.'),
      ],
    },
    {
      type: 'table',
      align: [null, null, null, null, null],
      children: [
        {type: 'tableRow', children: ['Scenario', 'Kind', 'What the page claims', 'What the lab saw', 'Result'].map((heading) => cell([text(heading)]))},
        ...results.scenarios.map(scenarioRow),
      ],
    },
  ];
}

/**
 * Renders `::lab-results{file=lab/results.json}`: the scenarios the mail lab
 * ran against real postfix, dovecot and fail2ban with this page's bundle,
 * each claim of the page with what the lab saw. The file is the lab's own
 * record (`npm run lab -- --record`), next to the page.
 */
const remarkLabResults: Plugin<[], Root> = function () {
  return (tree, file) => {
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (node.name !== 'lab-results' || !parent || index === undefined) return undefined;
      const relative = node.attributes?.file ?? 'lab/results.json';
      const resultsFile = path.join(path.dirname(file.path), relative);
      if (!existsSync(resultsFile)) {
        file.fail(`"::lab-results" reads ${relative}, which does not exist. Run \`npm run lab -- --record\` as root to write it.`, {
          place: node.position,
          ruleId: 'no-results',
          source: 'lab-results',
        });
      }
      const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as LabResults;
      const nodes = render(results);
      parent.children.splice(index, 1, ...nodes);
      return index + nodes.length;
    });
  };
};

export default remarkLabResults;
