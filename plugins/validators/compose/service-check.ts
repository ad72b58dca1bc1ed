import type {Scalar, YAMLMap} from 'yaml';
import type {Problem} from '../../guide-model/diagnostics.ts';
import type {ComposeSnippet} from './compose-file.ts';
import type {ComposeRuleSet} from './rules.ts';

/** What a service check reads: the file, one of its services, that service's image, the build's rules. */
export interface ServiceCheckInput {
  compose: ComposeSnippet;
  service: YAMLMap;
  image: Scalar;
  rules: ComposeRuleSet;
}

/**
 * A check of every service that names an image: its problems, and the name
 * its badge gives it when it applied to the service. One per file, listed in
 * `serviceChecks` (rules.ts), which the build and the reader's browser run.
 */
export type ServiceCheck = (input: ServiceCheckInput) => {problems: Problem[]; validator?: string};
