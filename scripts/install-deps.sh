#!/bin/sh
# Install the Debian packages shmfault needs (listed in .ci/packages), as root.
set -eu
cd "$(dirname "$0")/.."
need=
for p in $(cat .ci/packages); do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "shmfault: missing packages:$need (run as root, or: sudo apt-get install$need)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need >/dev/null
