// The generated metrics_pb.ts must describe the vendored metrics.proto: every message, field name,
// number, label and type declared in the .proto file, and nothing else. Regenerate with
// `npm run generate:proto` when this fails.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { file_io_prometheus_client_metrics } from './metrics_pb.js';

const protoPath = new URL('../../../proto/io/prometheus/client/metrics.proto', import.meta.url);
const source = readFileSync(protoPath, 'utf8');

// FieldDescriptorProto.Type numbers (descriptor.proto) of the scalar types the schema uses.
const SCALAR: Record<string, number> = { double: 1, int64: 3, uint64: 4, int32: 5, uint32: 13, sint32: 17, sint64: 18, string: 9, bool: 8 };
const MESSAGE = 11;
const ENUM = 14;

/** message → field name → "label type number" as declared in the .proto text. */
function declared(): Map<string, Map<string, string>> {
  const enums = new Set([...source.matchAll(/^enum (\w+)/gm)].map((m) => m[1]!));
  const out = new Map<string, Map<string, string>>();
  for (const m of source.matchAll(/^message (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, string>();
    for (const f of m[2]!.matchAll(/^\s*(optional|repeated|required)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)/gm)) {
      const type = SCALAR[f[2]!] ?? (enums.has(f[2]!) ? ENUM : MESSAGE);
      fields.set(f[3]!, `${f[1]} ${type} ${f[4]}`);
    }
    out.set(m[1]!, fields);
  }
  return out;
}

const LABEL = ['', 'optional', 'required', 'repeated'];

test('metrics_pb.ts was generated from the vendored metrics.proto', () => {
  const generated = new Map<string, Map<string, string>>();
  for (const message of file_io_prometheus_client_metrics.proto.messageType) {
    const fields = new Map<string, string>();
    for (const f of message.field) fields.set(f.name, `${LABEL[f.label]} ${f.type} ${f.number}`);
    generated.set(message.name, fields);
  }
  const want = declared();
  assert.ok(want.size >= 10, `the .proto parse found ${want.size} messages`);
  assert.deepEqual(generated, want);
  assert.equal(file_io_prometheus_client_metrics.proto.package, 'io.prometheus.client');
});

test('the vendored metrics.proto is the copy its README names', () => {
  const readme = readFileSync(new URL('../../../proto/README.md', import.meta.url), 'utf8');
  const sha = createHash('sha256').update(source).digest('hex');
  assert.ok(readme.includes(sha), `proto/README.md names sha256 ${sha}`);
});
