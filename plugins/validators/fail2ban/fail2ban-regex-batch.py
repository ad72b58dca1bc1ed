"""Runs fail2ban-regex's own command line for many filters in one interpreter.

Each job is exactly `fail2ban-regex -o '<ip>\t<msg>' <log> <filter>`: the same
function (fail2ban.client.fail2banregex.exec_command_line) with the same
arguments, its output and exit code captured. The build checks every filter of
the guide this way, starting Python once instead of once per filter.

Usage: fail2ban-regex-batch.py <path of fail2ban-regex>, with a JSON list of
[log, filter] pairs on stdin; prints {"version", "results": [{code, stdout, stderr}]}.
"""
import contextlib
import io
import json
import logging
import sys
import traceback

# The version line reads "%prog <version>", %prog being the program's name.
sys.argv[0] = sys.argv[1]
from fail2ban.client import fail2banregex  # noqa: E402
from fail2ban.version import version  # noqa: E402

results = []
for log, filter_file in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            fail2banregex.exec_command_line(['-o', '<ip>\t<msg>', log, filter_file])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        except Exception:
            # What the command would die with: the traceback on stderr, exit status 1.
            traceback.print_exc()
            code = 1
    # Each run adds its own handler to fail2ban's logger, as a fresh process would have it.
    logger = logging.getLogger('fail2ban')
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    results.append({'code': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()})

json.dump({'version': 'fail2ban-regex ' + version, 'results': results}, sys.stdout)
