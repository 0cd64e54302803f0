#!/usr/bin/env bash
# Browser tests and the story check drive Debian's Chromium: browser downloads
# by the test tools do not work here, so the system package is the browser.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium: $CHROMIUM is missing, installing Debian's chromium package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  if [ -x "$CHROMIUM" ]; then
    echo "chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
  fi
  echo "chromium: installed the package, but $CHROMIUM is still missing" >&2
  exit 1
fi

cat >&2 <<MSG
chromium: $CHROMIUM is missing; the browser tests and the story check need it.
Install Debian's package as root, then run the tests again:

    sudo apt-get update && sudo apt-get install -y chromium

Or point CHROMIUM_PATH at an existing Chromium binary.
MSG
exit 1
