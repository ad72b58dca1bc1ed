#!/usr/bin/env bash
# Runs one command in an edition's root (test/lab/editions.ts): as it is for
# /, else in a private mount namespace (the mounts end with the command) with
# proc, a small /dev and an empty /run mounted in the root, then chroot.
#   in-root.sh <root> [--bind <dir> <path in root>]... -- <command> [args...]
# --bind mounts <dir> at <path in root> (under /run: made in the empty /run).
set -euo pipefail
root=$1
shift
if [ "$root" = / ]; then
  while [ "$1" != -- ]; do shift; done
  shift
  exec "$@"
fi
if [ "${LAB_IN_ROOT_NS:-}" != 1 ]; then
  export LAB_IN_ROOT_NS=1
  exec unshare -m --propagation private bash "$0" "$root" "$@"
fi
# shellcheck source=root.sh
. "$(dirname "$0")/root.sh"
mount_root_basics "$root"
r=${root%/}
while [ "$1" != -- ]; do
  [ "$1" = --bind ] || { echo "in-root.sh: unknown option $1" >&2; exit 2; }
  mkdir -p "$r$3"
  mount --bind "$2" "$r$3"
  shift 3
done
shift
exec chroot "$root" "$@"
