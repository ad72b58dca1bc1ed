#!/usr/bin/env bash
# Installs everything the test suites need on a fresh Debian machine (run as
# root): the npm packages, and Debian's chromium (browser tests) and fail2ban
# (fail2ban-regex for the filter tests) where they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/fail2ban-regex ] || missing+=(fail2ban)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

npm ci --no-audit --no-fund
