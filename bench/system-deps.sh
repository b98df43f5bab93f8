#!/usr/bin/env bash
# Debian packages the benchmark needs beyond the tests' (tests/system-deps.sh): wrk.
# Installed only when missing, and only as root.
set -euo pipefail
command -v wrk >/dev/null && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system package: wrk. Install it with apt-get (as root)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends wrk >/dev/null || {
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends wrk >/dev/null
}
