/**
 * fail2ban's configuration format, read as fail2ban reads it (Python's
 * ConfigParser): `[section]`s of `name = value` options, values continued on
 * indented lines (a multi-line `failregex` is one option, one regex a line),
 * comment lines starting with `#` or `;`, and `%(name)s` interpolation.
 */
export interface ConfigOption {
  name: string;
  /** The value; continuation lines joined with "\n". */
  value: string;
  /** 1-based line of the option in the file, and of each value line. */
  line: number;
  valueLines: number[];
}

export interface ConfigSection {
  name: string;
  line: number;
  options: Map<string, ConfigOption>;
}

export interface ConfigFile {
  sections: Map<string, ConfigSection>;
  /** Lines that are not sections, options, continuations or comments. */
  errors: Array<{line: number; text: string}>;
}

export function parseConfig(text: string): ConfigFile {
  const sections = new Map<string, ConfigSection>();
  const errors: ConfigFile['errors'] = [];
  let section: ConfigSection | undefined;
  let option: ConfigOption | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') {
      // A blank line ends nothing in ConfigParser, but a comment never continues a value.
      if (raw.trim() !== '') option = undefined;
      return;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = sections.get(header[1]) ?? {name: header[1], line, options: new Map()};
      sections.set(header[1], section);
      option = undefined;
      return;
    }
    if (/^\s/.test(raw) && option) {
      option.value += `\n${raw.trim()}`;
      option.valueLines.push(line);
      return;
    }
    const assignment = /^([^=:\s][^=:]*?)\s*[=:]\s?(.*)$/.exec(raw);
    if (assignment && section) {
      option = {name: assignment[1], value: assignment[2].trim(), line, valueLines: [line]};
      section.options.set(option.name, option);
      return;
    }
    errors.push({line, text: raw});
  });
  return {sections, errors};
}

/** Options visible from a section: its own, then the file's `[DEFAULT]`, then those of included files. */
export type Scope = Array<ConfigSection | undefined>;

/**
 * Resolves `%(name)s` references like ConfigParser does, through `scope`.
 * @returns the value, and the names that could not be resolved.
 */
export function interpolate(value: string, scope: Scope, depth = 0): {value: string; missing: string[]} {
  const missing: string[] = [];
  const resolved = value.replace(/%\(([^)]+)\)s/g, (whole, name: string) => {
    const option = scope.map((section) => section?.options.get(name)).find(Boolean);
    if (!option || depth > 10) {
      missing.push(name);
      return whole;
    }
    const inner = interpolate(option.value, scope, depth + 1);
    missing.push(...inner.missing);
    return inner.value;
  });
  return {value: resolved, missing};
}
