#!/usr/bin/env bash
# The console's end-to-end tests drive a real browser: Debian's chromium,
# never a browser build downloaded by a test tool. Installs it when missing
# and prints the executable's path (the e2e test reads the last line).
set -euo pipefail
find_chromium() {
  for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}
if path=$(find_chromium); then
  echo "$path"
  exit 0
fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "no chromium found; install Debian's chromium package (apt-get install chromium)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing chromium for the console's browser tests…" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
find_chromium
