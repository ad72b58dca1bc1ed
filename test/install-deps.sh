#!/usr/bin/env bash
# Installs what the site needs (`site`), what every test suite needs (`test`)
# or what the mail lab needs (`lab`) on a Debian machine, then the npm packages
# (not in `lab` mode, which `npm run lab` calls itself):
#   site: fail2ban (the build runs the real fail2ban-regex on every filter)
#   test: fail2ban, chromium (browser suite), docker-compose 1.29 (compose
#         files), and the mail lab's packages
#   lab:  fail2ban, postfix, dovecot-imapd, rsyslog, iptables, iproute2,
#         openssl, ca-certificates (test/lab: real daemons in network namespaces),
#         mmdebstrap (builds the Debian 13 root of the lab's trixie edition)
# Debian packages are installed only where missing, and only as root.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"

missing=()
lean=()
[ -x /usr/bin/fail2ban-regex ] || missing+=(fail2ban)
if [ "$mode" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v docker-compose >/dev/null || lean+=(docker-compose)
fi
if [ "$mode" = test ] || [ "$mode" = lab ]; then
  # The mail lab: Debian's own daemons. "No configuration" keeps postfix's
  # installer from writing a main.cf; policy-rc.d keeps it from starting.
  for package in postfix dovecot-imapd rsyslog iptables iproute2 openssl ca-certificates mmdebstrap; do
    dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || lean+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ] || [ ${#lean[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Please install these Debian packages first: ${missing[*]} ${lean[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]} ${lean[*]}"
  export DEBIAN_FRONTEND=noninteractive
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}"
  # Without --no-install-recommends, docker-compose pulls in the whole Docker engine.
  [ ${#lean[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${lean[@]}"
fi

[ "$mode" = lab ] || npm ci --no-audit --no-fund
