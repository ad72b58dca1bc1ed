import compose from './compose.ts';
import composeFragment from './compose-fragment.ts';
import fail2banFilter from './fail2ban-filter.ts';
import fail2banJail from './fail2ban-jail.ts';
import type {SnippetKindDefinition} from './types.ts';

/**
 * The kinds of config file the guide hands out, the one place a kind is
 * registered. The first kind whose `target` pattern matches a fence's target
 * is its kind when the fence does not say `kind=`.
 */
export const snippetKinds = [compose, composeFragment, fail2banFilter, fail2banJail] as const;

export type SnippetKind = (typeof snippetKinds)[number]['name'];

export const snippetKindNames: readonly SnippetKind[] = snippetKinds.map((kind) => kind.name);

/** The definition of a kind the model has read (every snippet's kind is registered). */
export function kindNamed(name: SnippetKind): SnippetKindDefinition {
  return snippetKinds.find((kind) => kind.name === name)!;
}

/** The kind a target path implies, when the fence does not say `kind=`. */
export function kindOfTarget(target: string): SnippetKind | undefined {
  return snippetKinds.find((kind: SnippetKindDefinition) => kind.target?.test(target))?.name;
}

/** Is a snippet read by compose (a whole file or a fragment)? */
export const isCompose = (snippet: {kind: SnippetKind}): boolean => kindNamed(snippet.kind).readBy === 'compose';

export type {KindCheck, KindCheckContext, SnippetKindDefinition} from './types.ts';
