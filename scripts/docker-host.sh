#!/usr/bin/env bash
# Makes a Docker engine answer on /var/run/docker.sock and the local images
# the node agent's tests use exist. Safe to run repeatedly; quick when all
# is in place.
#
# - An engine that already answers is used as it is.
# - Otherwise, as root: Debian's docker.io is installed if missing and
#   dockerd is started in the background (log: /var/log/chronokube-dockerd.log).
# - No registry is reachable on the machines we build on, so
#   chronokube/busybox:latest is made with `docker import` from a root
#   filesystem holding busybox-static (a shell, httpd, nc, sleep, wget).
#
# Without an engine and without root it says so and exits 1.
set -euo pipefail

IMAGE=chronokube/busybox:latest
LOG=/var/log/chronokube-dockerd.log

say() { echo "docker-host: $*" >&2; }

engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

is_root() { [ "$(id -u)" = "0" ]; }

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! engine_up; then
  if ! is_root; then
    say "no Docker engine answers on /var/run/docker.sock, and starting one needs root."
    say "fix: run this script as root (it installs docker.io and starts dockerd), or start Docker yourself."
    exit 1
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    say "installing docker.io from apt"
    apt_install docker.io
  fi
  say "starting dockerd (log: $LOG)"
  # setsid: the engine outlives this script and the shell that ran it.
  setsid dockerd >"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    engine_up && break
    sleep 0.5
  done
  if ! engine_up; then
    say "dockerd did not come up within 60 s; last lines of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
fi

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  # A static busybox runs in an image with no libc; ldd fails on a static binary.
  busybox=$(command -v busybox || true)
  if [ -z "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
    if is_root; then
      apt_install busybox-static
      busybox=/bin/busybox
    else
      say "building $IMAGE needs a statically linked busybox (apt-get install busybox-static)"
      exit 1
    fi
  fi
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/www" "$root/root"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  chmod 1777 "$root/tmp"
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  echo 'chronokube' >"$root/www/index.html"
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/bin' \
    --change 'CMD ["sh"]' \
    - "$IMAGE" >/dev/null
  say "made $IMAGE with docker import"
fi
