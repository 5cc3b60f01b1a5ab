#!/usr/bin/env bash
# Screens render Chinese: a CJK font must be installed, or text becomes boxes.
# Installs Debian's Noto CJK when fontconfig knows no Chinese font.
set -euo pipefail
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -1)" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "no CJK font found; install fonts-noto-cjk (Debian/Ubuntu) or set QILE_KIOSK_FONT" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing a CJK font (fonts-noto-cjk)…" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fontconfig fonts-noto-cjk >/dev/null
fc-cache -f >/dev/null 2>&1 || true
