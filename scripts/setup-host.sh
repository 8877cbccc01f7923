#!/usr/bin/env bash
# Makes this machine able to build and test chronokube: checks Node.js 20,
# the native build tools better-sqlite3 needs and kubectl for the e2e tests,
# and brings up a Docker engine with the test images (scripts/docker-host.sh).
# Later components add their system dependencies here, so CI and developers
# share one list (the Python client and Chromium for their e2e judges included).
# Safe to run repeatedly.
set -euo pipefail

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
if [ "$major" != "20" ]; then
  echo "chronokube: Node.js 20 is required (found: $major)" >&2
  exit 1
fi

missing=()
for tool in python3 make g++; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq python3 make g++ >/dev/null
  else
    echo "chronokube: missing build tools: ${missing[*]} (install them, e.g. apt-get install python3 make g++)" >&2
    exit 1
  fi
fi

# The API server's e2e suites are judged by the real kubectl v1.32.
if ! command -v kubectl >/dev/null 2>&1 && [ ! -x /usr/bin/kubectl ]; then
  echo "chronokube: the e2e tests need kubectl v1.32 at /usr/bin/kubectl" >&2
  exit 1
fi

# The official Python client is an e2e judge too (apps/api/src/python-client.e2e.spec.ts).
# Debian's package lives in the system interpreter, so check /usr/bin/python3,
# never a pyenv or virtualenv python3 that may come first on PATH.
if ! /usr/bin/python3 -c 'import kubernetes' >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-kubernetes >/dev/null
  else
    echo "chronokube: the e2e tests need Debian's python3-kubernetes (as root: apt-get update && apt-get install python3-kubernetes)" >&2
    exit 1
  fi
fi

# The web dashboard's e2e tests drive Debian's Chromium headless (scripts/chromium-host.sh:
# as root it runs apt-get update and installs chromium when /usr/bin/chromium is missing).
bash "$(dirname "$0")/chromium-host.sh"

# The node agent's tests run pods in a real Docker engine, with a local
# busybox image (no registry is reachable here).
bash "$(dirname "$0")/docker-host.sh"
