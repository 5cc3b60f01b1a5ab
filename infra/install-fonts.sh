#!/usr/bin/env bash
# Screens render Chinese: a CJK font must be installed, or text becomes boxes.
# Installs Debian's Noto CJK when fontconfig knows no Chinese font, and the
# fallback faces the kiosk draws rarer characters with (qile_kiosk/fonts.py):
# HanaMin for CJK Extensions B to F (names such as 𪚥建华), Symbola and Unifont
# Upper for emoji, in black and white like the rest of the text.
set -euo pipefail
wanted=()
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null | head -1)" ]; then
  wanted+=(fontconfig fonts-noto-cjk)
fi
has_family() { command -v fc-list >/dev/null 2>&1 && fc-list "$1" family 2>/dev/null | grep -q .; }
has_family HanaMinB || wanted+=(fonts-hanazono)
has_family Symbola || wanted+=(fonts-symbola)
has_family "Unifont Upper" || wanted+=(fonts-unifont)
[ ${#wanted[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "missing fonts; install ${wanted[*]} (Debian/Ubuntu) or set QILE_KIOSK_FONT" >&2
  # The CJK font is required; the fallbacks only spare rare characters a placeholder.
  [[ " ${wanted[*]} " == *" fonts-noto-cjk "* ]] && exit 1
  exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing fonts (${wanted[*]})…" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
