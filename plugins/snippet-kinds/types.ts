import type {GuidePage} from '../guide-model/page.ts';
import type {Placeholder} from '../guide-model/placeholders.ts';
import type {PortState} from '../guide-model/port-states.ts';
import type {Snippet} from '../guide-model/snippets.ts';
import type {ComposeSnippet} from '../validators/compose/compose-file.ts';
import type {MergedCompose} from '../validators/compose/merge.ts';
import type {ComposeRuleSet} from '../validators/compose/rules.ts';
import type {FilterRuns} from '../validators/fail2ban/sample-run.ts';
import type {SnippetCheck} from '../validators/index.ts';

/** What a kind's check may read besides its snippet: the page, what the site defines, this build's data. */
export interface KindCheckContext {
  page: GuidePage;
  /** The filters the site's pages define, made once per site (`filterNamesOf`). */
  guideFilters: ReadonlySet<string>;
  placeholders: readonly Placeholder[];
  states: readonly PortState[];
  rules: ComposeRuleSet;
  filterRuns: FilterRuns;
  samplesDir?: string;
  /** The compose file the page builds, merged from its compose snippets (for kinds with `readsMergedCompose`). */
  merged?: MergedCompose;
}

/** A kind's check: what was checked, and for compose kinds the parsed file, which the page merges. */
export type KindCheck = SnippetCheck & {compose?: ComposeSnippet};

/**
 * A kind of config file the guide hands out. A new kind is one file in this
 * folder, listed in `index.ts`: the model reads it, the checks run it, the
 * bundle places it from this definition alone.
 */
export interface SnippetKindDefinition<Name extends string = string> {
  name: Name;
  /** Target paths that imply this kind when the fence has no `kind=`. */
  target?: RegExp;
  /**
   * The program that reads the file. A compose file goes in the folder the
   * reader runs compose in; any other file goes on the host where the compose
   * file's volumes put its container path.
   */
  readBy: 'compose' | 'fail2ban';
  /** A part of the file named by its target (a service patch), published per service and merged into that file. */
  fragment?: boolean;
  /** The check needs the page's merged compose file, so it runs after the compose kinds'. */
  readsMergedCompose?: boolean;
  check(snippet: Snippet, context: KindCheckContext): KindCheck | Promise<KindCheck>;
}
