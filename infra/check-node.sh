#!/usr/bin/env bash
# The staff console is built with Node.js and npm (services/console). Say so
# plainly when they are missing or too old, instead of failing deep in a build.
set -euo pipefail
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "构建工作台需要 Node.js（20.19 或更新）和 npm，但没有找到 npm/node。" >&2
  echo "The staff console needs Node.js >= 20.19 and npm to build: install them (Debian: apt-get install nodejs npm) and run make again." >&2
  exit 1
fi
version=$(node -p 'process.versions.node')
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
  echo "构建工作台需要 Node.js 20.19 或更新版本（现有 $version）。" >&2
  echo "The staff console needs Node.js >= 20.19 (found $version)." >&2
  exit 1
fi
