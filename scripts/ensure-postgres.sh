#!/usr/bin/env bash
# The store's tests run on PostgreSQL too: npm test starts a throw-away cluster
# with Debian's server binaries, installing the package when they are missing.
set -euo pipefail

find_initdb() {
  ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}

INITDB="$(find_initdb || true)"
if [ -n "$INITDB" ]; then
  echo "postgresql: $("$INITDB" --version)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "postgresql: no server installed, installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  INITDB="$(find_initdb || true)"
  if [ -n "$INITDB" ]; then
    echo "postgresql: installed $("$INITDB" --version)"
    exit 0
  fi
  echo "postgresql: installed the package, but no /usr/lib/postgresql/*/bin/initdb" >&2
  exit 1
fi

cat >&2 <<MSG
postgresql: no server is installed; the store's tests need one.
Install Debian's package as root, then run the tests again:

    sudo apt-get update && sudo apt-get install -y postgresql

Or set TEST_DATABASE_URL to a server where the tests may create databases.
MSG
exit 1
