#!/bin/sh
# What `npm test` needs from Debian besides Node: PostgreSQL (the indexer's tests start private clusters of their
# own: scripts/dev/lib/postgres.ts, initdb + pg_ctl in a temporary folder; no service is started) and Chromium with a
# font (the browser suite: Playwright drives /usr/bin/chromium).
#   sh scripts/dev/system-packages.sh --missing   prints the packages still missing (nothing when all are there)
#   sudo sh scripts/dev/system-packages.sh        installs them with apt-get (as root)
# policy-rc.d keeps the packages' install scripts from starting PostgreSQL's default cluster.
set -eu
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="postgresql"
[ -x /usr/bin/chromium ] || missing="${missing:+$missing }chromium fonts-dejavu-core"
if [ "${1:-}" = "--missing" ]; then
  [ -z "$missing" ] || echo "$missing"
  exit 0
fi
[ -n "$missing" ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "installing $missing needs root: sudo sh $0" >&2
  exit 1
fi
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
echo "Installing $missing from Debian's packages (once; about 2 minutes)…" >&2
apt-get update -qq
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
