#!/usr/bin/env bash
# The kiosk's frame tests read what a screen shows with OCR: Debian's tesseract
# and its Simplified Chinese data (tesseract-ocr-chi-sim). Installs them when missing.
set -euo pipefail
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  exit 0
fi
source "$(dirname "$0")/apt.sh"
apt_install "the kiosk's OCR tests" tesseract-ocr tesseract-ocr-chi-sim
