#!/usr/bin/env bash
# The lab's crazymax/fail2ban "container" (f2b-system, network_mode: host): run
# inside the lab-host network namespace and a private mount namespace, it
# mounts the compose file's volumes and does what the image's entrypoint.sh
# (1.1.0-r6) does before it starts fail2ban-server.
#   fail2ban-entrypoint.sh <image /etc/fail2ban> <host /data/fail2ban> <host /var/log> <socket>
# Environment: the container's F2B_LOG_TARGET, F2B_LOG_LEVEL, F2B_DB_PURGE_AGE.
set -euo pipefail
etc=$1 data=$2 varlog=$3 socket=$4

# volumes: /data/fail2ban:/data, /var/log:/var/log:ro (the mail log is under it)
mount --bind "$etc" /etc/fail2ban
mount --bind "$data" /data
mount --bind "$varlog" /var/log
mount -o remount,bind,ro /var/log

# entrypoint.sh: settings from the environment go into fail2ban.conf.
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
