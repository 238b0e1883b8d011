#!/usr/bin/env bash
# Regenerates packages/prometheus/src/exposition/protobuf/metrics_pb.ts from the vendored
# metrics.proto with Buf's CLI and protoc-gen-es. Both run through npx at pinned versions, so the
# repository's install does not carry the 90 MB buf binary; the generated file is committed.
set -euo pipefail
pkg="$(cd "$(dirname "$0")/../packages/prometheus" && pwd)"
out="$pkg/src/exposition/protobuf"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/buf.gen.yaml" <<YAML
version: v2
plugins:
  - local: protoc-gen-es
    out: $tmp/out
    opt: target=ts,import_extension=js
inputs:
  - directory: $pkg/proto
    paths: [$pkg/proto/io/prometheus/client/metrics.proto]
YAML
(cd "$tmp" && npx --yes -p @bufbuild/buf@1.75.0 -p @bufbuild/protoc-gen-es@2.17.0 buf generate --template "$tmp/buf.gen.yaml")
mkdir -p "$out"
cp "$tmp/out/io/prometheus/client/metrics_pb.ts" "$out/metrics_pb.ts"
echo "generated $out/metrics_pb.ts"
