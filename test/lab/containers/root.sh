# Sourced by the lab's container scripts: the mounts a chroot root needs to
# run daemons, made in the caller's private mount namespace (unshare -m), so
# they end with it and the cached root stays as mmdebstrap left it.
#   mount_root_basics <root>   a private /dev (null, zero, random, urandom,
#                              fd) and /run (tmpfs), and proc (chroot only)
mount_root_basics() {
  local r=${1%/}
  mount -t tmpfs -o mode=0755,nosuid lab-dev "$r/dev"
  mknod -m 0666 "$r/dev/null" c 1 3
  mknod -m 0666 "$r/dev/zero" c 1 5
  mknod -m 0666 "$r/dev/random" c 1 8
  mknod -m 0666 "$r/dev/urandom" c 1 9
  ln -s /proc/self/fd "$r/dev/fd"
  mount -t tmpfs -o mode=0755 lab-run "$r/run"
  [ "$1" = / ] || mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
}
