#!/usr/bin/env bash
# The nginx test (tests/infra/test_nginx.py) runs Debian's nginx in front of
# the API: installs it when missing and prints the executable's path (the
# test reads the last line). The package's own service is not started here.
set -euo pipefail
find_nginx() {
  for path in "$(command -v nginx 2>/dev/null || true)" /usr/sbin/nginx; do
    if [ -n "$path" ] && [ -x "$path" ]; then echo "$path"; return 0; fi
  done
  return 1
}
if path=$(find_nginx); then
  echo "$path"
  exit 0
fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "no nginx found; install Debian's nginx package (apt-get install nginx-light)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing nginx for the test of the production site…" >&2
$SUDO apt-get update -qq >/dev/null
# The test runs nginx with a configuration and ports of its own; the package's service is left as Debian sets it up.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
find_nginx
