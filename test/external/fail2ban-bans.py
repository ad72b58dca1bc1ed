#!/usr/bin/python3
"""fail2ban's own ban decisions, for the page-wide "Try it" test.

Reads JSON on stdin: {"maxretry": 3, "findtime": 3600, "bantime": 3600, "ignoreip": ["127.0.0.1/8"],
"now": 1767225600, "failures": [["id", time], ...]} (the failures fail2ban-regex found, in log
order; a time null for a line without a date, which fail2ban's ticket dates "now": MyTime.time(),
fixed at "now" when given, as MyTime.setTime fixes it) and writes the
bans as fail2ban's FailManager and ignoreip decide them, the failures replayed as
Filter.processLineAndAdd replays them (the clock at each failure's time; a ban lasts bantime;
a ban of an address already banned is "already banned", not a new one):
[{"id": "...", "at": time, "retry": n, "index": i}, ...]
"""
import json
import sys

from fail2ban.server.failmanager import FailManager, FailManagerEmpty
from fail2ban.server.ipdns import IPAddr
from fail2ban.server.mytime import MyTime
from fail2ban.server.ticket import FailTicket


def main():
    request = json.load(sys.stdin)
    if request.get('now') is not None:
        MyTime.setTime(float(request['now']))
    fm = FailManager()
    fm.setMaxRetry(request['maxretry'])
    fm.setMaxTime(request['findtime'])
    nets = [IPAddr(entry) for entry in request['ignoreip']]
    banned = {}
    bans = []
    for index, (fid, time) in enumerate(request['failures']):
        ip = IPAddr(fid)
        if any(ip == net or (net.isValid and ip.isInNet(net)) for net in nets):
            continue
        ticket = FailTicket(ip, time)
        time = ticket.getTime()  # a failure without a date: now
        attempts = fm.addFailure(ticket)
        if attempts >= fm.getMaxRetry():
            try:
                ticket = fm.toBan(ip)
            except FailManagerEmpty:
                continue
            until = banned.get(fid)
            if until is not None and (until < 0 or until > time):
                continue
            banned[fid] = -1 if request['bantime'] < 0 else time + request['bantime']
            bans.append({'id': fid, 'at': time, 'retry': ticket.getRetry(), 'index': index})
    json.dump(bans, sys.stdout)


if __name__ == '__main__':
    main()
