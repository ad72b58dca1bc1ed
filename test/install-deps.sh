#!/usr/bin/env bash
# Installs what the site needs (`site`) or what every test suite needs (`test`)
# on a Debian machine, then the npm packages:
#   site: fail2ban (the build runs the real fail2ban-regex on every filter)
#   test: fail2ban, chromium (browser suite), docker-compose 1.29 (compose files)
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
if [ ${#missing[@]} -gt 0 ] || [ ${#lean[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Please install these Debian packages first: ${missing[*]} ${lean[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]} ${lean[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}"
  # Without --no-install-recommends, docker-compose pulls in the whole Docker engine.
  [ ${#lean[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${lean[@]}"
fi

npm ci --no-audit --no-fund
