#!/usr/bin/python3
"""fail2ban's own answer, per line, for the differential tests of the in-page matcher.

Reads JSON on stdin: {"basedir": "/etc" or a dir holding filter.d/, "now": 1767225600,
"jobs": [{"filter": "postfix", "mode": "more" or null, "lines": [...], "now": ...}]} and writes
JSON: for each job, the resolved
options (failregex, ignoreregex, prefregex, maxlines, datepattern as FilterReader.convert()
gives them) and, for each line, the failures fail2ban-regex reports when processing it
(as `fail2ban-regex -o ... --raw`: hostnames are not resolved by DNS): the failure id,
and the lines credited (the failure's matches), and its time. Uses fail2ban's own classes, the
same way client/fail2banregex.py does, so it is fail2ban-regex's algorithm, line by line.

"now" (seconds since the epoch; the job's, else the request's) is what fail2ban's clock answers,
MyTime.setTime(now), as fail2ban's own tests fix it: what a line without a date takes (the last
date, if less than 60 s before now) and the year or day a date leaves out depend on it, so a
test that gives it gets the same answer whenever it runs. Without it, the real clock.

`fail2ban-oracle.py --fail2ban-regex NOW ARGS...` runs fail2ban-regex itself with ARGS, its clock
fixed at NOW the same way.
"""
import json
import os
import sys

from fail2ban.client.fail2banregex import Fail2banRegex, get_opt_parser
from fail2ban.client.filterreader import FilterReader
from fail2ban.server.mytime import MyTime


_DEFAULT_TEMPLATES = None


def fresh_date_detector():
    # each job as a fresh fail2ban-regex process: no template hits shared with earlier jobs
    global _DEFAULT_TEMPLATES
    from fail2ban.server import datedetector
    if _DEFAULT_TEMPLATES is None:
        _DEFAULT_TEMPLATES = [t if isinstance(t, str) else None for t in datedetector.DateDetectorCache.DEFAULT_TEMPLATES]
    datedetector.DD_patternCache.clear()
    datedetector.DateDetectorCache.DEFAULT_TEMPLATES = list(_DEFAULT_TEMPLATES)
    datedetector.DateDetector._defCache = datedetector.DateDetectorCache()


def set_now(now):
    MyTime.setTime(float(now) if now is not None else None)


def run_job(basedir, job, now=None):
    fresh_date_detector()
    set_now(job.get('now', now))
    name = job['filter']
    spec = name + ('[mode=%s]' % job['mode'] if job.get('mode') else '')
    args = ['--out', 'id', '--raw', '--config', basedir, 'x', spec]
    opts, _ = get_opt_parser().parse_args(args)
    fr = Fail2banRegex(opts)
    # the options as fail2ban resolves them (same reader as readRegex):
    reader = FilterReader(name, 'fail2ban-regex-jail', {'mode': job['mode']} if job.get('mode') else {}, share_config=dict(), basedir=basedir)
    resolved = None
    try:
        if reader.read():
            reader.applyAutoOptions('auto')
            reader.getOptions(None)
            resolved = {}
            for opt in reader.convert():
                key, value = opt[2], opt[3] if opt[0] == 'multi-set' else opt[3]
                if opt[0] == 'set' and key in ('addfailregex', 'addignoreregex'):
                    value = [value]
                resolved[key] = value
    except Exception as e:  # reported, compared by the test
        resolved = {'error': str(e)}
    if not fr.readRegex(spec, 'fail'):
        return {'resolved': resolved, 'error': 'fail2ban-regex refuses the filter'}
    results = []
    for line in job['lines']:
        try:
            _, ret, is_ignored = fr.testRegex(line)
        except Exception as e:
            results.append({'error': repr(e)})
            continue
        found = []
        if ret and not is_ignored:
            for r in ret:
                matches = ["".join(m) if not isinstance(m, str) else m for m in r[3].get('matches', [])]
                found.append({'id': str(r[1]), 'ip': str(r[3].get('ip', r[1])), 'regex': r[0], 'matches': matches, 'time': r[2]})
        results.append(found)
    return {'resolved': resolved, 'results': results}


def main():
    request = json.load(sys.stdin)
    out = []
    for job in request['jobs']:
        try:
            out.append(run_job(request.get('basedir', '/etc/fail2ban'), job, request.get('now')))
        except Exception as e:
            out.append({'error': repr(e)})
    json.dump(out, sys.stdout)


if __name__ == '__main__' and sys.argv[1:2] == ['--fail2ban-regex']:
    set_now(sys.argv[2])
    from fail2ban.client.fail2banregex import exec_command_line
    sys.argv = ['fail2ban-regex'] + sys.argv[3:]
    exec_command_line()
elif __name__ == '__main__':
    sys.stdout = open(os.dup(1), 'w')
    os.dup2(2, 1)  # fail2ban-regex's own prints go to stderr
    main()
