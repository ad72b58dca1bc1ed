/**
 * fail2ban's time values (`bantime`, `findtime`): seconds, `-1`, or
 * abbreviations such as `10m`, `1h30m`, `1d`, `2 weeks`. One grammar for the
 * jail checks of the build and the matcher's verdicts. Browser-safe.
 */
const units: Array<[RegExp, number]> = [
  [/^(s|sec|seconds?)$/i, 1],
  [/^(m|mi|min|minutes?)$/i, 60],
  [/^(h|hours?)$/i, 3600],
  [/^(d|days?)$/i, 86400],
  [/^(w|weeks?)$/i, 604800],
  [/^(mo|months?)$/i, 2629800],
  [/^(y|years?)$/i, 31557600],
];

/** The seconds a fail2ban time stands for, or undefined when it is not one. */
export function fail2banSeconds(text: string): number | undefined {
  const value = text.trim();
  if (/^-?\d+$/.test(value)) return Number(value);
  let total = 0;
  let rest = value;
  while (rest !== '') {
    const part = /^(\d+(?:\.\d+)?)\s*([a-z]+)\s*/i.exec(rest);
    const unit = part && units.find(([name]) => name.test(part[2]));
    if (!part || !unit) return undefined;
    total += Number(part[1]) * unit[1];
    rest = rest.slice(part[0].length);
  }
  return value === '' ? undefined : total;
}
