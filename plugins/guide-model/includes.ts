import {existsSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';

export type IncludeResult = {ok: true; path: string} | {ok: false; ruleId: `include/${string}`; reason: string};

/**
 * Where `file=<include>` of a page points, checked: it must exist and stay
 * inside `rootDir` (also through symbolic links).
 */
export function resolveInclude(pagePath: string, include: string, rootDir: string): IncludeResult {
  const root = realpathSync(rootDir);
  const shown = path.relative(process.cwd(), root) || rootDir;
  const resolved = path.resolve(path.dirname(pagePath), include);
  const outside = (candidate: string) => {
    const relative = path.relative(root, candidate);
    return relative.startsWith('..') || path.isAbsolute(relative);
  };
  if (outside(resolved)) {
    return {ok: false, ruleId: 'include/outside-root', reason: `Included file "${include}" is outside ${shown}; keep included files next to the page.`};
  }
  if (!existsSync(resolved) || !statSync(resolved).isFile()) {
    return {
      ok: false,
      ruleId: 'include/missing-file',
      reason: `Included file "${include}" does not exist (looked for ${path.relative(process.cwd(), resolved)}). Create it or fix the path in file=.`,
    };
  }
  if (outside(realpathSync(resolved))) {
    return {ok: false, ruleId: 'include/outside-root', reason: `Included file "${include}" links to a file outside ${shown}; include the file itself.`};
  }
  return {ok: true, path: resolved};
}
