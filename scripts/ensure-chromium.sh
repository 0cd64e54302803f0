#!/usr/bin/env bash
# Browser tests and the story check drive Debian's Chromium: browser downloads
# by the test tools do not work here, so the system package is the browser.
exec bash "$(dirname "$0")/ensure-debian-package.sh" chromium '"${CHROMIUM_PATH:-/usr/bin/chromium}" --version' \
  'the browser tests and the story check need it (or point CHROMIUM_PATH at an existing Chromium binary)'
