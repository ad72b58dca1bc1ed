import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runFail2banRegex} from '../../plugins/validators/fail2ban/fail2ban-regex.ts';
import {stockFilterDir} from '../../plugins/validators/fail2ban/filter.ts';
import {readSamples} from '../../plugins/validators/fail2ban/samples.ts';

// The current edition's setup page says fail2ban's stock filters miss the
// lines Dovecot 2.4 and Postfix 3.10 write, which is why it has its own. This
// runs fail2ban's stock filters (1.0.2, the host's fail2ban-regex; 1.1.0's
// dovecot.conf is the same file) over the lines the trixie lab recorded.
const repo = path.resolve(import.meta.dirname, '../..');
const samplesDir = path.join(repo, 'versioned_docs/version-16/services/email/mta/source/samples');
const stock = (name: string) => readFileSync(path.join(stockFilterDir, `${name}.conf`), 'utf8');
const transcript = readFileSync(path.join(repo, 'test/lab/recorded/trixie/mail.log'), 'utf8').split('\n');

describe("the current edition's reasons for its own filters", () => {
  it("fail2ban's stock dovecot filter matches none of Dovecot 2.4's failures", async () => {
    const failures = readSamples(path.join(samplesDir, 'mail-dovecot.log')).filter((sample) => sample.match);
    expect(failures.length).toBeGreaterThanOrEqual(3);
    const {matches} = await runFail2banRegex(
      stock('dovecot'),
      failures.map((sample) => sample.text),
    );
    expect(matches).toEqual([]);
    // The guide's own filter takes every one of them.
    const guide = readFileSync(path.join(samplesDir, '../mail-dovecot.conf'), 'utf8');
    expect(
      (
        await runFail2banRegex(
          guide,
          failures.map((sample) => sample.text),
        )
      ).matches,
    ).toHaveLength(failures.length);
  });

  it("fail2ban 1.0.2's stock postfix[mode=errors] misses Postfix 3.10's NOQUEUE: too many errors", async () => {
    const lines = transcript.filter((line) => /NOQUEUE: too many errors after/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    const errorsMode = stock('postfix').replace(/^mode = more$/m, 'mode = errors');
    expect((await runFail2banRegex(errorsMode, lines)).matches).toEqual([]);
    const guide = readFileSync(path.join(samplesDir, '../mail-postfix.conf'), 'utf8').replace(/^mode = normal$/m, 'mode = errors');
    expect((await runFail2banRegex(guide, lines)).matches).toHaveLength(lines.length);
  });
});
