# Sourced by the install-*.sh scripts: Debian packages a test or the kiosk needs,
# installed when missing, as root or through sudo.
# apt_install WHAT PACKAGE… — WHAT says what they are for, in the progress line.
apt_install() {
  local what=$1; shift
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "missing $*: install them (apt-get install $*) for $what" >&2
      return 1
    fi
    sudo=sudo
  fi
  echo "installing $* for $what…" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
