/**
 * The meta string of a code fence, e.g.
 * `file=source/x.conf target=/data/filter.d/x.conf mode=0644 {13} title="A b"`.
 * Docusaurus reads `title="…"` and `{lines}` itself; our plugins read the
 * `key=value` attributes. Values with spaces are double- or single-quoted.
 */
export interface CodeMeta {
  /** `key=value` pairs, in order, unquoted. */
  attributes: Map<string, string>;
  /** Line ranges between braces, e.g. `13` or `1,4-6`, without the braces. */
  highlight?: string;
  /** Bare words such as `showLineNumbers`. */
  flags: string[];
}

const token = /(\w[\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))|\{([^}]*)\}|(\S+)/g;

export function parseCodeMeta(meta: string | null | undefined): CodeMeta {
  const result: CodeMeta = {attributes: new Map(), flags: []};
  for (const match of (meta ?? '').matchAll(token)) {
    const [, key, doubleQuoted, singleQuoted, bare, lines, flag] = match;
    if (key) result.attributes.set(key, doubleQuoted ?? singleQuoted ?? bare ?? '');
    else if (lines !== undefined) result.highlight = lines.trim();
    else if (flag) result.flags.push(flag);
  }
  return result;
}

/** Writes a meta string back; values are double-quoted when they need it. */
export function formatCodeMeta(meta: CodeMeta): string {
  const parts = [...meta.attributes].map(([key, value]) => (/^[^\s"'{}]+$/.test(value) ? `${key}=${value}` : `${key}="${value.replaceAll('"', "'")}"`));
  if (meta.highlight) parts.push(`{${meta.highlight}}`);
  return [...parts, ...meta.flags].join(' ');
}
