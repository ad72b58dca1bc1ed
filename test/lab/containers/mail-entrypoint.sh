#!/usr/bin/env bash
# The lab's docker-mailserver "container": run inside the lab-mail network
# namespace and a private mount namespace (unshare -m), it mounts the lab's
# folders over the paths the daemons use, then runs rsyslog, dovecot and
# postfix in the foreground and stops them when it gets SIGTERM.
#   mail-entrypoint.sh <state dir> <host /var/log> [<edition root>]
# <state dir> holds etc/postfix, etc/dovecot, etc/rsyslog.conf, etc/resolv.conf,
# spool, lib and mail; the host's /var/log (shared with fail2ban) is the
# container's /var/log, as DMS's /var/log/mail volume makes it.
# <edition root> is / for the Debian of this machine, or a chroot.
set -euo pipefail
state=$1
varlog=$2
root=${3:-/}
in_root() { if [ "$root" = / ]; then "$@"; else chroot "$root" "$@"; fi; }
r=${root%/}

# A private /dev, so /dev/log exists only in this container; a private /run;
# proc in a chroot root.
# shellcheck source=root.sh
. "$(dirname "$0")/root.sh"
mount_root_basics "$root"

mount --bind "$state/etc/postfix" "$r/etc/postfix"
mount --bind "$state/etc/dovecot" "$r/etc/dovecot"
mount --bind "$state/etc/rsyslog.conf" "$r/etc/rsyslog.conf"
mount --bind "$state/etc/resolv.conf" "$r/etc/resolv.conf"
mount --bind "$state/spool" "$r/var/spool/postfix"
mount --bind "$state/lib" "$r/var/lib/postfix"
mount --bind "$state/mail" "$r/var/mail"
mount --bind "$varlog" "$r/var/log"

pids=()
stop() {
  in_root postfix stop >/dev/null 2>&1 || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait || true
  exit 0
}
trap stop TERM INT

# The container's DNS: sender.example resolves, every other name does not.
python3 "$(dirname "$0")/../clients/dns_server.py" &
pids+=($!)
in_root rsyslogd -n -i /run/rsyslogd.pid &
pids+=($!)
for _ in $(seq 50); do [ -S "$r/dev/log" ] && break; sleep 0.1; done
# postfix check creates the spool's folders (a fresh root has no private/ yet),
# where dovecot puts its SASL socket.
in_root postfix check
in_root dovecot -F &
pids+=($!)
in_root postfix start-fg &
pids+=($!)
echo "mail container ready" >&2
wait
