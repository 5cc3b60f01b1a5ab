#!/usr/bin/env bash
# The kiosk's QR tests read the codes a screen shows back with a real decoder:
# Debian's zbarimg (zbar-tools). Installs it when missing.
set -euo pipefail
if command -v zbarimg >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "no zbarimg found; install Debian's zbar-tools package (apt-get install zbar-tools)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing zbar-tools for the kiosk's QR tests…" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends zbar-tools >/dev/null
