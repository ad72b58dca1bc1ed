#!/usr/bin/env bash
# The lab's crazymax/fail2ban "container" (f2b-system, network_mode: host): run
# inside the lab-host network namespace and a private mount namespace, it
# mounts the compose file's volumes and does what the image's entrypoint.sh
# (1.1.0-r6) does before it starts fail2ban-server.
#   fail2ban-entrypoint.sh <image /etc/fail2ban> <host /data/fail2ban> <host /var/log> <socket> [<edition root>]
# Environment: the container's F2B_LOG_TARGET, F2B_LOG_LEVEL, F2B_DB_PURGE_AGE.
# <edition root> is / for the Debian of this machine, or a chroot: then the
# volumes are mounted in it, the socket's folder at /run/lab-f2b, and
# fail2ban-server runs chrooted (its iptables and nft are the root's).
set -euo pipefail
etc=$1 data=$2 varlog=$3 socket=$4 root=${5:-/}
r=${root%/}
if [ "$root" != / ]; then
  # shellcheck source=root.sh
  . "$(dirname "$0")/root.sh"
  mount_root_basics "$root"
  mkdir -p "$r/run/lab-f2b"
  mount --bind "$(dirname "$socket")" "$r/run/lab-f2b"
  socket=/run/lab-f2b/$(basename "$socket")
fi

# volumes: /data/fail2ban:/data, /var/log:/var/log:ro (the mail log is under it)
mount --bind "$etc" "$r/etc/fail2ban"
mount --bind "$data" "$r/data"
mount --bind "$varlog" "$r/var/log"
mount -o remount,bind,ro "$r/var/log"
if [ "$root" != / ]; then
  # The rest of the image's entrypoint runs inside the root.
  exec chroot "$root" env F2B_LOG_TARGET="${F2B_LOG_TARGET:-}" F2B_LOG_LEVEL="${F2B_LOG_LEVEL:-}" F2B_DB_PURGE_AGE="${F2B_DB_PURGE_AGE:-}" \
    bash -euo pipefail -s "$socket" < <(sed -n '/^# entrypoint.sh: settings/,$p' "$0")
fi

# entrypoint.sh: settings from the environment go into fail2ban.conf.
socket=${socket:-$1}
log_target=${F2B_LOG_TARGET:-STDOUT}
cat > /etc/fail2ban/fail2ban.local <<CONF
[Definition]
logtarget = $log_target
loglevel = ${F2B_LOG_LEVEL:-INFO}
dbfile = /data/db/fail2ban.sqlite3
dbpurgeage = ${F2B_DB_PURGE_AGE:-1d}
allowipv6 = auto
# lab only: the control socket where the lab's fail2ban-client finds it
socket = $socket
pidfile = ${socket%.sock}.pid
CONF

# entrypoint.sh: /data/jail.d is /etc/fail2ban/jail.d; every file of
# /data/filter.d and /data/action.d replaces the stock file of that name.
mkdir -p /data/db /data/action.d /data/filter.d /data/jail.d
rm -rf /etc/fail2ban/jail.d
ln -sf /data/jail.d /etc/fail2ban/jail.d
for kind in action.d filter.d; do
  for file in /data/$kind/*; do
    [ -f "$file" ] || continue
    name=$(basename "$file")
    if [ -e "/etc/fail2ban/$kind/$name" ]; then
      echo "WARNING: $name already exists and will be overriden" >&2
      rm -f "/etc/fail2ban/$kind/$name"
    fi
    ln -sf "$file" "/etc/fail2ban/$kind/$name"
  done
done
exec fail2ban-server -f -x -v start
