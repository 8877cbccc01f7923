#!/usr/bin/env bash
# Makes Debian's Chromium exist at /usr/bin/chromium, for the web dashboard's
# e2e tests and bench/web (playwright-core drives it with that
# executablePath; no browser is downloaded at npm ci). Safe to run
# repeatedly; quick when it is in place.
#
# As root, missing: `apt-get update` then `apt-get install chromium`.
# Without root, missing: it says how to install it and exits 1.
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

say() { echo "chromium-host: $*" >&2; }

[ -x "$CHROMIUM" ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  say "the web e2e tests need Debian's chromium at $CHROMIUM."
  say "fix: as root, apt-get update && apt-get install chromium (or run this script as root)."
  exit 1
fi
say "installing Debian's chromium from apt"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  say "apt-get installed chromium, yet $CHROMIUM is missing"
  exit 1
fi
