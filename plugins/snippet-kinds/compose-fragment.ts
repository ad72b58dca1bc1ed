import {checkComposeSnippet} from './compose.ts';
import type {SnippetKindDefinition} from './types.ts';

/**
 * Services added to or patched into the compose file its target names, shown
 * where the guide explains them: published per service, and merged with the
 * services it patches from linked pages into the page's compose file.
 */
export default {
  name: 'compose-fragment',
  readBy: 'compose',
  fragment: true,
  check: checkComposeSnippet,
} satisfies SnippetKindDefinition<'compose-fragment'>;
