import type {DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions} from 'yaml';

/**
 * How compose reads YAML, for every parse of a compose file:
 * - merge keys (`<<: *common`) are resolved, as Go's yaml.v3 does;
 * - `!reset` and `!override` (compose's tags for multi-file merging) are known
 *   tags, so they are neither warnings nor lost (see `resetTags`);
 * - aliases: `yaml` refuses more than 100 by default ("Excessive alias count"),
 *   which real files pass (getsentry/self-hosted has ~130). compose-go caps the
 *   nodes a document may expand to at 100,000 (loader/reset.go defaultMaxNodeVisits);
 *   10,000 aliases still stops an alias bomb before it costs memory.
 */
export const composeParseOptions: ParseOptions & DocumentOptions & SchemaOptions = {
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  customTags: [
    {tag: '!reset', collection: 'map', resolve: (value) => value},
    {tag: '!reset', collection: 'seq', resolve: (value) => value},
    {tag: '!reset', resolve: (value: string) => value},
    {tag: '!override', collection: 'map', resolve: (value) => value},
    {tag: '!override', collection: 'seq', resolve: (value) => value},
    {tag: '!override', resolve: (value: string) => value},
  ],
};

export const composeToJSOptions: ToJSOptions = {maxAliasCount: 10_000};
