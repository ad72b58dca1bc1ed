/**
 * compose interpolates `${VAR}`, `${VAR:-default}`, `${VAR:?error}`, `$VAR`
 * and `$$` (a literal `$`) in every string before it validates the file
 * (compose-go loader.go: Interpolate, then schema.Validate). A value holding a
 * variable is only known when the reader runs compose, so the schema's type and
 * format checks cannot judge it: such paths are returned as `variables`, and
 * the checks leave them alone. Browser-safe.
 */

// compose-go template/template.go: `$$`, `$name`, `${name…}` (nested braces in a default are rare; one level is read).
const reference = /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\})/g;

/** One string as compose reads it with no variable set: defaults used, `$$` unescaped. */
export function interpolateString(text: string): {value: string; variable: boolean} {
  let variable = false;
  const value = text.replace(reference, (_match, dollar: string | undefined, bare: string | undefined, _braced: string | undefined, operator = '', word = '') => {
    if (dollar) return '$';
    variable = true;
    if (bare) return '';
    if (operator.endsWith('-')) return interpolateString(word).value;
    return '';
  });
  return {value, variable};
}

/** The data with every string interpolated, and the JSON pointers (`/services/web/ports/0`) of values that hold a variable. */
export function interpolateData(data: unknown): {data: unknown; variables: string[]} {
  const variables: string[] = [];
  const walk = (value: unknown, pointer: string): unknown => {
    if (typeof value === 'string') {
      const result = interpolateString(value);
      if (result.variable) variables.push(pointer);
      return result.value;
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, `${pointer}/${index}`));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)]));
    }
    return value;
  };
  return {data: walk(data, ''), variables};
}

/** Is the value at `pointer` one that holds a variable, or inside one? */
export const holdsVariable = (variables: readonly string[], pointer: string) => variables.some((path) => path === pointer || pointer.startsWith(`${path}/`));
