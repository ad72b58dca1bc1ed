import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {stockFilterDir} from '../../plugins/validators/fail2ban/filter.ts';

// The build knows fail2ban's stock filters from a copy, so it runs where the
// package is missing. Here, where Debian's fail2ban 1.0.2 is installed, the
// copy must be the package's filter.d byte for byte.
const installed = '/etc/fail2ban/filter.d';
const files = (dir: string) =>
  readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.conf'))
    .sort();

describe.runIf(existsSync(installed))("the copy of fail2ban's stock filters", () => {
  it('has every filter of the installed package and no other', () => {
    expect(files(stockFilterDir)).toEqual(files(installed));
    expect(files(stockFilterDir).length).toBeGreaterThan(80);
  });

  it('has each file byte for byte', () => {
    const differ = files(installed).filter((name) => !readFileSync(path.join(installed, name)).equals(readFileSync(path.join(stockFilterDir, name))));
    expect(differ).toEqual([]);
  });
});
