#!/usr/bin/env bash
# The kiosk's QR tests read the codes a screen shows back with a real decoder:
# Debian's zbarimg (zbar-tools). Installs it when missing.
set -euo pipefail
if command -v zbarimg >/dev/null 2>&1; then
  exit 0
fi
source "$(dirname "$0")/apt.sh"
apt_install "the kiosk's QR tests" zbar-tools
