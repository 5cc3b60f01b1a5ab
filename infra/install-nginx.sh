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
source "$(dirname "$0")/apt.sh"
# The test runs nginx with a configuration and ports of its own; the package's service is left as Debian sets it up.
apt_install "the test of the production site" nginx-light
find_nginx
