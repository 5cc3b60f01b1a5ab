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
source "$(dirname "$0")/apt.sh"
apt_install "the console's browser tests" chromium
find_chromium
