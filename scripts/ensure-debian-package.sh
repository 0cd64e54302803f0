#!/usr/bin/env bash
# What npm test needs from the system, from Debian's packages: the test tools
# cannot download a browser here, and PostgreSQL is a server, not an npm package.
#
#   ensure-debian-package.sh <package> <probe> <why, and what else would do>
#
# <probe> is a shell command that prints what is installed and succeeds when it
# is. When it fails, the package is installed (as root, with apt-get) and probed
# again; otherwise the script says how to install it and fails.
set -euo pipefail

package="$1"
probe="$2"
why="$3"

if found="$(bash -c "$probe" 2>/dev/null)"; then
  echo "$package: $found"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "$package: missing, installing Debian's $package package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  if found="$(bash -c "$probe" 2>/dev/null)"; then
    echo "$package: installed $found"
    exit 0
  fi
  echo "$package: installed the package, but still missing: $probe" >&2
  exit 1
fi

cat >&2 <<MSG
$package: missing; $why.
Install Debian's package as root, then run the tests again:

    sudo apt-get update && sudo apt-get install -y $package
MSG
exit 1
