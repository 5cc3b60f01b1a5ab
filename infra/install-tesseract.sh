#!/usr/bin/env bash
# The kiosk's frame tests read what a screen shows with OCR: Debian's tesseract
# and its Simplified Chinese data (tesseract-ocr-chi-sim). Installs them when missing.
set -euo pipefail
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing tesseract-ocr with chi_sim…" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim >/dev/null
