#!/usr/bin/env bash
# promtool checks infra/prometheus/alerts.yml. It comes in Debian's prometheus
# package; that package also installs (and would start) a Prometheus server,
# which a test set-up has no business running. So, when promtool is not on
# PATH, the package is downloaded with apt and only promtool (a static binary)
# is taken out of it, into .data/tools/. Prints promtool's path on the last line.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$ROOT/.data/tools"
if command -v promtool >/dev/null 2>&1; then command -v promtool; exit 0; fi
if [ -x "$TOOLS/promtool" ]; then echo "$TOOLS/promtool"; exit 0; fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "fetching promtool from Debian's prometheus package…" >&2
if ! (cd "$WORK" && apt-get download -qq prometheus >/dev/null 2>&1); then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq >/dev/null
  (cd "$WORK" && apt-get download -qq prometheus >/dev/null)
fi
dpkg-deb -x "$WORK"/prometheus_*.deb "$WORK/root"
mkdir -p "$TOOLS"
install -m 0755 "$WORK/root/usr/bin/promtool" "$TOOLS/promtool"
echo "$TOOLS/promtool"
