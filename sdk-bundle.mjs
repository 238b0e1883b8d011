var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res) => function __init() {
  return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// packages/prometheus/dist/exposition/buckets.js
function bucketRows(value, exemplars) {
  const rows = [];
  const { classic } = value;
  let running = 0;
  let last = -Infinity;
  if (classic !== void 0) {
    for (let i = 0; i < classic.boundaries.length; i++) {
      running += classic.counts[i] ?? 0;
      const boundary = classic.boundaries[i];
      if (!(boundary > last) || boundary === Infinity)
        continue;
      last = boundary;
      rows.push({ upperBound: boundary, cumulative: running, exemplar: void 0 });
    }
  }
  rows.push({ upperBound: Infinity, cumulative: value.count, exemplar: void 0 });
  if (exemplars !== void 0)
    placeExemplars(rows, exemplars);
  return rows;
}
function placeExemplars(rows, slot) {
  const candidates = slot.buckets === void 0 ? [slot.latest] : [...slot.buckets, slot.latest];
  for (const exemplar2 of candidates) {
    if (exemplar2 === void 0 || Number.isNaN(exemplar2.value))
      continue;
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const mid = low + high >>> 1;
      if (exemplar2.value <= rows[mid].upperBound)
        high = mid;
      else
        low = mid + 1;
    }
    const row = rows[low];
    if (row.exemplar === void 0 || row.exemplar.timeMs < exemplar2.timeMs)
      row.exemplar = exemplar2;
  }
}
var init_buckets = __esm({
  "packages/prometheus/dist/exposition/buckets.js"() {
    "use strict";
  }
});

// packages/prometheus/dist/exposition/protobuf/metrics_pb.js
import { enumDesc, fileDesc, messageDesc } from "@bufbuild/protobuf/codegenv2";
import { file_google_protobuf_timestamp } from "@bufbuild/protobuf/wkt";
var file_io_prometheus_client_metrics, LabelPairSchema, GaugeSchema, CounterSchema, HistogramSchema, BucketSchema, BucketSpanSchema, ExemplarSchema, MetricSchema, MetricFamilySchema, MetricType;
var init_metrics_pb = __esm({
  "packages/prometheus/dist/exposition/protobuf/metrics_pb.js"() {
    "use strict";
    file_io_prometheus_client_metrics = /* @__PURE__ */ fileDesc("CiJpby9wcm9tZXRoZXVzL2NsaWVudC9tZXRyaWNzLnByb3RvEhRpby5wcm9tZXRoZXVzLmNsaWVudCIoCglMYWJlbFBhaXISDAoEbmFtZRgBIAEoCRINCgV2YWx1ZRgCIAEoCSIWCgVHYXVnZRINCgV2YWx1ZRgBIAEoASKBAQoHQ291bnRlchINCgV2YWx1ZRgBIAEoARIwCghleGVtcGxhchgCIAEoCzIeLmlvLnByb21ldGhldXMuY2xpZW50LkV4ZW1wbGFyEjUKEWNyZWF0ZWRfdGltZXN0YW1wGAMgASgLMhouZ29vZ2xlLnByb3RvYnVmLlRpbWVzdGFtcCIrCghRdWFudGlsZRIQCghxdWFudGlsZRgBIAEoARINCgV2YWx1ZRgCIAEoASKcAQoHU3VtbWFyeRIUCgxzYW1wbGVfY291bnQYASABKAQSEgoKc2FtcGxlX3N1bRgCIAEoARIwCghxdWFudGlsZRgDIAMoCzIeLmlvLnByb21ldGhldXMuY2xpZW50LlF1YW50aWxlEjUKEWNyZWF0ZWRfdGltZXN0YW1wGAQgASgLMhouZ29vZ2xlLnByb3RvYnVmLlRpbWVzdGFtcCIYCgdVbnR5cGVkEg0KBXZhbHVlGAEgASgBIpEECglIaXN0b2dyYW0SFAoMc2FtcGxlX2NvdW50GAEgASgEEhoKEnNhbXBsZV9jb3VudF9mbG9hdBgEIAEoARISCgpzYW1wbGVfc3VtGAIgASgBEiwKBmJ1Y2tldBgDIAMoCzIcLmlvLnByb21ldGhldXMuY2xpZW50LkJ1Y2tldBI1ChFjcmVhdGVkX3RpbWVzdGFtcBgPIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXASDgoGc2NoZW1hGAUgASgREhYKDnplcm9fdGhyZXNob2xkGAYgASgBEhIKCnplcm9fY291bnQYByABKAQSGAoQemVyb19jb3VudF9mbG9hdBgIIAEoARI3Cg1uZWdhdGl2ZV9zcGFuGAkgAygLMiAuaW8ucHJvbWV0aGV1cy5jbGllbnQuQnVja2V0U3BhbhIWCg5uZWdhdGl2ZV9kZWx0YRgKIAMoEhIWCg5uZWdhdGl2ZV9jb3VudBgLIAMoARI3Cg1wb3NpdGl2ZV9zcGFuGAwgAygLMiAuaW8ucHJvbWV0aGV1cy5jbGllbnQuQnVja2V0U3BhbhIWCg5wb3NpdGl2ZV9kZWx0YRgNIAMoEhIWCg5wb3NpdGl2ZV9jb3VudBgOIAMoARIxCglleGVtcGxhcnMYECADKAsyHi5pby5wcm9tZXRoZXVzLmNsaWVudC5FeGVtcGxhciKJAQoGQnVja2V0EhgKEGN1bXVsYXRpdmVfY291bnQYASABKAQSHgoWY3VtdWxhdGl2ZV9jb3VudF9mbG9hdBgEIAEoARITCgt1cHBlcl9ib3VuZBgCIAEoARIwCghleGVtcGxhchgDIAEoCzIeLmlvLnByb21ldGhldXMuY2xpZW50LkV4ZW1wbGFyIiwKCkJ1Y2tldFNwYW4SDgoGb2Zmc2V0GAEgASgREg4KBmxlbmd0aBgCIAEoDSJ4CghFeGVtcGxhchIuCgVsYWJlbBgBIAMoCzIfLmlvLnByb21ldGhldXMuY2xpZW50LkxhYmVsUGFpchINCgV2YWx1ZRgCIAEoARItCgl0aW1lc3RhbXAYAyABKAsyGi5nb29nbGUucHJvdG9idWYuVGltZXN0YW1wIr4CCgZNZXRyaWMSLgoFbGFiZWwYASADKAsyHy5pby5wcm9tZXRoZXVzLmNsaWVudC5MYWJlbFBhaXISKgoFZ2F1Z2UYAiABKAsyGy5pby5wcm9tZXRoZXVzLmNsaWVudC5HYXVnZRIuCgdjb3VudGVyGAMgASgLMh0uaW8ucHJvbWV0aGV1cy5jbGllbnQuQ291bnRlchIuCgdzdW1tYXJ5GAQgASgLMh0uaW8ucHJvbWV0aGV1cy5jbGllbnQuU3VtbWFyeRIuCgd1bnR5cGVkGAUgASgLMh0uaW8ucHJvbWV0aGV1cy5jbGllbnQuVW50eXBlZBIyCgloaXN0b2dyYW0YByABKAsyHy5pby5wcm9tZXRoZXVzLmNsaWVudC5IaXN0b2dyYW0SFAoMdGltZXN0YW1wX21zGAYgASgDIpYBCgxNZXRyaWNGYW1pbHkSDAoEbmFtZRgBIAEoCRIMCgRoZWxwGAIgASgJEi4KBHR5cGUYAyABKA4yIC5pby5wcm9tZXRoZXVzLmNsaWVudC5NZXRyaWNUeXBlEiwKBm1ldHJpYxgEIAMoCzIcLmlvLnByb21ldGhldXMuY2xpZW50Lk1ldHJpYxIMCgR1bml0GAUgASgJKmIKCk1ldHJpY1R5cGUSCwoHQ09VTlRFUhAAEgkKBUdBVUdFEAESCwoHU1VNTUFSWRACEgsKB1VOVFlQRUQQAxINCglISVNUT0dSQU0QBBITCg9HQVVHRV9ISVNUT0dSQU0QBUJSChRpby5wcm9tZXRoZXVzLmNsaWVudFo6Z2l0aHViLmNvbS9wcm9tZXRoZXVzL2NsaWVudF9tb2RlbC9nbztpb19wcm9tZXRoZXVzX2NsaWVudA", [file_google_protobuf_timestamp]);
    LabelPairSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 0);
    GaugeSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 1);
    CounterSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 2);
    HistogramSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 6);
    BucketSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 7);
    BucketSpanSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 8);
    ExemplarSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 9);
    MetricSchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 10);
    MetricFamilySchema = /* @__PURE__ */ messageDesc(file_io_prometheus_client_metrics, 11);
    (function(MetricType2) {
      MetricType2[MetricType2["COUNTER"] = 0] = "COUNTER";
      MetricType2[MetricType2["GAUGE"] = 1] = "GAUGE";
      MetricType2[MetricType2["SUMMARY"] = 2] = "SUMMARY";
      MetricType2[MetricType2["UNTYPED"] = 3] = "UNTYPED";
      MetricType2[MetricType2["HISTOGRAM"] = 4] = "HISTOGRAM";
      MetricType2[MetricType2["GAUGE_HISTOGRAM"] = 5] = "GAUGE_HISTOGRAM";
    })(MetricType || (MetricType = {}));
  }
});

// packages/prometheus/dist/exposition/protobuf/protobuf-format.js
var protobuf_format_exports = {};
__export(protobuf_format_exports, {
  PROTOBUF_CONTENT_TYPE: () => PROTOBUF_CONTENT_TYPE,
  renderProtobuf: () => renderProtobuf
});
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
function numbers(schema, names) {
  const out = {};
  for (const name of names) {
    const field2 = schema.fields.find((f) => f.localName === name);
    if (field2 === void 0)
      throw new Error(`metrics.proto has no field ${schema.typeName}.${name}`);
    out[name] = field2.number;
  }
  return out;
}
function timestamp(w, field2, ms) {
  const seconds3 = Math.floor(ms / 1e3);
  const nanos = Math.round((ms - seconds3 * 1e3) * 1e6);
  w.tag(field2, LengthDelimited).fork();
  if (seconds3 !== 0)
    w.tag(TIMESTAMP.seconds, Varint).int64(seconds3);
  if (nanos !== 0)
    w.tag(TIMESTAMP.nanos, Varint).int32(nanos);
  w.join();
}
function label(w, field2, name, value) {
  w.tag(field2, LengthDelimited).fork().tag(LABEL.name, LengthDelimited).string(name).tag(LABEL.value, LengthDelimited).string(value).join();
}
function exemplar(w, field2, e) {
  if (e === void 0)
    return;
  w.tag(field2, LengthDelimited).fork();
  label(w, EXEMPLAR.label, "trace_id", e.traceId);
  label(w, EXEMPLAR.label, "span_id", e.spanId);
  w.tag(EXEMPLAR.value, Bit64).double(e.value);
  timestamp(w, EXEMPLAR.timestamp, e.timeMs);
  w.join();
}
function spans(w, spanField, deltaField, side) {
  for (const s of side.spans)
    w.tag(spanField, LengthDelimited).fork().tag(SPAN.offset, Varint).sint32(s.offset).tag(SPAN.length, Varint).uint32(s.length).join();
  for (const d of side.deltas)
    w.tag(deltaField, Varint).sint64(d);
}
function histogram(w, series) {
  const value = series.value;
  const native = value.native;
  const rows = bucketRows(value, series.exemplars);
  w.tag(HISTOGRAM.sampleCount, Varint).uint64(value.count);
  w.tag(HISTOGRAM.sampleSum, Bit64).double(value.sum ?? Number.NaN);
  if (value.classic !== void 0 || native === void 0) {
    for (const row of rows) {
      w.tag(HISTOGRAM.bucket, LengthDelimited).fork();
      w.tag(BUCKET.cumulativeCount, Varint).uint64(row.cumulative).tag(BUCKET.upperBound, Bit64).double(row.upperBound);
      exemplar(w, BUCKET.exemplar, row.exemplar);
      w.join();
    }
  }
  if (native === void 0) {
    if (series.startMs > 0)
      timestamp(w, HISTOGRAM.createdTimestamp, series.startMs);
    return;
  }
  w.tag(HISTOGRAM.schema, Varint).sint32(native.schema);
  w.tag(HISTOGRAM.zeroThreshold, Bit64).double(native.zeroThreshold);
  w.tag(HISTOGRAM.zeroCount, Varint).uint64(native.zeroCount);
  spans(w, HISTOGRAM.negativeSpan, HISTOGRAM.negativeDelta, native.negative);
  spans(w, HISTOGRAM.positiveSpan, HISTOGRAM.positiveDelta, native.positive);
  if (series.startMs > 0)
    timestamp(w, HISTOGRAM.createdTimestamp, series.startMs);
  for (const row of rows)
    exemplar(w, HISTOGRAM.exemplars, row.exemplar);
}
function metric(w, family, series) {
  w.tag(FAMILY.metric, LengthDelimited).fork();
  for (const [name, value] of series.labels)
    label(w, METRIC.label, name, value);
  switch (family.type) {
    case "gauge":
      w.tag(METRIC.gauge, LengthDelimited).fork().tag(GAUGE.value, Bit64).double(series.value).join();
      break;
    case "counter":
      w.tag(METRIC.counter, LengthDelimited).fork().tag(COUNTER.value, Bit64).double(series.value);
      exemplar(w, COUNTER.exemplar, series.exemplars?.latest);
      if (series.startMs > 0)
        timestamp(w, COUNTER.createdTimestamp, series.startMs);
      w.join();
      break;
    case "histogram":
      w.tag(METRIC.histogram, LengthDelimited).fork();
      histogram(w, series);
      w.join();
      break;
  }
  w.join();
}
function renderProtobuf(families) {
  const w = new BinaryWriter();
  for (const family of families) {
    w.fork();
    w.tag(FAMILY.name, LengthDelimited).string(family.name);
    w.tag(FAMILY.help, LengthDelimited).string(family.help.trim() === "" ? family.name : family.help);
    w.tag(FAMILY.type, Varint).int32(TYPES2[family.type]);
    for (const series of family.series)
      metric(w, family, series);
    const base = family.type === "counter" ? family.name.replace(/_total$/, "") : family.name;
    if (family.unit !== "" && base.endsWith(`_${family.unit}`))
      w.tag(FAMILY.unit, LengthDelimited).string(family.unit);
    w.join();
  }
  return w.finish();
}
var PROTOBUF_CONTENT_TYPE, FAMILY, METRIC, LABEL, GAUGE, COUNTER, HISTOGRAM, BUCKET, SPAN, EXEMPLAR, TIMESTAMP, TYPES2, LengthDelimited, Varint, Bit64;
var init_protobuf_format = __esm({
  "packages/prometheus/dist/exposition/protobuf/protobuf-format.js"() {
    "use strict";
    init_buckets();
    init_metrics_pb();
    PROTOBUF_CONTENT_TYPE = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
    FAMILY = numbers(MetricFamilySchema, ["name", "help", "type", "metric", "unit"]);
    METRIC = numbers(MetricSchema, ["label", "gauge", "counter", "histogram"]);
    LABEL = numbers(LabelPairSchema, ["name", "value"]);
    GAUGE = numbers(GaugeSchema, ["value"]);
    COUNTER = numbers(CounterSchema, ["value", "exemplar", "createdTimestamp"]);
    HISTOGRAM = numbers(HistogramSchema, [
      "sampleCount",
      "sampleSum",
      "bucket",
      "createdTimestamp",
      "schema",
      "zeroThreshold",
      "zeroCount",
      "negativeSpan",
      "negativeDelta",
      "positiveSpan",
      "positiveDelta",
      "exemplars"
    ]);
    BUCKET = numbers(BucketSchema, ["cumulativeCount", "upperBound", "exemplar"]);
    SPAN = numbers(BucketSpanSchema, ["offset", "length"]);
    EXEMPLAR = numbers(ExemplarSchema, ["label", "value", "timestamp"]);
    TIMESTAMP = { seconds: 1, nanos: 2 };
    TYPES2 = { counter: MetricType.COUNTER, gauge: MetricType.GAUGE, histogram: MetricType.HISTOGRAM };
    ({ LengthDelimited, Varint, Bit64 } = WireType);
  }
});

// packages/sdk/dist/start.js
import { randomUUID as randomUUID2 } from "node:crypto";
import { metrics as metrics6 } from "@opentelemetry/api";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider as MeterProvider2 } from "@opentelemetry/sdk-metrics";

// packages/events/dist/diag.js
var API_KEY = Symbol.for("opentelemetry.js.api.1");
function logger() {
  const api = globalThis[API_KEY];
  return api?.diag;
}
function send(level, message) {
  try {
    logger()?.[level]?.(message);
  } catch {
  }
}
var diag = {
  error: (message) => send("error", message),
  warn: (message) => send("warn", message),
  info: (message) => send("info", message)
};
var REPORT_INTERVAL_MS = 1e4;
var lastReport = /* @__PURE__ */ new Map();
function reportProblem(key, message, level = "warn") {
  const now = Date.now();
  const seen = lastReport.get(key);
  if (seen !== void 0 && now - seen.at < REPORT_INTERVAL_MS) {
    seen.suppressed++;
    return;
  }
  const suppressed = seen?.suppressed ?? 0;
  lastReport.set(key, { at: now, suppressed: 0 });
  diag[level](`promptkit: ${message}${suppressed > 0 ? ` (${suppressed} similar since the last report)` : ""}`);
}
function safeString(read) {
  try {
    return String(read());
  } catch {
    try {
      const value = read();
      if (value !== null && typeof value === "object")
        return "[object without a string form]";
    } catch {
    }
    return "[unprintable value]";
  }
}
function describeError(error) {
  const text2 = safeString(() => error instanceof Error ? `${error.name}: ${error.message}` : error);
  return text2.length > 200 ? `${text2.slice(0, 200)}\u2026` : text2;
}

// packages/events/dist/bus.js
var EventBus = class {
  // Listener arrays are replaced, never mutated, so a publish in progress keeps a stable snapshot.
  byType = /* @__PURE__ */ new Map();
  all = [];
  onListenerError;
  published = 0;
  listenerErrors = 0;
  constructor(options = {}) {
    this.onListenerError = options.onListenerError;
  }
  /** Listens to one event type; `event.data` is typed for it. Returns an unsubscribe function. */
  subscribe(type, listener) {
    const wrapped = listener;
    this.byType.set(type, [...this.byType.get(type) ?? [], wrapped]);
    return once(() => {
      const rest = (this.byType.get(type) ?? []).filter((l) => l !== wrapped);
      if (rest.length === 0)
        this.byType.delete(type);
      else
        this.byType.set(type, rest);
    });
  }
  /** Listens to every event. Returns an unsubscribe function. */
  subscribeAll(listener) {
    this.all = [...this.all, listener];
    return once(() => {
      this.all = this.all.filter((l) => l !== listener);
    });
  }
  /** Delivers the event to the type's listeners, then to the catch-all listeners. Never throws. */
  publish(event) {
    this.published++;
    let typed;
    try {
      typed = event == null ? void 0 : this.byType.get(event.type);
    } catch {
      typed = void 0;
    }
    if (typed !== void 0)
      for (let i = 0; i < typed.length; i++)
        this.deliver(typed[i], event);
    const all = this.all;
    for (let i = 0; i < all.length; i++)
      this.deliver(all[i], event);
  }
  stats() {
    return { published: this.published, listenerErrors: this.listenerErrors };
  }
  /** Removes every listener. */
  clear() {
    this.byType.clear();
    this.all = [];
  }
  deliver(listener, event) {
    try {
      listener(event);
    } catch (error) {
      this.listenerErrors++;
      this.report(error, event);
    }
  }
  report(error, event) {
    reportProblem("event-bus listener", `an EventBus listener threw on '${safeString(() => event?.type)}' (${describeError(error)}); the publisher and other listeners were not affected`, "error");
    if (this.onListenerError) {
      try {
        this.onListenerError(error, event);
      } catch {
      }
    }
  }
};
function once(fn) {
  let done = false;
  return () => {
    if (done)
      return;
    done = true;
    fn();
  };
}

// packages/events/dist/outcomes.js
var PROVIDER_ERROR_TYPES = [
  "rate_limit",
  "timeout",
  "context_length_exceeded",
  "authentication",
  "invalid_request",
  "server_error",
  "network",
  "content_filter",
  "cancelled",
  "other"
];
var FINISH_REASONS = ["stop", "length", "tool_calls", "content_filter", "refusal", "other"];
var errorTypes = new Set(PROVIDER_ERROR_TYPES);
var finishReasons = new Set(FINISH_REASONS);
var isProviderErrorType = (value) => errorTypes.has(value);
var isFinishReason = (value) => finishReasons.has(value);

// packages/events/dist/adapter/wire.js
function isObject(value) {
  return typeof value === "object" && value !== null;
}
function field(value, ...path) {
  let current = value;
  for (const key of path) {
    if (!isObject(current))
      return void 0;
    try {
      current = current[key];
    } catch {
      return void 0;
    }
  }
  return current;
}

// packages/events/dist/adapter/classify-error.js
var CONTEXT_LENGTH = /context[ _-]?(length|window)|maximum context|prompt is too long|too many (input )?tokens|exceeds the maximum number of tokens|input token count.*exceeds|reduce the length/i;
var NETWORK_CODES = /* @__PURE__ */ new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);
var TIMEOUT_CODES = /* @__PURE__ */ new Set(["ETIMEDOUT", "ESOCKETTIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "DEADLINE_EXCEEDED"]);
var BY_CODE = {
  rate_limit_exceeded: "rate_limit",
  rate_limit_error: "rate_limit",
  insufficient_quota: "rate_limit",
  billing_error: "rate_limit",
  resource_exhausted: "rate_limit",
  context_length_exceeded: "context_length_exceeded",
  string_above_max_length: "context_length_exceeded",
  content_filter: "content_filter",
  content_policy_violation: "content_filter",
  authentication_error: "authentication",
  permission_error: "authentication",
  invalid_api_key: "authentication",
  api_key_invalid: "authentication",
  unauthenticated: "authentication",
  permission_denied: "authentication",
  invalid_request_error: "invalid_request",
  not_found_error: "invalid_request",
  request_too_large: "invalid_request",
  invalid_argument: "invalid_request",
  failed_precondition: "invalid_request",
  not_found: "invalid_request",
  overloaded_error: "server_error",
  api_error: "server_error",
  server_error: "server_error",
  internal: "server_error",
  unavailable: "server_error",
  timeout_error: "timeout",
  deadline_exceeded: "timeout",
  cancelled: "cancelled"
};
function byStatus(status) {
  if (status === 429)
    return "rate_limit";
  if (status === 401 || status === 403)
    return "authentication";
  if (status === 408 || status === 504)
    return "timeout";
  if (status >= 500)
    return "server_error";
  if (status >= 400)
    return "invalid_request";
  return void 0;
}
function textOf(value) {
  return typeof value === "string" ? value : "";
}
function classNameOf(error) {
  const constructor = field(error, "constructor");
  return typeof constructor === "function" ? textOf(constructor.name) : "";
}
function lower(value) {
  return typeof value === "string" && value !== "" ? value.toLowerCase() : void 0;
}
var MAX_JSON_MESSAGE = 65536;
function bodyInMessage(message) {
  const start = message.indexOf("{");
  if (start < 0 || message.length > MAX_JSON_MESSAGE)
    return void 0;
  try {
    return field(JSON.parse(message.slice(start)), "error");
  } catch {
    return void 0;
  }
}
function detailReason(body) {
  const details = field(body, "details");
  if (!Array.isArray(details))
    return void 0;
  for (const detail of details) {
    const reason = lower(field(detail, "reason"));
    if (reason !== void 0)
      return reason;
  }
  return void 0;
}
function classifyProviderError(error) {
  try {
    return classify(error, 0);
  } catch {
    return "other";
  }
}
function classify(error, depth) {
  if (!isObject(error))
    return "other";
  const name = textOf(field(error, "name"));
  const kinds = `${name} ${classNameOf(error)}`;
  const code = field(error, "code");
  const codeText = lower(code);
  if (/Timeout/i.test(kinds) || typeof code === "string" && TIMEOUT_CODES.has(code))
    return "timeout";
  if (/\bAbortError\b|UserAbort/.test(kinds) || codeText === "abort_err")
    return "cancelled";
  if (/Connection/.test(kinds) || typeof code === "string" && NETWORK_CODES.has(code))
    return "network";
  const message = textOf(field(error, "message"));
  const carried = field(error, "error");
  const body = isObject(carried) ? carried : bodyInMessage(message);
  const candidates = [
    codeText,
    lower(field(error, "type")),
    lower(field(body, "code")),
    lower(field(body, "type")),
    detailReason(body),
    lower(field(body, "status")),
    lower(field(body, "error", "type")),
    lower(field(error, "status"))
  ];
  for (const candidate of candidates) {
    const known2 = candidate === void 0 ? void 0 : BY_CODE[candidate];
    if (known2 === "invalid_request" && CONTEXT_LENGTH.test(message))
      return "context_length_exceeded";
    if (known2 !== void 0)
      return known2;
  }
  const status = [field(error, "status"), field(error, "statusCode"), field(error, "response", "status")].find((s) => typeof s === "number");
  const fromStatus = typeof status === "number" ? byStatus(status) : void 0;
  if (fromStatus === "invalid_request" && CONTEXT_LENGTH.test(message))
    return "context_length_exceeded";
  if (fromStatus !== void 0)
    return fromStatus;
  if (name === "TypeError" && /fetch failed|network/i.test(message))
    return "network";
  const inner = field(error, "lastError") ?? field(error, "cause");
  if (inner !== void 0 && inner !== error && depth < 3)
    return classify(inner, depth + 1);
  return "other";
}

// packages/events/dist/adapter/finish-reason.js
var REASONS = {
  stop: ["stop", "end_turn", "stop_sequence", "completed", "eos", "end", "finish_reason_stop"],
  length: ["length", "max_tokens", "max_output_tokens", "model_context_window_exceeded", "max_completion_tokens", "model_length"],
  tool_calls: ["tool_calls", "tool-calls", "tool_use", "function_call", "tool_call", "unexpected_tool_call"],
  content_filter: [
    "content_filter",
    "content-filter",
    "safety",
    "recitation",
    "blocklist",
    "prohibited_content",
    "spii",
    "image_safety",
    "image_prohibited_content",
    "image_recitation",
    "content_filtered",
    "guardrail_intervened"
  ],
  refusal: ["refusal"],
  other: []
};
var byRaw = /* @__PURE__ */ new Map();
for (const [reason, raws] of Object.entries(REASONS))
  for (const raw of raws)
    byRaw.set(raw, reason);
function finishReasonOf(raw) {
  if (typeof raw !== "string" || raw === "")
    return void 0;
  return byRaw.get(raw.trim().toLowerCase()) ?? "other";
}

// packages/metrics/dist/catalog.js
var PROVIDER_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];
var PIPELINE_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200];
var STAGE_BUCKETS = [1e-3, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
var TOOL_BUCKETS = [5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
var VALIDATION_BUCKETS = [5e-4, 1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
var catalog = {
  pipelinesActive: {
    name: "promptkit_pipelines_active",
    kind: "updowncounter",
    unit: "{pipeline}",
    help: "Number of currently active pipelines",
    labels: [],
    group: "pipeline"
  },
  pipelineDuration: {
    name: "promptkit_pipeline_duration_seconds",
    kind: "histogram",
    unit: "s",
    help: "Total pipeline execution duration",
    labels: ["status"],
    buckets: PIPELINE_BUCKETS,
    group: "pipeline"
  },
  stageDuration: {
    name: "promptkit_stage_duration_seconds",
    kind: "histogram",
    unit: "s",
    help: "Per-stage processing duration",
    labels: ["stage", "stage_type"],
    buckets: STAGE_BUCKETS,
    group: "stage"
  },
  stageElements: {
    name: "promptkit_stage_elements_total",
    kind: "counter",
    unit: "{element}",
    help: "Elements processed by stage",
    labels: ["stage", "status"],
    group: "stage"
  },
  providerRequestDuration: {
    name: "promptkit_provider_request_duration_seconds",
    kind: "histogram",
    unit: "s",
    help: "LLM API call duration",
    labels: ["provider", "model"],
    buckets: PROVIDER_BUCKETS,
    group: "provider"
  },
  providerRequests: {
    name: "promptkit_provider_requests_total",
    kind: "counter",
    unit: "{request}",
    help: "Total provider API calls",
    labels: ["provider", "model", "status"],
    group: "provider"
  },
  providerTokens: {
    name: "promptkit_provider_tokens_total",
    kind: "counter",
    unit: "{token}",
    help: "Token consumption by type: input (every prompt token), output (every generated token), cached and cache_write (parts of input), reasoning (part of output)",
    labels: ["provider", "model", "type"],
    group: "provider"
  },
  providerCost: {
    name: "promptkit_provider_cost_total",
    kind: "counter",
    unit: "{USD}",
    help: "Total cost in USD",
    labels: ["provider", "model"],
    group: "provider"
  },
  providerErrors: {
    name: "promptkit_provider_errors_total",
    kind: "counter",
    unit: "{error}",
    help: "Failed provider API calls by why they failed (rate_limit, timeout, context_length_exceeded, authentication, invalid_request, server_error, network, content_filter, cancelled, other)",
    labels: ["provider", "model", "error_type"],
    group: "provider"
  },
  providerFinishReasons: {
    name: "promptkit_provider_finish_reasons_total",
    kind: "counter",
    unit: "{response}",
    help: "Completed provider API calls by why the generation stopped (stop, length, tool_calls, content_filter, refusal, other)",
    labels: ["provider", "model", "reason"],
    group: "provider"
  },
  providerTimeToFirstToken: {
    name: "promptkit_provider_time_to_first_token_seconds",
    kind: "histogram",
    unit: "s",
    help: "Time from a streaming LLM request to its first token",
    labels: ["provider", "model"],
    buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 20, 30, 60],
    group: "provider"
  },
  providerUnpricedRequests: {
    name: "promptkit_provider_unpriced_requests_total",
    kind: "counter",
    unit: "{request}",
    help: "Provider calls with tokens but no cost and no known price for the model (no cost recorded)",
    labels: ["provider", "model"],
    group: "provider"
  },
  toolCallDuration: {
    name: "promptkit_tool_call_duration_seconds",
    kind: "histogram",
    unit: "s",
    help: "Tool call execution duration",
    labels: ["tool"],
    buckets: TOOL_BUCKETS,
    group: "tool"
  },
  toolCalls: {
    name: "promptkit_tool_calls_total",
    kind: "counter",
    unit: "{call}",
    help: "Total tool call count",
    labels: ["tool", "status"],
    group: "tool"
  },
  validationDuration: {
    name: "promptkit_validation_duration_seconds",
    kind: "histogram",
    unit: "s",
    help: "Validation check duration",
    labels: ["validator", "validator_type"],
    buckets: VALIDATION_BUCKETS,
    group: "validation"
  },
  validations: {
    name: "promptkit_validations_total",
    kind: "counter",
    unit: "{validation}",
    help: "Validation results (passed/failed)",
    labels: ["validator", "validator_type", "status"],
    group: "validation"
  },
  pricingInfo: {
    name: "promptkit_pricing_info",
    kind: "updowncounter",
    unit: "",
    help: "The price data computing costs: its source package, version and the date of its prices (value 1)",
    labels: ["source", "version", "as_of"],
    group: "self"
  },
  labelOverflow: {
    name: "promptkit_label_overflow_total",
    kind: "counter",
    unit: "{record}",
    help: "Records whose label value was replaced by _other because the label reached its cardinality cap, by label",
    labels: ["label"],
    group: "self"
  },
  droppedRecords: {
    name: "promptkit_dropped_records_total",
    kind: "counter",
    unit: "{record}",
    help: "Events and record calls dropped because of invalid input, by reason",
    labels: ["reason"],
    group: "self"
  }
};
var metricDefinitions = Object.values(catalog);
var METER_NAME = "@promptkit/metrics";
var METER_VERSION = "0.2.0";

// packages/metrics/dist/label-sets.js
var STATUS = ["success", "error"];
var VALIDATION_STATUS = ["passed", "failed"];
var TOKEN_TYPES = ["input", "output", "cached", "cache_write", "reasoning"];
var statusSet = new Set(STATUS);
var validationStatusSet = new Set(VALIDATION_STATUS);
var isStatus = (value) => statusSet.has(value);
var isValidationStatus = (value) => validationStatusSet.has(value);

// packages/metrics/dist/series/label-value.js
var MAX_LABEL_LENGTH = 128;
var EMPTY_LABEL = "unknown";
var CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function labelValue(value) {
  if (typeof value !== "string")
    return void 0;
  if (value.length === 0)
    return EMPTY_LABEL;
  let clean2 = value;
  if (clean2.length > MAX_LABEL_LENGTH) {
    clean2 = clean2.slice(0, MAX_LABEL_LENGTH);
    const last = clean2.charCodeAt(clean2.length - 1);
    if (last >= 55296 && last <= 56319)
      clean2 = clean2.slice(0, -1);
  }
  CONTROL.lastIndex = 0;
  if (CONTROL.test(clean2))
    clean2 = clean2.replace(CONTROL, " ");
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(clean2))
    clean2 = clean2.replace(LONE_SURROGATE, "\uFFFD");
  return clean2;
}

// packages/metrics/dist/series/label-limiter.js
var OVERFLOW_VALUE = "_other";
var DEFAULT_LABEL_LIMITS = {
  provider: 10,
  model: 50,
  stage: 50,
  stage_type: 10,
  tool: 200,
  validator: 50,
  validator_type: 10
};
function labelLimitsProblem(limits) {
  if (limits === null || typeof limits !== "object" || Array.isArray(limits))
    return "expected an object such as { model: 200 }";
  for (const [label2, cap] of Object.entries(limits)) {
    if (!Object.hasOwn(DEFAULT_LABEL_LIMITS, label2))
      return `'${label2}' is not a capped label (expected ${Object.keys(DEFAULT_LABEL_LIMITS).join(", ")})`;
    if (typeof cap !== "number" || !Number.isInteger(cap) || cap < 1)
      return `${label2}: ${String(cap)} is not a whole number of at least 1`;
  }
  return void 0;
}
var LabelLimiter = class {
  onOverflow;
  caps;
  accepted = /* @__PURE__ */ new Map();
  // Raw value → clean value, for values already seen: the common case skips sanitising.
  known = /* @__PURE__ */ new Map();
  constructor(limits = {}, onOverflow = () => {
  }) {
    this.onOverflow = onOverflow;
    this.caps = { ...DEFAULT_LABEL_LIMITS, ...limits };
    const problem = labelLimitsProblem(limits);
    if (problem !== void 0)
      throw new TypeError(`invalid labelLimits: ${problem}`);
    for (const label2 of Object.keys(this.caps)) {
      this.accepted.set(label2, /* @__PURE__ */ new Set());
      this.known.set(label2, /* @__PURE__ */ new Map());
    }
  }
  /** The label value to record, or undefined when the value is not a string (the record is dropped). */
  value(label2, raw) {
    const known2 = this.known.get(label2);
    if (typeof raw === "string") {
      const hit = known2.get(raw);
      if (hit !== void 0)
        return hit;
    }
    const clean2 = labelValue(raw);
    if (clean2 === void 0)
      return void 0;
    const accepted = this.accepted.get(label2);
    if (!accepted.has(clean2)) {
      if (accepted.size >= this.caps[label2]) {
        this.onOverflow(label2);
        return OVERFLOW_VALUE;
      }
      accepted.add(clean2);
    }
    if (known2.size < this.caps[label2] * 4)
      known2.set(raw, clean2);
    return clean2;
  }
  cap(label2) {
    return this.caps[label2];
  }
};

// packages/metrics/dist/record/recorder.js
import { metrics } from "@opentelemetry/api";

// packages/metrics/dist/provider-binding.js
import { diag as diag2 } from "@opentelemetry/api";

// packages/metrics/dist/series/exemplars.js
import { context, isSpanContextValid, trace, TraceFlags } from "@opentelemetry/api";
var slots = /* @__PURE__ */ new WeakMap();
var API_GLOBALS = Symbol.for("opentelemetry.js.api.1");
var apiGlobals;
function sampledSpan() {
  apiGlobals ??= globalThis[API_GLOBALS];
  if (apiGlobals?.context === void 0)
    return void 0;
  const span = trace.getSpanContext(context.active());
  return span !== void 0 && (span.traceFlags & TraceFlags.SAMPLED) !== 0 && isSpanContextValid(span) ? span : void 0;
}
function slotOf(attributes) {
  let slot = slots.get(attributes);
  if (slot === void 0)
    slots.set(attributes, slot = { latest: void 0, buckets: void 0 });
  return slot;
}
function keepExemplar(attributes, span, value) {
  slotOf(attributes).latest = { traceId: span.traceId, spanId: span.spanId, value, timeMs: Date.now() };
}
function keepBucketExemplar(attributes, boundaries, span, value) {
  const slot = slotOf(attributes);
  const exemplar2 = { traceId: span.traceId, spanId: span.spanId, value, timeMs: Date.now() };
  slot.latest = exemplar2;
  slot.buckets ??= new Array(boundaries.length + 1).fill(void 0);
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const mid = low + high >>> 1;
    if (value <= boundaries[mid])
      high = mid;
    else
      low = mid + 1;
  }
  slot.buckets[low] = exemplar2;
}
function exemplarsOf(attributes) {
  return slots.get(attributes);
}

// packages/metrics/dist/series/series-index.js
var SeriesIndex = class {
  depth;
  create;
  root = /* @__PURE__ */ new Map();
  single;
  /** Every series, for collection. */
  all = [];
  constructor(depth, create2) {
    this.depth = depth;
    this.create = create2;
  }
  get0() {
    if (this.single === void 0) {
      this.single = this.create([]);
      this.all.push(this.single);
    }
    return this.single;
  }
  get1(a) {
    let series = this.root.get(a);
    if (series === void 0) {
      series = this.create([a]);
      this.root.set(a, series);
      this.all.push(series);
    }
    return series;
  }
  get2(a, b) {
    let level = this.root.get(a);
    if (level === void 0)
      this.root.set(a, level = /* @__PURE__ */ new Map());
    let series = level.get(b);
    if (series === void 0) {
      series = this.create([a, b]);
      level.set(b, series);
      this.all.push(series);
    }
    return series;
  }
  get3(a, b, c) {
    let level1 = this.root.get(a);
    if (level1 === void 0)
      this.root.set(a, level1 = /* @__PURE__ */ new Map());
    let level2 = level1.get(b);
    if (level2 === void 0)
      level1.set(b, level2 = /* @__PURE__ */ new Map());
    let series = level2.get(c);
    if (series === void 0) {
      series = this.create([a, b, c]);
      level2.set(c, series);
      this.all.push(series);
    }
    return series;
  }
  /** Any depth, for code paths that are not hot. */
  get(values) {
    switch (this.depth) {
      case 0:
        return this.get0();
      case 1:
        return this.get1(values[0]);
      case 2:
        return this.get2(values[0], values[1]);
      case 3:
        return this.get3(values[0], values[1], values[2]);
      default:
        throw new Error(`SeriesIndex supports up to 3 labels, not ${this.depth}`);
    }
  }
};

// packages/metrics/dist/series/counter-family.js
var CounterCell = class {
  attributes;
  // Two fields only: a process holds one cell per series, and thousands of series are common.
  value = 0;
  constructor(attributes) {
    this.attributes = attributes;
  }
  /** Adds `amount`; inside a sampled span (`span`), it is also kept as the series' exemplar. */
  add(amount, span) {
    this.value += amount;
    if (span !== void 0)
      keepExemplar(this.attributes, span, amount);
  }
};
var MirroredCell = class extends CounterCell {
  instrument;
  constructor(attributes, instrument) {
    super(attributes);
    this.instrument = instrument;
    instrument.add(0, attributes);
  }
  add(amount, span) {
    this.value += amount;
    if (span !== void 0)
      keepExemplar(this.attributes, span, amount);
    this.instrument.add(amount, this.attributes);
  }
};
var CounterFamily = class {
  definition;
  index;
  /**
   * Start of the family's cumulative totals, ms since the epoch: every series was 0 before it was
   * created, so this is a valid start time for each of them (OpenMetrics `_created`).
   */
  startMs = Date.now();
  constructor(definition, meter) {
    this.definition = definition;
    const labels = definition.labels;
    const attributesOf = (values) => {
      const attributes = {};
      for (let i = 0; i < labels.length; i++)
        attributes[labels[i]] = values[i];
      return attributes;
    };
    if (meter === void 0) {
      this.index = new SeriesIndex(labels.length, (values) => new CounterCell(attributesOf(values)));
      return;
    }
    const options = { description: definition.help, unit: definition.unit };
    const instrument = definition.kind === "updowncounter" ? meter.createUpDownCounter(definition.name, options) : meter.createCounter(definition.name, options);
    this.index = new SeriesIndex(labels.length, (values) => new MirroredCell(attributesOf(values), instrument));
  }
};

// packages/metrics/dist/series/histogram-family.js
var HistogramFamily = class {
  definition;
  instrument;
  attributes;
  constructor(definition, meter) {
    this.definition = definition;
    this.instrument = meter.createHistogram(definition.name, {
      description: definition.help,
      unit: definition.unit,
      advice: { explicitBucketBoundaries: [...definition.buckets ?? []] }
    });
    const labels = definition.labels;
    this.attributes = new SeriesIndex(labels.length, (values) => {
      const attributes = {};
      for (let i = 0; i < labels.length; i++)
        attributes[labels[i]] = values[i];
      return attributes;
    });
  }
  /** Records `seconds`; inside a sampled span (`span`), it is also kept as its bucket's exemplar. */
  record(seconds3, attributes, span) {
    this.instrument.record(seconds3, attributes);
    if (span !== void 0)
      keepBucketExemplar(attributes, this.definition.buckets ?? [], span, seconds3);
  }
};

// packages/metrics/dist/provider-binding.js
var bindings = /* @__PURE__ */ new WeakMap();
function create(provider, limits, counterExport) {
  const meter = provider.getMeter(METER_NAME, METER_VERSION);
  const counters = {};
  const histograms = {};
  for (const [key, definition] of Object.entries(catalog)) {
    if (definition.kind === "histogram")
      histograms[key] = new HistogramFamily(definition, meter);
    else
      counters[key] = new CounterFamily(definition, counterExport === "instruments" ? meter : void 0);
  }
  const overflow = counters.labelOverflow;
  const limiter = new LabelLimiter(limits, (label2) => overflow.index.get1(label2).add(1));
  return { counterExport, counters, families: Object.values(counters), histograms, limiter, limits };
}
function bindingFor(provider, limits) {
  let binding = bindings.get(provider);
  if (binding === void 0) {
    binding = create(provider, limits, "instruments");
    bindings.set(provider, binding);
  } else if (limits !== void 0 && binding.limits !== limits) {
    warnLimitsIgnored(binding, limits);
  }
  return binding;
}
var warnedLimits = /* @__PURE__ */ new WeakSet();
function warnLimitsIgnored(binding, limits) {
  const differs = Object.entries(limits).some(([label2, cap]) => binding.limiter.cap(label2) !== cap);
  if (!differs || warnedLimits.has(binding))
    return;
  warnedLimits.add(binding);
  diag2.warn("promptkit: labelLimits were given after PromptKit began recording into this MeterProvider and are ignored; pass them where the provider is set up (startMetrics({ labelLimits }) or new PrometheusExporter({ labelLimits }))");
}
function adoptMeterProvider(provider, limits) {
  let binding = bindings.get(provider);
  if (binding === void 0) {
    binding = create(provider, limits, "producer");
    bindings.set(provider, binding);
  }
  return binding.counterExport === "producer" ? binding : void 0;
}

// packages/metrics/dist/record/recorder.js
var TOKEN_COUNT_TYPES = ["input", "output", "cached", "cache_write", "reasoning"];
var MAX_AMOUNT = 1e15;
function isAmount(value) {
  return typeof value === "number" && value >= 0 && value <= MAX_AMOUNT;
}
function show(value) {
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null)
    return String(value);
  return `a value of type ${typeof value}`;
}
var Recorder = class {
  fixedProvider;
  labelLimits;
  provider;
  current;
  /** Set while the listener handles one event: its sampled span, looked up once (null: none). */
  eventSpan;
  exemplars;
  constructor(options = {}) {
    this.fixedProvider = options.meterProvider;
    this.labelLimits = options.labelLimits;
    this.exemplars = options.exemplarFilter !== "always_off";
  }
  /**
   * The binding of the MeterProvider in force. Without an explicit provider this follows the
   * global one, so a Recorder made before the SDK registers its provider still records into it.
   */
  binding() {
    const provider = this.fixedProvider ?? metrics.getMeterProvider();
    if (provider !== this.provider || this.current === void 0) {
      this.current = bindingFor(provider, this.labelLimits);
      this.provider = provider;
    }
    return this.current;
  }
  /**
   * Runs `record` with the span active now looked up once, for every measurement it makes (an
   * event records several); exemplars come from that span.
   */
  withSpanOfEvent(record) {
    this.eventSpan = this.exemplars ? sampledSpan() ?? null : null;
    try {
      record();
    } finally {
      this.eventSpan = void 0;
    }
  }
  /** The sampled span to take exemplars from, if any. */
  span() {
    const known2 = this.eventSpan;
    if (known2 !== void 0)
      return known2 ?? void 0;
    return this.exemplars ? sampledSpan() : void 0;
  }
  drop(reason, detail) {
    try {
      this.binding().counters.droppedRecords.index.get1(reason).add(1);
    } catch {
    }
    reportProblem(`drop ${reason}`, `dropped a record: ${detail}`);
  }
  refuse(reason, detail) {
    this.drop(reason, detail);
    return false;
  }
  pipelineStart() {
    this.binding().counters.pipelinesActive.index.get0().add(1);
  }
  /**
   * Records a finished pipeline and takes it off the active gauge, whatever its status or duration
   * says. An end with no pipeline active has no matching start: it is dropped, so the gauge never
   * goes below zero.
   */
  pipelineEnd(status, seconds3, what = "pipeline end") {
    const b = this.binding();
    const active = b.counters.pipelinesActive.index.get0();
    if (active.value < 1)
      return this.drop("unmatched_end", `${what} without a matching pipeline start`);
    active.add(-1);
    if (!isStatus(status))
      return this.drop("invalid_status", `${what}: status ${show(status)} is not success or error`);
    if (!isAmount(seconds3))
      return this.drop("invalid_duration", `${what}: duration ${show(seconds3)}`);
    const h = b.histograms.pipelineDuration;
    h.record(seconds3, h.attributes.get1(status), this.span());
  }
  stageDuration(stage, stageType, seconds3) {
    if (!isAmount(seconds3))
      return this.drop("invalid_duration", `stage ${show(stage)}: duration ${show(seconds3)}`);
    const b = this.binding();
    const stageLabel = b.limiter.value("stage", stage);
    const typeLabel = b.limiter.value("stage_type", stageType);
    if (stageLabel === void 0 || typeLabel === void 0)
      return this.drop("invalid_label", `stage duration: stage ${show(stage)}, stage type ${show(stageType)}`);
    const h = b.histograms.stageDuration;
    h.record(seconds3, h.attributes.get2(stageLabel, typeLabel), this.span());
  }
  stageElement(stage, status) {
    if (!isStatus(status))
      return this.drop("invalid_status", `stage ${show(stage)}: status ${show(status)}`);
    const b = this.binding();
    const stageLabel = b.limiter.value("stage", stage);
    if (stageLabel === void 0)
      return this.drop("invalid_label", `stage element: stage ${show(stage)}`);
    b.counters.stageElements.index.get2(stageLabel, status).add(1, this.span());
  }
  /** Counts one call and records its duration; false when the record was dropped. */
  providerRequest(provider, model, status, seconds3) {
    if (!isStatus(status))
      return this.refuse("invalid_status", `provider request: status ${show(status)}`);
    if (!isAmount(seconds3))
      return this.refuse("invalid_duration", `provider request: duration ${show(seconds3)}`);
    const labels = this.providerLabels(provider, model, "provider request");
    if (labels === void 0)
      return false;
    const [b, p, m] = labels;
    const span = this.span();
    const h = b.histograms.providerRequestDuration;
    h.record(seconds3, h.attributes.get2(p, m), span);
    b.counters.providerRequests.index.get3(p, m, status).add(1, span);
    return true;
  }
  /**
   * Records the token counts given; an absent count records nothing for its type. Any count that is
   * present but not a valid amount drops the whole usage report (its parts would not add up).
   */
  providerTokens(provider, model, tokens) {
    for (const type of TOKEN_COUNT_TYPES) {
      const n = tokens[type];
      if (n !== void 0 && !isAmount(n))
        return this.drop("invalid_tokens", `provider tokens: ${type} ${show(n)}`);
    }
    const labels = this.providerLabels(provider, model, "provider tokens");
    if (labels === void 0)
      return;
    const [b, p, m] = labels;
    const index = b.counters.providerTokens.index;
    const span = this.span();
    for (const type of TOKEN_COUNT_TYPES) {
      const n = tokens[type];
      if (n !== void 0)
        index.get3(p, m, type).add(n, span);
    }
  }
  /** Counts a failed call by why it failed (a closed set; anything else counts as `other`). */
  providerError(provider, model, errorType2) {
    const labels = this.providerLabels(provider, model, "provider error");
    if (labels === void 0)
      return;
    const [b, p, m] = labels;
    b.counters.providerErrors.index.get3(p, m, isProviderErrorType(errorType2) ? errorType2 : "other").add(1, this.span());
  }
  /** Counts a completed call by why its generation stopped (a closed set). */
  providerFinishReason(provider, model, reason) {
    const labels = this.providerLabels(provider, model, "finish reason");
    if (labels === void 0)
      return;
    const [b, p, m] = labels;
    b.counters.providerFinishReasons.index.get3(p, m, isFinishReason(reason) ? reason : "other").add(1, this.span());
  }
  /** Sets `promptkit_pricing_info{source, version, as_of}` to 1 (once per provider and price data). */
  pricingInfo(source, version, asOf) {
    const cell = this.binding().counters.pricingInfo.index.get3(source, version, asOf);
    if (cell.value === 0)
      cell.add(1);
  }
  providerCost(provider, model, usd2) {
    if (!isAmount(usd2))
      return this.drop("invalid_cost", `provider cost: ${show(usd2)} USD`);
    const labels = this.providerLabels(provider, model, "provider cost");
    if (labels === void 0)
      return;
    const [b, p, m] = labels;
    b.counters.providerCost.index.get2(p, m).add(usd2, this.span());
  }
  /** Time to first token of a streaming call, in seconds. */
  providerTimeToFirstToken(provider, model, seconds3) {
    if (!isAmount(seconds3))
      return this.drop("invalid_duration", `time to first token: ${show(seconds3)}`);
    const labels = this.providerLabels(provider, model, "time to first token");
    if (labels === void 0)
      return;
    const [b, p, m] = labels;
    const h = b.histograms.providerTimeToFirstToken;
    h.record(seconds3, h.attributes.get2(p, m), this.span());
  }
  /** Counts a call whose cost could not be priced; no cost is recorded for it. */
  providerUnpriced(provider, model) {
    const labels = this.providerLabels(provider, model, "unpriced request");
    if (labels === void 0)
      return;
    const [b, p, m] = labels;
    b.counters.providerUnpricedRequests.index.get2(p, m).add(1, this.span());
  }
  toolCall(tool, status, seconds3) {
    if (!isStatus(status))
      return this.drop("invalid_status", `tool ${show(tool)}: status ${show(status)}`);
    if (!isAmount(seconds3))
      return this.drop("invalid_duration", `tool ${show(tool)}: duration ${show(seconds3)}`);
    const b = this.binding();
    const toolLabel = b.limiter.value("tool", tool);
    if (toolLabel === void 0)
      return this.drop("invalid_label", `tool call: tool ${show(tool)}`);
    const span = this.span();
    const h = b.histograms.toolCallDuration;
    h.record(seconds3, h.attributes.get1(toolLabel), span);
    b.counters.toolCalls.index.get2(toolLabel, status).add(1, span);
  }
  validation(validator, validatorType, status, seconds3) {
    if (!isValidationStatus(status))
      return this.drop("invalid_status", `validation ${show(validator)}: status ${show(status)} is not passed or failed`);
    if (!isAmount(seconds3))
      return this.drop("invalid_duration", `validation ${show(validator)}: duration ${show(seconds3)}`);
    const b = this.binding();
    const v = b.limiter.value("validator", validator);
    const t = b.limiter.value("validator_type", validatorType);
    if (v === void 0 || t === void 0)
      return this.drop("invalid_label", `validation: validator ${show(validator)}, type ${show(validatorType)}`);
    const span = this.span();
    const h = b.histograms.validationDuration;
    h.record(seconds3, h.attributes.get2(v, t), span);
    b.counters.validations.index.get3(v, t, status).add(1, span);
  }
  /** The binding and the capped provider and model labels, or undefined (dropped and counted). */
  providerLabels(provider, model, what) {
    const b = this.binding();
    const p = b.limiter.value("provider", provider);
    const m = b.limiter.value("model", model);
    if (p !== void 0 && m !== void 0)
      return [b, p, m];
    this.drop("invalid_label", `${what}: provider ${show(provider)}, model ${show(model)}`);
    return void 0;
  }
};

// packages/metrics/dist/pricing/warn-unpriced.js
import { diag as diag3 } from "@opentelemetry/api";
var MAX_WARNED_MODELS = 100;
var warned = /* @__PURE__ */ new WeakMap();
function warnUnpriced(source, provider, model) {
  let seen = warned.get(source);
  if (seen === void 0)
    warned.set(source, seen = /* @__PURE__ */ new Set());
  if (seen.size > MAX_WARNED_MODELS)
    return;
  const key = `${provider}\0${model}`;
  if (seen.has(key))
    return;
  seen.add(key);
  if (seen.size > MAX_WARNED_MODELS) {
    diag3.warn(`promptkit: more than ${MAX_WARNED_MODELS} models have no price; further ones are counted in promptkit_provider_unpriced_requests_total without a warning`);
    return;
  }
  diag3.warn(`promptkit: no price for model ${show(model)} (provider ${show(provider)}): its calls record no cost and are counted in promptkit_provider_unpriced_requests_total; give its price in USD per million tokens with startMetrics({ pricing: { ${show(model)}: { input, output, cached } } }), or send cost on the event`);
}

// packages/metrics/dist/pricing/record.js
var MAX_PENDING_PRICES = 1e4;
var isCount = (n) => n === void 0 || isAmount(n);
function infoLabels(source) {
  const read = (field2) => safeString(() => source.info[field2]);
  return [read("source"), read("version"), read("asOf")];
}
var ComputedCosts = class {
  recorder;
  source;
  info;
  infoBinding;
  pending = 0;
  waiters = [];
  overflowReported = false;
  constructor(recorder, source) {
    this.recorder = recorder;
    this.source = source;
    this.info = infoLabels(source);
    try {
      this.showInfo();
    } catch (error) {
      reportProblem("pricing info", `promptkit_pricing_info could not be set: ${describeError(error)}`);
    }
  }
  /** Prices one completed call that carries no cost of its own. */
  record(call) {
    const { provider, model, inputTokens, outputTokens } = call;
    if (!isCount(inputTokens) || !isCount(outputTokens) || !isCount(call.cachedTokens) || !isCount(call.cacheWriteTokens) || !isCount(call.reasoningTokens))
      return;
    if ((inputTokens ?? 0) + (outputTokens ?? 0) === 0)
      return;
    if (typeof provider !== "string" || typeof model !== "string")
      return;
    this.showInfo();
    let cost;
    try {
      cost = this.source.price(provider, model, call);
    } catch (error) {
      reportProblem("price source threw", `the price source threw for model ${show(model)}: ${describeError(error)}`);
      return this.unpriced(provider, model);
    }
    if (typeof cost === "number")
      return this.recorder.providerCost(provider, model, cost);
    if (cost !== null && typeof cost === "object" && typeof cost.then === "function")
      return this.later(provider, model, cost);
    this.unpriced(provider, model);
  }
  /** Resolves when every price still being looked up has been recorded. */
  settled() {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
  /** Sets `promptkit_pricing_info` on the MeterProvider in force (again when it changes). */
  showInfo() {
    const binding = this.recorder.binding();
    if (binding === this.infoBinding)
      return;
    this.infoBinding = binding;
    this.recorder.pricingInfo(...this.info);
  }
  unpriced(provider, model) {
    this.recorder.providerUnpriced(provider, model);
    warnUnpriced(this.source, provider, model);
  }
  later(provider, model, cost) {
    if (this.pending >= MAX_PENDING_PRICES) {
      if (!this.overflowReported) {
        this.overflowReported = true;
        reportProblem("pricing pending", `more than ${MAX_PENDING_PRICES} calls are waiting for the price database; further calls while it loads are counted as unpriced`);
      }
      return this.recorder.providerUnpriced(provider, model);
    }
    this.pending++;
    const settle2 = (usd2) => {
      try {
        if (typeof usd2 === "number")
          this.recorder.providerCost(provider, model, usd2);
        else
          this.unpriced(provider, model);
      } catch (error) {
        reportProblem("price settle", `a cost computed later could not be recorded: ${describeError(error)}`);
      } finally {
        if (--this.pending === 0)
          for (const resolve of this.waiters.splice(0))
            resolve();
      }
    };
    Promise.resolve(cost).then(settle2, (error) => {
      reportProblem("price source rejected", `the price source failed for model ${show(model)}: ${describeError(error)}`);
      settle2(void 0);
    });
  }
};

// packages/metrics/dist/semconv/recorder.js
import { metrics as metrics2 } from "@opentelemetry/api";

// packages/metrics/dist/semconv/attributes.js
var ATTR_GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
var ATTR_GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
var ATTR_GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
var ATTR_GEN_AI_RESPONSE_MODEL = "gen_ai.response.model";
var ATTR_SERVER_ADDRESS = "server.address";
var ATTR_SERVER_PORT = "server.port";
var ATTR_ERROR_TYPE = "error.type";
var ERROR_TYPE_VALUE_OTHER = "_OTHER";
var GEN_AI_OPERATION_NAME_VALUE_CHAT = "chat";
var GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS = "embeddings";
var GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC = "anthropic";
var GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK = "aws.bedrock";
var GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE = "azure.ai.inference";
var GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI = "azure.ai.openai";
var GEN_AI_PROVIDER_NAME_VALUE_COHERE = "cohere";
var GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK = "deepseek";
var GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI = "gcp.gemini";
var GEN_AI_PROVIDER_NAME_VALUE_GCP_GEN_AI = "gcp.gen_ai";
var GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI = "gcp.vertex_ai";
var GEN_AI_PROVIDER_NAME_VALUE_GROQ = "groq";
var GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI = "ibm.watsonx.ai";
var GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI = "mistral_ai";
var GEN_AI_PROVIDER_NAME_VALUE_OPENAI = "openai";
var GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY = "perplexity";
var GEN_AI_PROVIDER_NAME_VALUE_X_AI = "x_ai";

// packages/metrics/dist/semconv/conventions.js
var GEN_AI_METER_NAME = "@promptkit/metrics/gen_ai";
var GEN_AI_OPT_IN = "gen_ai_latest_experimental";
var TOKEN_MODALITY_UNKNOWN = "unknown";
var DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
var TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
var usage = (name, help) => ({ name: `gen_ai.client.inference.usage.${name}`, kind: "counter", unit: "{token}", help });
var genAiCatalog = {
  inferenceDuration: {
    name: "gen_ai.client.inference.duration",
    kind: "histogram",
    unit: "s",
    help: "GenAI client inference operation duration.",
    buckets: DURATION_BUCKETS
  },
  timeToFirstChunk: {
    name: "gen_ai.client.inference.time_to_first_chunk",
    kind: "histogram",
    unit: "s",
    help: "Time to receive the first chunk, measured from when the client issues the generation request to when the first chunk is received in the response stream.",
    buckets: DURATION_BUCKETS
  },
  inputTokens: usage("input_tokens", "The number of input (prompt) tokens used, including cached tokens."),
  outputTokens: usage("output_tokens", "The number of output (completion) tokens used, including reasoning tokens."),
  cacheReadTokens: usage("cache_read.input_tokens", "The number of input tokens served from a provider-managed cache."),
  cacheWriteTokens: usage("cache_write.input_tokens", "The number of input tokens written to a provider-managed cache."),
  reasoningTokens: usage("reasoning.output_tokens", "The number of output tokens used for reasoning (e.g. chain-of-thought, extended thinking)."),
  operationInputTokens: {
    name: "gen_ai.client.inference.operation.input_tokens",
    kind: "histogram",
    unit: "{token}",
    help: "The number of input (prompt) tokens used per inference operation.",
    buckets: TOKEN_BUCKETS
  },
  operationOutputTokens: {
    name: "gen_ai.client.inference.operation.output_tokens",
    kind: "histogram",
    unit: "{token}",
    help: "The number of output (completion) tokens used per inference operation.",
    buckets: TOKEN_BUCKETS
  },
  embeddingsDuration: {
    name: "gen_ai.client.embeddings.duration",
    kind: "histogram",
    unit: "s",
    help: "GenAI client embeddings operation duration.",
    buckets: DURATION_BUCKETS
  },
  embeddingsInputTokens: {
    name: "gen_ai.client.embeddings.operation.input_tokens",
    kind: "histogram",
    unit: "{token}",
    help: "The number of input tokens used per embeddings operation.",
    buckets: TOKEN_BUCKETS
  }
};
var genAiMetricDefinitions = Object.values(genAiCatalog);
var USAGE_COUNTERS = [
  ["inputTokens", "inputTokens"],
  ["outputTokens", "outputTokens"],
  ["cachedTokens", "cacheReadTokens"],
  ["cacheWriteTokens", "cacheWriteTokens"],
  ["reasoningTokens", "reasoningTokens"]
];

// packages/metrics/dist/semconv/error-type.js
var MAX_ERROR_TYPES = 50;
var IDENTIFIER = /^[A-Za-z0-9_.:-]{1,64}$/;
function errorType(error) {
  if (error === null || typeof error !== "object")
    return ERROR_TYPE_VALUE_OTHER;
  const { status, statusCode, code, name } = error;
  const http = status ?? statusCode;
  if (typeof http === "number" && Number.isInteger(http) && http >= 100 && http <= 599)
    return String(http);
  if (typeof code === "string" && IDENTIFIER.test(code))
    return code;
  if (typeof name === "string" && name !== "Error" && IDENTIFIER.test(name))
    return name;
  return ERROR_TYPE_VALUE_OTHER;
}

// packages/metrics/dist/semconv/providers.js
var GEN_AI_PROVIDER_NAMES = [
  GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC,
  GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE,
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  GEN_AI_PROVIDER_NAME_VALUE_COHERE,
  GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_GEN_AI,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI,
  GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  GEN_AI_PROVIDER_NAME_VALUE_OPENAI,
  GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY,
  GEN_AI_PROVIDER_NAME_VALUE_X_AI
];
var GEN_AI_PROVIDER_ALIASES = {
  google: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  gemini: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  "google-ai": GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  "google-genai": GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  "google.generative-ai": GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  vertex: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  vertexai: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  "vertex-ai": GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  vertex_ai: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  "google-vertex": GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  "google.vertex": GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  bedrock: GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  "aws-bedrock": GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  "amazon-bedrock": GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  azure: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  "azure-openai": GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  azure_openai: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  "azure-ai-inference": GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE,
  mistral: GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  mistralai: GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  "mistral-ai": GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  xai: GEN_AI_PROVIDER_NAME_VALUE_X_AI,
  "x-ai": GEN_AI_PROVIDER_NAME_VALUE_X_AI,
  watsonx: GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI,
  "ibm-watsonx": GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI
};
var wellKnown = new Set(GEN_AI_PROVIDER_NAMES);
var aliases = new Map(Object.entries(GEN_AI_PROVIDER_ALIASES));
function known(name) {
  return wellKnown.has(name) ? name : aliases.get(name);
}
function genAiProviderName(provider) {
  const name = provider.trim().toLowerCase();
  const direct = known(name);
  if (direct !== void 0)
    return direct;
  for (let dot = name.lastIndexOf("."); dot > 0; dot = name.lastIndexOf(".", dot - 1)) {
    const head = known(name.slice(0, dot));
    if (head !== void 0)
      return head;
  }
  return name;
}

// packages/metrics/dist/semconv/recorder.js
var MAX_DISTINCT = { operations: 20, servers: 20 };
var GenAiInstruments = class {
  histograms = /* @__PURE__ */ new Map();
  counters = /* @__PURE__ */ new Map();
  attributes = /* @__PURE__ */ new Map();
  errorTypes = /* @__PURE__ */ new Set();
  operations = /* @__PURE__ */ new Set();
  servers = /* @__PURE__ */ new Set();
  constructor(meter) {
    for (const [key, definition] of Object.entries(genAiCatalog)) {
      const options = { description: definition.help, unit: definition.unit };
      if (definition.kind === "counter")
        this.counters.set(key, meter.createCounter(definition.name, options));
      else
        this.histograms.set(key, meter.createHistogram(definition.name, { ...options, advice: { explicitBucketBoundaries: [...definition.buckets ?? []] } }));
    }
  }
  /** One attributes object per distinct set (bounded by the caps on each part). */
  get(parts) {
    const key = parts.map(([, v]) => v === void 0 ? "" : String(v)).join("\0");
    let found = this.attributes.get(key);
    if (found === void 0) {
      found = {};
      for (const [name, value] of parts)
        if (value !== void 0)
          found[name] = value;
      this.attributes.set(key, found);
    }
    return found;
  }
};
var instrumentsByProvider = /* @__PURE__ */ new WeakMap();
function capped(seen, value, cap) {
  if (value === void 0 || seen.has(value))
    return value;
  if (seen.size >= cap)
    return void 0;
  seen.add(value);
  return value;
}
var GenAiRecorder = class {
  fixedProvider;
  labelLimits;
  operation;
  provider;
  current;
  limiter;
  constructor(options = {}) {
    this.fixedProvider = options.meterProvider;
    this.labelLimits = options.labelLimits;
    this.operation = options.operationName ?? GEN_AI_OPERATION_NAME_VALUE_CHAT;
  }
  completed(call) {
    const i = this.instruments();
    const base = this.base(i, call);
    if (base === void 0)
      return;
    const withResponse = i.get([...base, [ATTR_GEN_AI_RESPONSE_MODEL, this.limiter.value("model", call.model)]]);
    const embeddings = base[0][1] === GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
    if (isAmount(call.durationMs))
      i.histograms.get(embeddings ? "embeddingsDuration" : "inferenceDuration").record(call.durationMs / 1e3, withResponse);
    if (embeddings) {
      if (isAmount(call.inputTokens))
        i.histograms.get("embeddingsInputTokens").record(call.inputTokens, withResponse);
      return;
    }
    const modality = i.get([...base, [ATTR_GEN_AI_RESPONSE_MODEL, this.limiter.value("model", call.model)], ["gen_ai.token.modality", TOKEN_MODALITY_UNKNOWN]]);
    for (const [count2, counter] of USAGE_COUNTERS) {
      const tokens = call[count2];
      if (isAmount(tokens))
        i.counters.get(counter).add(tokens, modality);
    }
    if (isAmount(call.inputTokens))
      i.histograms.get("operationInputTokens").record(call.inputTokens, withResponse);
    if (isAmount(call.outputTokens))
      i.histograms.get("operationOutputTokens").record(call.outputTokens, withResponse);
    if (call.timeToFirstTokenMs !== void 0 && isAmount(call.timeToFirstTokenMs)) {
      i.histograms.get("timeToFirstChunk").record(call.timeToFirstTokenMs / 1e3, withResponse);
    }
  }
  failed(call) {
    if (!isAmount(call.durationMs))
      return;
    const i = this.instruments();
    const base = this.base(i, call);
    if (base === void 0)
      return;
    const type = capped(i.errorTypes, errorType(call.error), MAX_ERROR_TYPES) ?? ERROR_TYPE_VALUE_OTHER;
    const embeddings = base[0][1] === GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
    i.histograms.get(embeddings ? "embeddingsDuration" : "inferenceDuration").record(call.durationMs / 1e3, i.get([...base, [ATTR_ERROR_TYPE, type]]));
  }
  /** The attributes every GenAI metric of a call carries, or undefined for an unusable provider or model. */
  base(i, call) {
    const limiter = this.limiter;
    const provider = limiter.value("provider", call.provider);
    const requested = limiter.value("model", call.requestModel ?? call.model);
    if (provider === void 0 || requested === void 0)
      return void 0;
    const operation = capped(i.operations, labelValue(call.operation) ?? this.operation, MAX_DISTINCT.operations) ?? this.operation;
    const server = capped(i.servers, labelValue(call.serverAddress), MAX_DISTINCT.servers);
    const port = server !== void 0 && typeof call.serverPort === "number" && Number.isInteger(call.serverPort) ? call.serverPort : void 0;
    return [
      [ATTR_GEN_AI_OPERATION_NAME, operation],
      [ATTR_GEN_AI_PROVIDER_NAME, genAiProviderName(provider)],
      [ATTR_GEN_AI_REQUEST_MODEL, requested],
      [ATTR_SERVER_ADDRESS, server],
      [ATTR_SERVER_PORT, port]
    ];
  }
  /** The instruments (and label limiter) of the MeterProvider in force. */
  instruments() {
    const meterProvider = this.fixedProvider ?? metrics2.getMeterProvider();
    if (meterProvider !== this.provider || this.current === void 0) {
      let instruments = instrumentsByProvider.get(meterProvider);
      if (instruments === void 0)
        instrumentsByProvider.set(meterProvider, instruments = new GenAiInstruments(meterProvider.getMeter(GEN_AI_METER_NAME, METER_VERSION)));
      this.current = instruments;
      this.limiter = bindingFor(meterProvider, this.labelLimits).limiter;
      this.provider = meterProvider;
    }
    return this.current;
  }
};

// packages/metrics/dist/record/metrics-listener.js
function seconds(durationMs) {
  return typeof durationMs === "number" ? durationMs / 1e3 : Number.NaN;
}
var MetricsListener = class {
  recorder;
  costs;
  genAi;
  bound;
  constructor(options = {}) {
    this.recorder = new Recorder(options);
    this.costs = options.pricing === void 0 ? void 0 : new ComputedCosts(this.recorder, options.pricing);
    this.genAi = options.semconv === "gen_ai" ? new GenAiRecorder(options) : void 0;
    this.bound = (event) => this.handle(event);
  }
  /** The listener function to subscribe; the same function every call. */
  listener() {
    return this.bound;
  }
  /**
   * Resolves once every cost still being priced has been recorded (the price database loads on
   * the first call that needs it; calls meanwhile are recorded when it has). Never rejects.
   */
  settled() {
    return this.costs?.settled() ?? Promise.resolve();
  }
  /** Records one event. */
  handle(event) {
    try {
      this.recorder.withSpanOfEvent(() => this.record(event));
    } catch (error) {
      this.recorder.drop("invalid_event", `'${safeString(() => event?.type)}' event could not be read: ${describeError(error)}`);
    }
  }
  record(event) {
    if (event === null || typeof event !== "object")
      return this.recorder.drop("invalid_event", `event is ${String(event)}`);
    const data = event.data;
    if (data === null || typeof data !== "object")
      return this.recorder.drop("invalid_event", `'${safeString(() => event.type)}' event has no data object`);
    const r = this.recorder;
    switch (event.type) {
      case "pipeline.started":
        return r.pipelineStart();
      case "pipeline.completed":
        return r.pipelineEnd("success", seconds(event.data.durationMs), event.type);
      case "pipeline.failed":
        return r.pipelineEnd("error", seconds(event.data.durationMs), event.type);
      case "stage.completed":
      case "stage.failed": {
        const { name, stageType, durationMs } = event.data;
        const status = event.type === "stage.completed" ? "success" : "error";
        r.stageDuration(name, stageType, seconds(durationMs));
        return r.stageElement(name, status);
      }
      case "provider.call.completed": {
        const d = event.data;
        const recorded = r.providerRequest(d.provider, d.model, "success", seconds(d.durationMs));
        const tokens = { input: d.inputTokens, output: d.outputTokens, cached: d.cachedTokens, cache_write: d.cacheWriteTokens, reasoning: d.reasoningTokens };
        if (Object.values(tokens).some((n) => n !== void 0))
          r.providerTokens(d.provider, d.model, tokens);
        const reason = finishReasonOf(d.finishReason);
        if (recorded && reason !== void 0)
          r.providerFinishReason(d.provider, d.model, reason);
        if (d.cost !== void 0)
          r.providerCost(d.provider, d.model, d.cost);
        else
          this.costs?.record(d);
        if (d.timeToFirstTokenMs !== void 0)
          r.providerTimeToFirstToken(d.provider, d.model, seconds(d.timeToFirstTokenMs));
        this.genAi?.completed(d);
        return;
      }
      case "provider.call.failed": {
        const d = event.data;
        if (r.providerRequest(d.provider, d.model, "error", seconds(d.durationMs)))
          r.providerError(d.provider, d.model, d.errorType ?? classifyProviderError(d.error));
        this.genAi?.failed(d);
        return;
      }
      case "tool.call.completed":
        return r.toolCall(event.data.toolName, "success", seconds(event.data.durationMs));
      case "tool.call.failed":
        return r.toolCall(event.data.toolName, "error", seconds(event.data.durationMs));
      case "validation.passed":
      case "validation.failed": {
        const d = event.data;
        const status = event.type === "validation.passed" ? "passed" : "failed";
        return r.validation(d.validatorName, d.validatorType, status, seconds(d.durationMs));
      }
      // Start events carry no measurement; the completion event records the call.
      case "stage.started":
      case "provider.call.started":
      case "tool.call.started":
      case "validation.started":
        return;
      default:
        return r.drop("unknown_event", `unknown event type ${JSON.stringify(safeString(() => event.type)).slice(0, 60)}`);
    }
  }
};

// packages/metrics/dist/record/bound-handles.js
import { metrics as metrics3 } from "@opentelemetry/api";
function closedSet(key, label2) {
  if (label2 === "status")
    return key === "validations" ? VALIDATION_STATUS : STATUS;
  if (label2 === "type")
    return TOKEN_TYPES;
  return void 0;
}
function readLabel(given, label2) {
  try {
    return { value: given[label2] };
  } catch (error) {
    return { reason: "invalid_label", detail: `label ${label2} could not be read (${describeError(error)})` };
  }
}
function handle(binding, recorder, key, definition) {
  const family = binding.counters[key];
  const labels = definition.labels;
  const resolve = (given) => {
    if (given === null || typeof given !== "object")
      return { reason: "invalid_label", detail: `${definition.name}: labels ${show(given)}` };
    const values = [];
    for (const label2 of labels) {
      const read = readLabel(given, label2);
      if ("reason" in read)
        return { reason: read.reason, detail: `${definition.name}: ${read.detail}` };
      const raw = read.value;
      const closed = closedSet(key, label2);
      if (closed !== void 0) {
        if (!closed.includes(raw)) {
          return {
            reason: label2 === "status" ? "invalid_status" : "invalid_label",
            detail: `${definition.name}: ${label2} ${show(raw)} is not one of ${closed.join(", ")}`
          };
        }
        values.push(raw);
      } else {
        const value = binding.limiter.value(label2, raw);
        if (value === void 0)
          return { reason: "invalid_label", detail: `${definition.name}: ${label2} ${show(raw)}` };
        values.push(value);
      }
    }
    return family.index.get(values);
  };
  const reason = key === "providerCost" ? "invalid_cost" : key === "providerTokens" ? "invalid_tokens" : "invalid_event";
  const add2 = (target, n) => {
    if ("reason" in target)
      recorder.drop(target.reason, target.detail);
    else if (isAmount(n))
      target.add(n);
    else
      recorder.drop(reason, `${definition.name}: increment ${show(n)}`);
  };
  return {
    bind(given) {
      const target = resolve(given);
      if ("reason" in target)
        return { inc: () => add2(target, 0) };
      const cell = target;
      return {
        inc(n = 1) {
          if (typeof n === "number" && n >= 0 && n <= MAX_AMOUNT)
            cell.add(n);
          else
            add2(cell, n);
        }
      };
    },
    add(value, given) {
      add2(resolve(given), value);
    }
  };
}
function createPromptKitMetrics(options = {}) {
  const meterProvider = options.meterProvider ?? metrics3.getMeterProvider();
  const binding = bindingFor(meterProvider, options.labelLimits);
  const recorder = new Recorder({ meterProvider, ...options.labelLimits ? { labelLimits: options.labelLimits } : {} });
  const make = (key) => handle(binding, recorder, key, catalog[key]);
  return {
    stageElements: make("stageElements"),
    providerRequests: make("providerRequests"),
    providerTokens: make("providerTokens"),
    providerCost: make("providerCost"),
    toolCalls: make("toolCalls"),
    validations: make("validations")
  };
}
var noopBound = { inc: () => {
} };
var noopHandle = { bind: () => noopBound, add: () => {
} };
var noopPromptKitMetrics = {
  stageElements: noopHandle,
  providerRequests: noopHandle,
  providerTokens: noopHandle,
  providerCost: noopHandle,
  toolCalls: noopHandle,
  validations: noopHandle
};

// packages/meter-provider/dist/callback-tracking.js
import { MeterProvider } from "@opentelemetry/sdk-metrics";
var pendingByProvider = /* @__PURE__ */ new WeakMap();
var TRACKED = Symbol("promptkit.tracked");
function begin(pending, names) {
  for (const name of names)
    pending.set(name, (pending.get(name) ?? 0) + 1);
  let done = false;
  return () => {
    if (done)
      return;
    done = true;
    for (const name of names) {
      const left = (pending.get(name) ?? 1) - 1;
      if (left <= 0)
        pending.delete(name);
      else
        pending.set(name, left);
    }
  };
}
function tracked(pending, names, callback) {
  return (...args) => {
    const end = begin(pending, names);
    try {
      const result = callback(...args);
      if (result !== null && typeof result === "object" && typeof result.then === "function") {
        result.then(end, end);
      } else
        end();
      return result;
    } catch (error) {
      end();
      throw error;
    }
  };
}
function trackInstrument(instrument, name, pending) {
  const observable = instrument;
  const wrappers = /* @__PURE__ */ new WeakMap();
  const add2 = observable.addCallback.bind(observable);
  const remove = observable.removeCallback.bind(observable);
  observable.addCallback = (callback) => {
    const wrapped = tracked(pending, [name], callback);
    wrappers.set(callback, wrapped);
    add2(wrapped);
  };
  observable.removeCallback = (callback) => remove(wrappers.get(callback) ?? callback);
  return instrument;
}
function trackMeter(meter, pending) {
  const marked = meter;
  if (marked[TRACKED])
    return meter;
  marked[TRACKED] = true;
  for (const create2 of ["createObservableCounter", "createObservableUpDownCounter", "createObservableGauge"]) {
    const original = meter[create2].bind(meter);
    meter[create2] = (name, options) => trackInstrument(original(name, options), name, pending);
  }
  const addBatch = meter.addBatchObservableCallback.bind(meter);
  const removeBatch = meter.removeBatchObservableCallback.bind(meter);
  const batchWrappers = /* @__PURE__ */ new WeakMap();
  const names = (observables) => observables.map((o) => o._descriptor?.name ?? "a batch callback");
  meter.addBatchObservableCallback = (callback, observables) => {
    const wrapped = tracked(pending, names(observables), callback);
    batchWrappers.set(callback, wrapped);
    addBatch(wrapped, observables);
  };
  meter.removeBatchObservableCallback = (callback, observables) => removeBatch(batchWrappers.get(callback) ?? callback, observables);
  return meter;
}
var TrackedMeterProvider = class extends MeterProvider {
  pending = /* @__PURE__ */ new Map();
  constructor(options) {
    super(options);
    pendingByProvider.set(this, this.pending);
  }
  getMeter(name, version, options) {
    return trackMeter(super.getMeter(name, version, options), this.pending);
  }
};
function pendingCallbacks(provider) {
  return [...pendingByProvider.get(provider)?.keys() ?? []];
}

// packages/meter-provider/dist/counter-producer.js
import { ValueType } from "@opentelemetry/api";
import { AggregationTemporality, DataPointType, InstrumentType } from "@opentelemetry/sdk-metrics";

// packages/meter-provider/dist/compat.js
function hrTime(ms) {
  const seconds3 = Math.trunc(ms / 1e3);
  return [seconds3, Math.round((ms - seconds3 * 1e3) * 1e6)];
}
function hrTimeToMs(time) {
  return time[0] * 1e3 + time[1] / 1e6;
}
var NO_RESOURCE = {
  attributes: {},
  asyncAttributesPending: false,
  waitForAsyncAttributes: () => Promise.resolve(),
  merge: (other) => other ?? NO_RESOURCE,
  getRawAttributes: () => []
};
function emptyResource() {
  return NO_RESOURCE;
}

// packages/meter-provider/dist/counter-producer.js
var CounterProducer = class {
  source;
  reader;
  /** Per series: the value a delta reader last saw. */
  reported = /* @__PURE__ */ new WeakMap();
  lastCollection;
  /** Connects the cells of a provider PromptKit set up, and the reader this producer serves. */
  attach(source, reader) {
    this.source = source;
    this.reader = reader;
  }
  /** True once the producer serves a reader. */
  get attached() {
    return this.source !== void 0;
  }
  collect() {
    const now = hrTime(Date.now());
    const metrics7 = [];
    const { source, reader } = this;
    if (source !== void 0 && reader !== void 0) {
      for (const family of source.families) {
        const metric2 = this.family(family, reader, now);
        if (metric2 !== void 0)
          metrics7.push(metric2);
      }
    }
    this.lastCollection = now;
    return Promise.resolve({
      resourceMetrics: {
        // The reader keeps the SDK's resource; this one is not used.
        resource: emptyResource(),
        scopeMetrics: metrics7.length > 0 ? [{ scope: { name: METER_NAME, version: METER_VERSION }, metrics: metrics7 }] : []
      },
      errors: []
    });
  }
  family(family, reader, now) {
    const cells = family.index.all;
    if (cells.length === 0)
      return void 0;
    const monotonic = family.definition.kind === "counter";
    const temporality = reader.selectAggregationTemporality(monotonic ? InstrumentType.COUNTER : InstrumentType.UP_DOWN_COUNTER);
    const dataPoints = [];
    if (temporality === AggregationTemporality.DELTA) {
      const startTime = this.lastCollection ?? hrTime(family.startMs);
      for (const cell of cells) {
        const last = this.reported.get(cell);
        if (last === cell.value)
          continue;
        dataPoints.push({ startTime, endTime: now, attributes: cell.attributes, value: cell.value - (last ?? 0) });
        this.reported.set(cell, cell.value);
      }
      if (dataPoints.length === 0)
        return void 0;
    } else {
      const startTime = hrTime(family.startMs);
      for (const cell of cells)
        dataPoints.push({ startTime, endTime: now, attributes: cell.attributes, value: cell.value });
    }
    const { name, help, unit } = family.definition;
    return {
      descriptor: { name, description: help, unit, valueType: ValueType.DOUBLE },
      aggregationTemporality: temporality,
      dataPointType: DataPointType.SUM,
      isMonotonic: monotonic,
      dataPoints
    };
  }
};

// packages/meter-provider/dist/view-selection.js
import { InstrumentType as InstrumentType2 } from "@opentelemetry/sdk-metrics";
function matchesPattern(pattern, name) {
  const source = pattern.replace(/[\\^$.+()|[\]{}]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`).test(name);
}
var TYPES = { counter: InstrumentType2.COUNTER, updowncounter: InstrumentType2.UP_DOWN_COUNTER, histogram: InstrumentType2.HISTOGRAM };
function selects(view, definition) {
  const type = TYPES[definition.kind];
  return (view.instrumentName === void 0 || matchesPattern(view.instrumentName, definition.name)) && (view.instrumentType === void 0 || view.instrumentType === type) && (view.instrumentUnit === void 0 || view.instrumentUnit === definition.unit) && (view.meterName === void 0 || view.meterName === METER_NAME) && (view.meterVersion === void 0 || view.meterVersion === METER_VERSION) && (view.meterSchemaUrl === void 0 || view.meterSchemaUrl === "");
}
function countersSelectedBy(views) {
  const names = [];
  for (const definition of metricDefinitions) {
    if (definition.kind === "histogram")
      continue;
    if (views.some((view) => selects(view, definition)))
      names.push(definition.name);
  }
  return names;
}

// packages/meter-provider/dist/views.js
import { AggregationType } from "@opentelemetry/sdk-metrics";
var HISTOGRAM_MODES = ["classic", "native", "both"];
var DEFAULT_NATIVE_MAX_BUCKETS = 160;
var NATIVE_STREAM_SUFFIX = ":native";
var CARDINALITY_LIMIT = 1e5;
function histogramViews(definition, options) {
  const base = { instrumentName: definition.name, meterName: METER_NAME, aggregationCardinalityLimit: CARDINALITY_LIMIT };
  const classic = {
    ...base,
    name: definition.name,
    aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...definition.buckets ?? []] } }
  };
  const mode = options.histograms ?? "classic";
  if (mode === "classic")
    return [classic];
  const aggregation = {
    type: AggregationType.EXPONENTIAL_HISTOGRAM,
    options: { maxSize: options.nativeHistogramMaxBuckets ?? DEFAULT_NATIVE_MAX_BUCKETS, recordMinMax: true }
  };
  if (mode === "native")
    return [{ ...base, name: definition.name, aggregation }];
  return [classic, { ...base, name: `${definition.name}${NATIVE_STREAM_SUFFIX}`, aggregation }];
}
function promptkitViews(options = {}) {
  const own = metricDefinitions.flatMap((definition) => definition.kind === "histogram" ? histogramViews(definition, options) : [{ instrumentName: definition.name, meterName: METER_NAME, name: definition.name, aggregationCardinalityLimit: CARDINALITY_LIMIT, aggregation: { type: AggregationType.SUM } }]);
  const genAi = genAiMetricDefinitions.map((definition) => ({
    instrumentName: definition.name,
    meterName: GEN_AI_METER_NAME,
    name: definition.name,
    aggregationCardinalityLimit: CARDINALITY_LIMIT,
    aggregation: definition.kind === "histogram" ? { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...definition.buckets ?? []] } } : { type: AggregationType.SUM }
  }));
  return [...own, ...genAi];
}

// packages/meter-provider/dist/setup.js
var producers = /* @__PURE__ */ new WeakMap();
function withCounterProducer(create2) {
  const producer = new CounterProducer();
  const reader = create2([producer]);
  producers.set(reader, producer);
  return reader;
}
function definitionOf(view) {
  return view.meterName === METER_NAME ? metricDefinitions.find((d) => d.name === view.instrumentName) : void 0;
}
function buildMeterProvider(setup) {
  const userViews = setup.views ?? [];
  const provider = new TrackedMeterProvider({
    ...setup.resource !== void 0 ? { resource: setup.resource } : {},
    readers: setup.readers,
    // A View of the application's replaces PromptKit's own View of the same instrument.
    views: [...promptkitViews(setup).filter((own) => !userViews.some((view) => definitionOf(own) !== void 0 && selects(view, definitionOf(own)))), ...userViews]
  });
  const selected = countersSelectedBy(userViews);
  const missing = setup.readers.filter((reader) => !producers.has(reader)).length;
  if (selected.length > 0 || missing > 0) {
    const why = selected.length > 0 ? `a View selects ${selected.slice(0, 3).join(", ")}${selected.length > 3 ? "\u2026" : ""}` : `${missing} reader(s) were not made by PromptKit`;
    reportProblem("counters through instruments", `${why}: PromptKit's counters are recorded through OpenTelemetry instruments on this MeterProvider, so that it applies exactly; scrapes cost more`);
    bindingFor(provider, setup.labelLimits);
    return provider;
  }
  const source = adoptMeterProvider(provider, setup.labelLimits);
  if (source !== void 0)
    for (const reader of setup.readers)
      producers.get(reader).attach(source, reader);
  return provider;
}
function attachMeterProvider(provider, labelLimits) {
  return bindingFor(provider, labelLimits).counterExport;
}

// packages/meter-provider/dist/merge-scopes.js
function mergeScopes(resourceMetrics) {
  if (!Array.isArray(resourceMetrics?.scopeMetrics))
    return resourceMetrics;
  const byScope = /* @__PURE__ */ new Map();
  let merged = false;
  for (const entry of resourceMetrics.scopeMetrics) {
    const { name, version = "", schemaUrl = "" } = entry.scope;
    const key = `${name}\0${version}\0${schemaUrl}`;
    const seen = byScope.get(key);
    if (seen === void 0)
      byScope.set(key, { scope: entry.scope, metrics: [...entry.metrics] });
    else {
      seen.metrics.push(...entry.metrics);
      merged = true;
    }
  }
  return merged ? { resource: resourceMetrics.resource, scopeMetrics: [...byScope.values()] } : resourceMetrics;
}
function nativeForPush(resourceMetrics) {
  if (!Array.isArray(resourceMetrics?.scopeMetrics))
    return resourceMetrics;
  let changed = false;
  const scopeMetrics = resourceMetrics.scopeMetrics.map((scope) => {
    const natives = /* @__PURE__ */ new Set();
    for (const metric2 of scope.metrics) {
      const name = metric2.descriptor.name;
      if (name.endsWith(NATIVE_STREAM_SUFFIX))
        natives.add(name.slice(0, -NATIVE_STREAM_SUFFIX.length));
    }
    if (natives.size === 0)
      return scope;
    changed = true;
    const metrics7 = [];
    for (const metric2 of scope.metrics) {
      const name = metric2.descriptor.name;
      if (natives.has(name))
        continue;
      if (!name.endsWith(NATIVE_STREAM_SUFFIX))
        metrics7.push(metric2);
      else
        metrics7.push({ ...metric2, descriptor: { ...metric2.descriptor, name: name.slice(0, -NATIVE_STREAM_SUFFIX.length) } });
    }
    return { scope: scope.scope, metrics: metrics7 };
  });
  return changed ? { resource: resourceMetrics.resource, scopeMetrics } : resourceMetrics;
}

// packages/meter-provider/dist/option-checks.js
var ConfigError = class extends Error {
  name = "ConfigError";
};
function describeValue(value, secret = false) {
  if (secret)
    return typeof value === "string" ? `a string of ${value.length} characters` : describeType(value);
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}\u2026` : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null)
    return String(value);
  return describeType(value);
}
function describeType(value) {
  if (value === null)
    return "null";
  if (Array.isArray(value))
    return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
function fail(name, value, expected, secret = false) {
  throw new ConfigError(`${name} ${describeValue(value, secret)} is invalid: expected ${expected}`);
}
function isPlainObject(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function checkObject(value, name, keys, example) {
  if (!isPlainObject(value))
    fail(name, value, `an options object such as ${example}`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key))
      throw new ConfigError(`${name} has an unknown option '${key}'; the options are ${keys.join(", ")}`);
  }
  return value;
}
function checkBoolean(value, name) {
  if (value === void 0 || typeof value === "boolean")
    return value;
  return fail(name, value, "true or false");
}
function checkString(value, name, options = {}) {
  if (value === void 0)
    return void 0;
  if (typeof value === "string" && value.trim() !== "")
    return value;
  return fail(name, value, options.expected ?? "a non-empty string", options.secret);
}
function checkInteger(value, name, min, max, unit = "") {
  if (value === void 0)
    return void 0;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max)
    return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  return fail(name, value, `a whole number${unit ? ` of ${unit}` : ""} ${range}`);
}
function checkChoice(value, name, choices) {
  if (value === void 0)
    return void 0;
  if (typeof value === "string" && choices.includes(value))
    return value;
  return fail(name, value, `one of ${choices.map((c) => `'${c}'`).join(", ")}`);
}
function checkStringRecord(value, name) {
  if (value === void 0)
    return void 0;
  if (!isPlainObject(value))
    return fail(name, value, "an object of header names to values, such as { 'x-api-key': '\u2026' }");
  for (const [key, item] of Object.entries(value)) {
    if (key.trim() === "" || /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(key))
      throw new ConfigError(`${name} has an invalid header name ${JSON.stringify(key)}`);
    if (typeof item !== "string")
      throw new ConfigError(`${name}[${JSON.stringify(key)}] is invalid: expected a string value, got ${describeValue(item, true)}`);
  }
  return value;
}

// packages/prometheus/dist/exporter.js
import { metrics as metrics4 } from "@opentelemetry/api";

// packages/prometheus/dist/address.js
var DEFAULT_PORT = 9464;
var DEFAULT_ENDPOINT = "/metrics";
function parseAddress(address) {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(address.trim());
  if (!match) {
    const hint = /^\d{1,5}$/.test(address.trim()) ? ` (did you mean ':${address.trim()}', or the number ${address.trim()}?)` : "";
    throw new Error(`invalid listen address '${address}': expected 'host:port' or ':port' (e.g. ':9090', '127.0.0.1:0', '[::1]:9090')${hint}`);
  }
  const host = match[1] ?? match[2];
  return { host: host === "" ? void 0 : host, port: checkPort(Number(match[3]), address) };
}
function checkPort(port, source = String(port)) {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port in '${source}': expected an integer from 0 to 65535`);
  }
  return port;
}
function checkEndpoint(endpoint) {
  if (!endpoint.startsWith("/") || /[\s?#]/.test(endpoint)) {
    throw new Error(`invalid endpoint '${endpoint}': expected a path such as '/metrics'`);
  }
  return endpoint;
}
function formatHostPort(host, port) {
  if (host === void 0)
    return `:${port}`;
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
function reachableHost(host) {
  if (host === void 0 || host === "0.0.0.0")
    return "127.0.0.1";
  if (host === "::")
    return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

// packages/prometheus/dist/exposition/openmetrics-format.js
init_buckets();

// packages/prometheus/dist/exposition/text-format.js
init_buckets();
var TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
var NEEDS_ESCAPE = /[\\"\n]/;
function escapeLabelValue(value) {
  if (!NEEDS_ESCAPE.test(value))
    return value;
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
function escapeHelp(help) {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}
function formatNumber(value) {
  if (Number.isFinite(value))
    return String(value);
  if (Number.isNaN(value))
    return "NaN";
  return value > 0 ? "+Inf" : "-Inf";
}
function labelText(labels) {
  let out = "";
  for (const [name, value] of labels)
    out += `${name}="${escapeLabelValue(value)}",`;
  return out;
}
function block(pairs) {
  return pairs === "" ? "" : `{${pairs.slice(0, -1)}}`;
}
function histogramLines(name, series) {
  const value = series.value;
  const pairs = labelText(series.labels);
  let out = "";
  for (const row of bucketRows(value))
    out += `${name}_bucket{${pairs}le="${formatNumber(row.upperBound)}"} ${row.cumulative}
`;
  const labels = block(pairs);
  if (value.sum !== void 0)
    out += `${name}_sum${labels} ${formatNumber(value.sum)}
`;
  return `${out}${name}_count${labels} ${value.count}
`;
}
function renderText(families) {
  let out = "";
  for (const family of families) {
    const help = family.help.trim() === "" ? family.name : family.help;
    out += `# HELP ${family.name} ${escapeHelp(help)}
# TYPE ${family.name} ${family.type}
`;
    if (family.type === "histogram") {
      for (const series of family.series)
        out += histogramLines(family.name, series);
    } else {
      for (const series of family.series)
        out += `${family.name}${block(labelText(series.labels))} ${formatNumber(series.value)}
`;
    }
  }
  return out;
}

// packages/prometheus/dist/exposition/openmetrics-format.js
var OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
function escapeHelp2(help) {
  return help.replace(/[\\"\n]/g, (c) => c === "\n" ? "\\n" : `\\${c}`);
}
function canonicalNumber(value) {
  if (!Number.isFinite(value))
    return formatNumber(value);
  const text2 = String(value).replace(/e([+-])(\d)$/, "e$10$2");
  return /[.e]/.test(text2) ? text2 : `${text2}.0`;
}
function seconds2(ms) {
  return (ms / 1e3).toFixed(3);
}
function block2(pairs) {
  return pairs === "" ? "" : `{${pairs.slice(0, -1)}}`;
}
function exemplarText(exemplar2) {
  if (exemplar2 === void 0)
    return "";
  return ` # {trace_id="${escapeLabelValue(exemplar2.traceId)}",span_id="${escapeLabelValue(exemplar2.spanId)}"} ${formatNumber(exemplar2.value)} ${seconds2(exemplar2.timeMs)}`;
}
function counterLines(name, series, created) {
  const labels = block2(labelText(series.labels));
  let out = `${name}_total${labels} ${formatNumber(series.value)}${exemplarText(series.exemplars?.latest)}
`;
  if (created && series.startMs > 0)
    out += `${name}_created${labels} ${seconds2(series.startMs)}
`;
  return out;
}
function histogramLines2(name, series, created) {
  const value = series.value;
  const pairs = labelText(series.labels);
  const labels = block2(pairs);
  let out = "";
  for (const row of bucketRows(value, series.exemplars)) {
    out += `${name}_bucket{${pairs}le="${canonicalNumber(row.upperBound)}"} ${row.cumulative}${exemplarText(row.exemplar)}
`;
  }
  if (value.sum !== void 0)
    out += `${name}_sum${labels} ${formatNumber(value.sum)}
${name}_count${labels} ${value.count}
`;
  if (created && series.startMs > 0)
    out += `${name}_created${labels} ${seconds2(series.startMs)}
`;
  return out;
}
function familyName(family) {
  return family.type === "counter" ? family.name.slice(0, -"_total".length) : family.name;
}
function renderOpenMetrics(families, options = {}) {
  const taken = new Set(families.map((f) => f.name));
  let out = "";
  for (const family of families) {
    if (family.name === "target_info" && !taken.has("target")) {
      out += `# TYPE target info
# HELP target ${escapeHelp2(family.help)}
`;
      for (const series of family.series)
        out += `target_info${block2(labelText(series.labels))} 1
`;
      continue;
    }
    const counter = family.type === "counter" && family.name.endsWith("_total") && !taken.has(familyName(family));
    const name = counter ? familyName(family) : family.name;
    const type = counter || family.type !== "counter" ? family.type : "unknown";
    const created = options.createdSamples === true && !taken.has(`${name}_created`);
    out += `# TYPE ${name} ${type}
`;
    if (family.unit !== "" && name.endsWith(`_${family.unit}`))
      out += `# UNIT ${name} ${family.unit}
`;
    out += `# HELP ${name} ${escapeHelp2(family.help.trim() === "" ? name : family.help)}
`;
    for (const series of family.series) {
      if (counter)
        out += counterLines(name, series, created);
      else if (type === "histogram")
        out += histogramLines2(name, series, created);
      else
        out += `${name}${block2(labelText(series.labels))} ${formatNumber(series.value)}
`;
    }
  }
  return `${out}# EOF
`;
}

// packages/prometheus/dist/exposition/formats.js
var TEXT_FORMAT = { id: "text", contentType: TEXT_CONTENT_TYPE, render: renderText };
var OPENMETRICS_FORMAT = { id: "openmetrics", contentType: `${OPENMETRICS_CONTENT_TYPE}; escaping=underscores`, render: (f) => renderOpenMetrics(f) };
var OPENMETRICS_CREATED_FORMAT = { ...OPENMETRICS_FORMAT, id: "openmetrics+created", render: (f) => renderOpenMetrics(f, { createdSamples: true }) };
var PROTOBUF_TYPE = "application/vnd.google.protobuf";
var PROTOBUF_PROTO = "io.prometheus.client.MetricFamily";
var protobuf;
var protobufLoaded;
function loadProtobufFormat() {
  protobuf ??= Promise.resolve().then(() => (init_protobuf_format(), protobuf_format_exports)).then(({ renderProtobuf: renderProtobuf2, PROTOBUF_CONTENT_TYPE: PROTOBUF_CONTENT_TYPE2 }) => protobufLoaded = { id: "protobuf", contentType: `${PROTOBUF_CONTENT_TYPE2}; escaping=underscores`, render: renderProtobuf2 }, () => void 0);
  return protobuf;
}
var PROTOBUF_PACKAGE = "@bufbuild/protobuf@^2.5.0";
async function checkNativeServing(histograms, option) {
  if (histograms === "classic" || await loadProtobufFormat() !== void 0)
    return;
  throw new ConfigError(`${option}: '${histograms}' serves native histograms in Prometheus' protobuf format, which needs the optional dependency @bufbuild/protobuf: npm install ${PROTOBUF_PACKAGE}`);
}
function mayWantProtobuf(accept) {
  return accept !== void 0 && accept.toLowerCase().includes(PROTOBUF_TYPE);
}
function parseAccept(accept) {
  const ranges = [];
  for (const part of accept.split(",")) {
    const [type = "", ...rest] = part.split(";");
    const params = /* @__PURE__ */ new Map();
    for (const p of rest) {
      const eq = p.indexOf("=");
      if (eq > 0)
        params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1"));
    }
    const q = params.has("q") ? Number(params.get("q")) : 1;
    ranges.push({ type: type.trim().toLowerCase(), params, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges;
}
function formatFor(range, options) {
  const version = range.params.get("version");
  switch (range.type) {
    case PROTOBUF_TYPE:
      return range.params.get("proto") === PROTOBUF_PROTO && range.params.get("encoding") === "delimited" ? protobufLoaded : void 0;
    case "application/openmetrics-text":
      if (version !== void 0 && version !== "1.0.0" && version !== "0.0.1")
        return void 0;
      return options.openMetricsCreatedSamples === true ? OPENMETRICS_CREATED_FORMAT : OPENMETRICS_FORMAT;
    case "text/plain":
      return version === void 0 || version === "0.0.4" || version === "1.0.0" ? TEXT_FORMAT : void 0;
    case "*/*":
    case "text/*":
      return TEXT_FORMAT;
    default:
      return void 0;
  }
}
function negotiate(accept, options = {}) {
  if (accept === void 0 || accept === "")
    return TEXT_FORMAT;
  let best;
  let bestQ = 0;
  for (const range of parseAccept(accept)) {
    if (!(range.q > bestQ))
      continue;
    const format = formatFor(range, options);
    if (format === void 0)
      continue;
    best = format;
    bestQ = range.q;
  }
  return best ?? TEXT_FORMAT;
}

// packages/prometheus/dist/options.js
import { readFileSync } from "node:fs";
var KEYS = [
  "host",
  "port",
  "endpoint",
  "bearerToken",
  "basicAuth",
  "tls",
  "withScopeLabels",
  "withTargetInfo",
  "ownMeterProvider",
  "labelLimits",
  "headersTimeoutMs",
  "requestTimeoutMs",
  "idleTimeoutMs",
  "collectTimeoutMs",
  "maxConcurrentScrapes",
  "compression",
  "openMetricsCreatedSamples",
  "histograms",
  "nativeHistogramMaxBuckets"
];
var DAY_MS = 864e5;
function basicAuthOf(value, name) {
  if (value === void 0)
    return void 0;
  const given = checkObject(value, name, ["username", "password"], "{ username: 'prometheus', password: '\u2026' }");
  const username = checkString(given.username, `${name}.username`, { expected: "a non-empty user name" });
  if (username === void 0)
    throw new ConfigError(`${name}.username is missing: expected a non-empty user name`);
  if (username.includes(":"))
    throw new ConfigError(`${name}.username must not contain ':' (HTTP basic authentication separates the password with it)`);
  const password = checkString(given.password, `${name}.password`, { secret: true, expected: "a non-empty password" });
  if (password === void 0)
    throw new ConfigError(`${name}.password is missing: expected a non-empty password`);
  return { username, password };
}
function readPem(value, name) {
  if (value.includes("-----BEGIN"))
    return value;
  try {
    return readFileSync(value, "utf8");
  } catch (error) {
    throw new ConfigError(`${name}: cannot read the PEM file ${JSON.stringify(value)} (${error.code ?? "error"})`);
  }
}
function tlsOf(value, name) {
  if (value === void 0)
    return void 0;
  const given = checkObject(value, name, ["key", "cert"], "{ key: 'server.key', cert: 'server.crt' }");
  const key = checkString(given.key, `${name}.key`, { secret: true, expected: "a PEM private key or its file path" });
  const cert = checkString(given.cert, `${name}.cert`, { expected: "a PEM certificate or its file path" });
  if (key === void 0 || cert === void 0)
    throw new ConfigError(`${name} needs both key and cert (PEM contents or file paths)`);
  return { key: readPem(key, `${name}.key`), cert: readPem(cert, `${name}.cert`) };
}
function resolveExporterOptions(address, name = "PrometheusExporter options") {
  let given;
  if (address === void 0)
    given = {};
  else if (typeof address === "string") {
    try {
      given = { ...parseAddress(address) };
    } catch (error) {
      throw new ConfigError(`${name}: ${error.message}`);
    }
  } else if (typeof address === "number")
    given = { port: address };
  else if (isPlainObject(address))
    given = checkObject(address, name, KEYS, "{ host: '127.0.0.1', port: 9464 }");
  else
    throw new ConfigError(`${name} ${describeValue(address)} is invalid: expected an address such as ':9090', a port number, or an options object`);
  const problem = given.labelLimits === void 0 ? void 0 : labelLimitsProblem(given.labelLimits);
  if (problem !== void 0)
    throw new ConfigError(`${name}.labelLimits is invalid: ${problem}`);
  const host = given.host === "" ? void 0 : checkString(given.host, `${name}.host`, { expected: "a host name or IP address to bind" });
  let endpoint = DEFAULT_ENDPOINT;
  if (given.endpoint !== void 0) {
    const path = checkString(given.endpoint, `${name}.endpoint`, { expected: "a path such as '/metrics'" });
    try {
      endpoint = checkEndpoint(path);
    } catch (error) {
      throw new ConfigError(`${name}.endpoint: ${error.message}`);
    }
  }
  return {
    host,
    port: checkInteger(given.port, `${name}.port`, 0, 65535) ?? DEFAULT_PORT,
    endpoint,
    bearerToken: checkString(given.bearerToken, `${name}.bearerToken`, { secret: true, expected: "a non-empty token" }),
    basicAuth: basicAuthOf(given.basicAuth, `${name}.basicAuth`),
    tls: tlsOf(given.tls, `${name}.tls`),
    withScopeLabels: checkBoolean(given.withScopeLabels, `${name}.withScopeLabels`) ?? false,
    withTargetInfo: checkBoolean(given.withTargetInfo, `${name}.withTargetInfo`) ?? false,
    ownMeterProvider: checkBoolean(given.ownMeterProvider, `${name}.ownMeterProvider`) ?? true,
    labelLimits: given.labelLimits,
    headersTimeoutMs: checkInteger(given.headersTimeoutMs, `${name}.headersTimeoutMs`, 1, DAY_MS, "milliseconds") ?? 1e4,
    requestTimeoutMs: checkInteger(given.requestTimeoutMs, `${name}.requestTimeoutMs`, 1, DAY_MS, "milliseconds") ?? 3e4,
    idleTimeoutMs: checkInteger(given.idleTimeoutMs, `${name}.idleTimeoutMs`, 1, DAY_MS, "milliseconds") ?? 1e4,
    collectTimeoutMs: checkInteger(given.collectTimeoutMs, `${name}.collectTimeoutMs`, 1, DAY_MS, "milliseconds") ?? 5e3,
    maxConcurrentScrapes: checkInteger(given.maxConcurrentScrapes, `${name}.maxConcurrentScrapes`, 1, 1e4) ?? 8,
    compression: checkBoolean(given.compression, `${name}.compression`) ?? true,
    openMetricsCreatedSamples: checkBoolean(given.openMetricsCreatedSamples, `${name}.openMetricsCreatedSamples`) ?? false,
    histograms: checkChoice(given.histograms, `${name}.histograms`, HISTOGRAM_MODES) ?? "classic",
    nativeHistogramMaxBuckets: checkInteger(given.nativeHistogramMaxBuckets, `${name}.nativeHistogramMaxBuckets`, 2, 16384) ?? DEFAULT_NATIVE_MAX_BUCKETS
  };
}

// packages/prometheus/dist/reader.js
import { AggregationTemporality as AggregationTemporality2, MetricReader } from "@opentelemetry/sdk-metrics";
var PrometheusReader = class extends MetricReader {
  constructor(metricProducers = []) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality2.CUMULATIVE, metricProducers });
  }
  async onForceFlush() {
  }
  async onShutdown() {
  }
};

// packages/prometheus/dist/scrape.js
import { gzip } from "node:zlib";
import { promisify } from "node:util";

// packages/prometheus/dist/exposition/metric-names.js
var UNITS = {
  d: "days",
  h: "hours",
  min: "minutes",
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
  By: "bytes",
  KiBy: "kibibytes",
  MiBy: "mebibytes",
  GiBy: "gibibytes",
  TiBy: "tibibytes",
  KBy: "kilobytes",
  MBy: "megabytes",
  GBy: "gigabytes",
  TBy: "terabytes",
  m: "meters",
  V: "volts",
  A: "amperes",
  J: "joules",
  W: "watts",
  g: "grams",
  Cel: "celsius",
  Hz: "hertz",
  "1": "",
  "%": "percent"
};
var PER_UNITS = { s: "second", m: "minute", h: "hour", d: "day", w: "week", mo: "month", y: "year" };
var NAME_CHAR = /[a-zA-Z0-9:]/;
function words(name) {
  const out = [];
  let current = "";
  for (const char of name) {
    if (NAME_CHAR.test(char))
      current += char;
    else if (current !== "") {
      out.push(current);
      current = "";
    }
  }
  if (current !== "")
    out.push(current);
  return out;
}
function cleanUnit(unit) {
  let out = "";
  for (const char of unit)
    out += NAME_CHAR.test(char) ? char : "_";
  out = out.replace(/__+/g, "_");
  return out.startsWith("_") ? out.slice(1) : out;
}
function unitWords(unit) {
  const slash = unit.indexOf("/");
  const mainPart = (slash < 0 ? unit : unit.slice(0, slash)).trim();
  const perPart = slash < 0 ? "" : unit.slice(slash + 1).trim();
  const main = mainPart !== "" && !/[{}]/.test(mainPart) ? UNITS[mainPart] ?? mainPart : "";
  const perWord = perPart !== "" && !/[{}]/.test(perPart) ? PER_UNITS[perPart] ?? perPart : "";
  return [cleanUnit(main), perWord === "" ? "" : cleanUnit(`per_${perWord}`)];
}
var cache = /* @__PURE__ */ new Map();
function metricName(name, unit, type) {
  const key = `${type}\0${unit}\0${name}`;
  const hit = cache.get(key);
  if (hit !== void 0)
    return hit;
  let tokens = words(name);
  let [main, per] = unitWords(unit);
  if (tokens.includes(main))
    main = "";
  if (per === "per_")
    per = "";
  else {
    if (per.endsWith("_"))
      per = per.slice(0, -1);
    if (tokens.includes(per))
      per = "";
  }
  if (per !== "" && main.endsWith("_"))
    main = main.slice(0, -1);
  if (main !== "")
    tokens.push(main);
  if (per !== "")
    tokens.push(per);
  if (type === "counter")
    tokens = [...tokens.filter((t) => t !== "total"), "total"];
  if (unit === "1" && type === "gauge")
    tokens = [...tokens.filter((t) => t !== "ratio"), "ratio"];
  let result = tokens.join("_");
  if (/^[0-9]/.test(result))
    result = `_${result}`;
  if (/^_*$/.test(result) || type === "counter" && result === "total")
    result = "";
  if (cache.size < 1e4)
    cache.set(key, result);
  return result;
}
function unitName(unit) {
  const [main, per] = unitWords(unit);
  return [main, per === "per_" ? "" : per].filter((w) => w !== "").join("_").replace(/^_+|_+$/g, "");
}

// packages/prometheus/dist/exposition/model.js
import { DataPointType as DataPointType4 } from "@opentelemetry/sdk-metrics";

// packages/prometheus/dist/exposition/label-names.js
var cache2 = /* @__PURE__ */ new Map();
function labelName(key) {
  const hit = cache2.get(key);
  if (hit !== void 0)
    return hit;
  let name = key.replace(/[^a-zA-Z0-9]/g, "_").replace(/__+/g, "_");
  if (/^[0-9]/.test(name))
    name = `key_${name}`;
  if (/^_*$/.test(name))
    name = "";
  if (cache2.size < 1e4)
    cache2.set(key, name);
  return name;
}
function labelValue2(value) {
  if (typeof value === "string")
    return value;
  if (Array.isArray(value)) {
    try {
      return JSON.stringify(value);
    } catch {
      return "";
    }
  }
  return String(value);
}
function labelPairs(attributes, extra, reserved, repairs) {
  const keys = Object.keys(attributes);
  if (extra.length === 0 && keys.every((k) => k !== "" && labelName(k) === k && !reserved.has(k))) {
    const out = [];
    for (const key of keys) {
      const value = attributes[key];
      const text2 = value === void 0 ? "" : labelValue2(value);
      if (text2 !== "")
        out.push([key, text2]);
    }
    return out;
  }
  const sources = extra.map(([name, value]) => [name, name, value]);
  for (const key of keys) {
    const value = attributes[key];
    if (value === void 0)
      continue;
    let name = labelName(key);
    if (name === "") {
      repairs?.dropped.push(key);
      continue;
    }
    if (reserved.has(name)) {
      repairs?.renamed.push(key);
      name = `key_${name}`;
    }
    sources.push([key, name, labelValue2(value)]);
  }
  sources.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const byName = /* @__PURE__ */ new Map();
  for (const [key, name, value] of sources) {
    const seen = byName.get(name);
    if (seen === void 0)
      byName.set(name, value);
    else {
      byName.set(name, `${seen};${value}`);
      repairs?.merged.push(key);
    }
  }
  return [...byName].filter(([, value]) => value !== "");
}

// packages/prometheus/dist/exposition/native-streams.js
import { DataPointType as DataPointType2 } from "@opentelemetry/sdk-metrics";
function attributesKey(attributes) {
  return JSON.stringify(Object.keys(attributes).sort().map((k) => [k, attributes[k]]));
}
var NONE = { attached: /* @__PURE__ */ new Set(), exponentialOf: () => void 0 };
function pairNativeStreams(scopeMetrics, scopes) {
  const pairs = /* @__PURE__ */ new Map();
  const attached = /* @__PURE__ */ new Set();
  for (const { scope, metrics: metrics7 } of scopeMetrics) {
    if (scopes?.has(scope.name) !== true)
      continue;
    const byName = new Map(metrics7.map((m) => [m.descriptor.name, m]));
    for (const metric2 of metrics7) {
      const name = metric2.descriptor.name;
      if (!name.endsWith(NATIVE_STREAM_SUFFIX) || metric2.dataPointType !== DataPointType2.EXPONENTIAL_HISTOGRAM)
        continue;
      const classic = byName.get(name.slice(0, -NATIVE_STREAM_SUFFIX.length));
      if (classic?.dataPointType !== DataPointType2.HISTOGRAM)
        continue;
      const points = metric2.dataPoints;
      pairs.set(classic, { byObject: new Map(points.map((p) => [p.attributes, p.value])), byKey: void 0, points });
      attached.add(metric2);
    }
  }
  if (pairs.size === 0)
    return NONE;
  return {
    attached,
    exponentialOf(classic, attributes) {
      const pairing = pairs.get(classic);
      if (pairing === void 0)
        return void 0;
      const same = pairing.byObject.get(attributes);
      if (same !== void 0)
        return same;
      pairing.byKey ??= new Map(pairing.points.map((p) => [attributesKey(p.attributes), p.value]));
      return pairing.byKey.get(attributesKey(attributes));
    }
  };
}

// packages/prometheus/dist/exposition/series-values.js
import { DataPointType as DataPointType3 } from "@opentelemetry/sdk-metrics";

// packages/prometheus/dist/exposition/native-histogram.js
var SCHEMA_MIN = -4;
var SCHEMA_MAX = 8;
var DEFAULT_ZERO_THRESHOLD = 1e-128;
var MAX_FILLED_GAP = 2;
function bucketLayout(counts, offset, scaleDown) {
  const spans2 = [];
  const deltas = [];
  let previousIndex = 0;
  let previousCount = 0;
  const write = (index2, count3) => {
    const gap = spans2.length === 0 ? Infinity : index2 - previousIndex - 1;
    if (gap > MAX_FILLED_GAP) {
      spans2.push({ offset: spans2.length === 0 ? index2 : gap, length: 0 });
    } else {
      for (let g = 0; g < gap; g++) {
        deltas.push(0 - previousCount);
        previousCount = 0;
        spans2[spans2.length - 1].length++;
      }
    }
    deltas.push(count3 - previousCount);
    spans2[spans2.length - 1].length++;
    previousIndex = index2;
    previousCount = count3;
  };
  let index = Number.NaN;
  let count2 = 0;
  for (let i = 0; i < counts.length; i++) {
    const merged = Math.floor((offset + i) / 2 ** scaleDown) + 1;
    if (merged !== index) {
      if (count2 > 0)
        write(index, count2);
      index = merged;
      count2 = 0;
    }
    count2 += counts[i] ?? 0;
  }
  if (count2 > 0)
    write(index, count2);
  return { spans: spans2, deltas };
}
function nativeHistogram(value) {
  if (value.scale < SCHEMA_MIN)
    return void 0;
  const scaleDown = Math.max(0, value.scale - SCHEMA_MAX);
  return {
    schema: value.scale - scaleDown,
    zeroThreshold: DEFAULT_ZERO_THRESHOLD,
    zeroCount: value.zeroCount,
    positive: bucketLayout(value.positive.bucketCounts, value.positive.offset, scaleDown),
    negative: bucketLayout(value.negative.bucketCounts, value.negative.offset, scaleDown)
  };
}

// packages/prometheus/dist/exposition/series-values.js
var RESERVED = /* @__PURE__ */ new Set(["le", "quantile"]);
function nativeOf(value, problems) {
  if (value.sum === void 0) {
    problems.add("exponential histograms without a sum (negative values recorded) are served without native buckets");
    return void 0;
  }
  const native = nativeHistogram(value);
  if (native === void 0)
    problems.add(`exponential histograms of a scale below ${SCHEMA_MIN} (too few buckets allowed) are served without native buckets`);
  return native;
}
function seriesOf(point, context2) {
  const labels = labelPairs(point.attributes, context2.scopeLabels, RESERVED, context2.repairs);
  const startMs = hrTimeToMs(point.startTime);
  const { metric: metric2 } = context2;
  const attributes = point.attributes;
  switch (metric2.dataPointType) {
    case DataPointType3.HISTOGRAM: {
      const { count: count2, sum, buckets } = point.value;
      const exponential = context2.streams.exponentialOf(metric2, attributes);
      const native = exponential === void 0 ? void 0 : nativeOf(exponential, context2.nativeProblems);
      const classic = { boundaries: buckets.boundaries, counts: buckets.counts };
      return { labels, startMs, value: { count: count2, sum, classic, exponential, native }, exemplars: exemplarsOf(attributes) };
    }
    case DataPointType3.EXPONENTIAL_HISTOGRAM: {
      const value = point.value;
      const native = nativeOf(value, context2.nativeProblems);
      return { labels, startMs, value: { count: value.count, sum: value.sum, classic: void 0, exponential: value, native }, exemplars: exemplarsOf(attributes) };
    }
    case DataPointType3.SUM:
      return { labels, startMs, value: point.value, exemplars: metric2.isMonotonic ? exemplarsOf(attributes) : void 0 };
    default:
      return { labels, startMs, value: point.value };
  }
}

// packages/prometheus/dist/exposition/model.js
function familyType(metric2) {
  switch (metric2.dataPointType) {
    case DataPointType4.SUM:
      return metric2.isMonotonic ? ["counter", "counter"] : ["gauge", "updowncounter"];
    case DataPointType4.GAUGE:
      return ["gauge", "gauge"];
    case DataPointType4.HISTOGRAM:
    case DataPointType4.EXPONENTIAL_HISTOGRAM:
      return ["histogram", "histogram"];
    default:
      return void 0;
  }
}
function group(resourceMetrics, streams, options, problems) {
  const families = /* @__PURE__ */ new Map();
  for (const { scope, metrics: metrics7 } of resourceMetrics.scopeMetrics) {
    for (const metric2 of metrics7) {
      if (streams.attached.has(metric2))
        continue;
      const types = familyType(metric2);
      if (types === void 0)
        continue;
      const name = metricName(metric2.descriptor.name, metric2.descriptor.unit, types[1]);
      if (name === "") {
        problems.push({ key: `${scope.name} ${metric2.descriptor.name}`, message: `metric '${metric2.descriptor.name}' of scope '${scope.name}' has no usable Prometheus name and is not served` });
        continue;
      }
      const contribution = { scopeName: scope.name, scopeVersion: scope.version ?? "", metric: metric2, type: types[0] };
      const list = families.get(name);
      if (list === void 0)
        families.set(name, [contribution]);
      else
        list.push(contribution);
    }
  }
  for (const [name, list] of families)
    if (list.length > 1 || options.reservedNames?.has(name) === true)
      families.set(name, admit(name, list, options, problems));
  separateHistogramSamples(families, options, problems);
  return families;
}
function notServed(c, why) {
  return { key: `${c.scopeName} ${c.metric.descriptor.name}`, message: `metric '${c.metric.descriptor.name}' of scope '${c.scopeName}' ${why}; it is not served` };
}
var HISTOGRAM_SAMPLES = ["_bucket", "_count", "_sum"];
function separateHistogramSamples(families, options, problems) {
  const isProtected = (list) => list.some((c) => options.protectedScopes?.has(c.scopeName) === true);
  for (const [name, histogram2] of families) {
    if (histogram2[0]?.type !== "histogram")
      continue;
    for (const suffix of HISTOGRAM_SAMPLES) {
      const other = families.get(`${name}${suffix}`);
      if (other === void 0)
        continue;
      if (isProtected(other) && !isProtected(histogram2)) {
        for (const c of histogram2)
          problems.push(notServed(c, `would name its samples like family ${name}${suffix}`));
        families.delete(name);
        break;
      }
      for (const c of other)
        problems.push(notServed(c, `would write into the samples of histogram ${name}`));
      families.delete(`${name}${suffix}`);
    }
  }
}
function admit(name, list, options, problems) {
  const ownerScope = options.reservedNames?.get(name) ?? list.find((c) => options.protectedScopes?.has(c.scopeName))?.scopeName;
  const type = (list.find((c) => c.scopeName === ownerScope) ?? list[0]).type;
  const admitted = [];
  for (const c of list) {
    const why = ownerScope !== void 0 && c.scopeName !== ownerScope ? `would write into PromptKit's family ${name}` : c.type !== type ? `would make ${name} both a ${type} and a ${c.type}` : admitted.some((a) => a.scopeName === c.scopeName) ? `has the same Prometheus name (${name}) as another metric of its scope` : void 0;
    if (why === void 0)
      admitted.push(c);
    else
      problems.push(notServed(c, why));
  }
  return admitted;
}
function buildFamilies(resourceMetrics, options = {}, problems = []) {
  const out = [];
  const streams = pairNativeStreams(resourceMetrics.scopeMetrics, options.protectedScopes);
  const grouped = group(resourceMetrics, streams, options, problems);
  let target;
  if (options.targetInfo !== void 0) {
    const repairs = { merged: [], dropped: [], renamed: [], duplicates: 0 };
    const labels = labelPairs(options.targetInfo, [], RESERVED, repairs);
    target = { name: "target_info", type: "gauge", help: "Target metadata", unit: "", series: [{ labels, startMs: 0, value: 1 }] };
    for (const c of grouped.get("target_info") ?? [])
      problems.push({ key: `${c.scopeName} ${c.metric.descriptor.name}`, message: `metric '${c.metric.descriptor.name}' of scope '${c.scopeName}' would write into target_info; it is not served` });
    grouped.delete("target_info");
  }
  for (const [name, contributions] of grouped) {
    const first = contributions[0];
    const withScope = options.withScopeLabels === true || contributions.length > 1;
    const series = [];
    const seen = /* @__PURE__ */ new Set();
    for (const contribution of contributions) {
      const scopeLabels = withScope ? [["otel_scope_name", contribution.scopeName], ["otel_scope_version", contribution.scopeVersion]] : [];
      const repairs = { merged: [], dropped: [], renamed: [], duplicates: 0 };
      const context2 = { metric: contribution.metric, scopeLabels, repairs, streams, nativeProblems: /* @__PURE__ */ new Set() };
      for (const point of contribution.metric.dataPoints) {
        const s = seriesOf(point, context2);
        const identity = s.labels.map(([k, v]) => `${k}\0${v}`).join("");
        if (seen.has(identity)) {
          repairs.duplicates++;
          continue;
        }
        seen.add(identity);
        series.push(s);
      }
      const fixes = [
        repairs.merged.length > 0 ? `merged attributes ${[...new Set(repairs.merged)].join(", ")} into labels they share a name with` : "",
        repairs.dropped.length > 0 ? `dropped attributes with no usable label name (${[...new Set(repairs.dropped)].map((k) => JSON.stringify(k)).join(", ")})` : "",
        repairs.renamed.length > 0 ? `renamed attributes ${[...new Set(repairs.renamed)].join(", ")} that collide with reserved labels to key_\u2026` : "",
        repairs.duplicates > 0 ? `left out ${repairs.duplicates} series whose labels repeat another series' once written` : "",
        ...context2.nativeProblems
      ].filter((f) => f !== "");
      if (fixes.length > 0) {
        const key = `${contribution.scopeName} ${contribution.metric.descriptor.name}`;
        problems.push({ key, message: `metric '${contribution.metric.descriptor.name}' of scope '${contribution.scopeName}': ${fixes.join("; ")}` });
      }
    }
    if (series.length === 0)
      continue;
    out.push({ name, type: first.type, help: first.metric.descriptor.description, unit: unitName(first.metric.descriptor.unit), series });
  }
  out.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return target === void 0 ? out : [target, ...out];
}

// packages/prometheus/dist/scrape.js
var gzipAsync = promisify(gzip);
var PROTECTED_SCOPES = /* @__PURE__ */ new Set([METER_NAME, GEN_AI_METER_NAME]);
var PROMPTKIT_FAMILIES = new Map(metricDefinitions.map((d) => [metricName(d.name, d.unit, d.kind), METER_NAME]));
var MAX_REPORTED = 1e3;
function isTimeout(error) {
  return error instanceof Error && (error.name === "TimeoutError" || error.constructor.name === "TimeoutError");
}
var Scraper = class {
  reader;
  options;
  provider;
  current;
  reported = /* @__PURE__ */ new Set();
  constructor(reader, options, provider) {
    this.reader = reader;
    this.options = options;
    this.provider = provider;
  }
  families() {
    return this.collection().families;
  }
  /**
   * The body of a scrape in `format`, gzipped when asked; shared with overlapping scrapes. With
   * `shared` false (a direct render), a collection of its own: it holds whatever was recorded before.
   */
  body(format, compress, shared = true) {
    const collection = shared ? this.collection() : this.start();
    const key = `${format.id}${compress ? "+gzip" : ""}`;
    let body = collection.bodies.get(key);
    if (body === void 0) {
      body = collection.families.then(async (families) => {
        const rendered = format.render(families);
        const bytes = typeof rendered === "string" ? Buffer.from(rendered) : Buffer.from(rendered.buffer, rendered.byteOffset, rendered.byteLength);
        return compress ? gzipAsync(bytes) : bytes;
      });
      collection.bodies.set(key, body);
    }
    return body;
  }
  start() {
    const families = new Promise((resolve) => setImmediate(resolve)).then(() => this.collect());
    return { families, bodies: /* @__PURE__ */ new Map() };
  }
  collection() {
    if (this.current !== void 0)
      return this.current;
    const collection = this.start();
    this.current = collection;
    void this.releaseWhenReady(collection);
    return collection;
  }
  async releaseWhenReady(collection) {
    await collection.families.catch(() => void 0);
    let waited;
    do {
      waited = collection.bodies.size;
      await Promise.allSettled(collection.bodies.values());
    } while (collection.bodies.size > waited);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.current === collection)
      this.current = void 0;
  }
  async collect() {
    const timeoutMillis = this.options.collectTimeoutMs;
    const { resourceMetrics, errors } = await this.reader.collect({ timeoutMillis });
    if (errors.length > 0)
      this.reportErrors(errors);
    const problems = [];
    const families = buildFamilies(mergeScopes(resourceMetrics), {
      withScopeLabels: this.options.withScopeLabels,
      protectedScopes: PROTECTED_SCOPES,
      reservedNames: PROMPTKIT_FAMILIES,
      ...this.options.withTargetInfo ? { targetInfo: resourceMetrics.resource.attributes } : {}
    }, problems);
    for (const problem of problems)
      this.once(problem.key, problem.message);
    return families;
  }
  reportErrors(errors) {
    const provider = this.provider();
    const pending = provider === void 0 ? [] : pendingCallbacks(provider);
    const timedOut = errors.some(isTimeout);
    if (timedOut && pending.length > 0) {
      for (const name of pending)
        this.once(`pending ${name}`, `the callback of observable instrument '${name}' did not settle within ${this.options.collectTimeoutMs} ms; scrapes are served without it until it does`);
    } else {
      reportProblem("collect errors", `${errors.length} error(s) while collecting metrics for /metrics: ${errors.slice(0, 3).map(describeError).join("; ")}`);
    }
  }
  /** One diag line per key (per instrument), for as long as the exporter lives. */
  once(key, message) {
    if (this.reported.has(key) || this.reported.size >= MAX_REPORTED)
      return;
    this.reported.add(key);
    reportProblem(`scrape ${key}`, message);
  }
};

// packages/prometheus/dist/server/authorization.js
import { timingSafeEqual } from "node:crypto";
function sameSecret(expected, given) {
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}
var Authorization = class {
  bearer;
  basic;
  constructor(credentials) {
    this.bearer = credentials.bearerToken === void 0 ? void 0 : Buffer.from(credentials.bearerToken);
    const basic = credentials.basicAuth;
    this.basic = basic === void 0 ? void 0 : Buffer.from(Buffer.from(`${basic.username}:${basic.password}`).toString("base64"));
  }
  get required() {
    return this.bearer !== void 0 || this.basic !== void 0;
  }
  /** The `WWW-Authenticate` challenge of a 401 answer. */
  get challenge() {
    return this.basic !== void 0 ? 'Basic realm="metrics"' : 'Bearer realm="metrics"';
  }
  allows(header) {
    if (!this.required)
      return true;
    if (header === void 0)
      return false;
    const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(header);
    if (match === null)
      return false;
    const scheme = match[1].toLowerCase();
    const value = match[2];
    if (scheme === "bearer" && this.bearer !== void 0)
      return sameSecret(this.bearer, value);
    if (scheme === "basic" && this.basic !== void 0)
      return sameSecret(this.basic, value);
    return false;
  }
};

// packages/prometheus/dist/server/metrics-endpoint.js
var TEXT = "text/plain; charset=utf-8";
function acceptsGzip(header) {
  if (header === void 0)
    return false;
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*")
      return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === void 0 || Number(q.slice(2)) > 0;
  });
}
function refuseMethod(req, res) {
  if (req.method === "GET" || req.method === "HEAD")
    return false;
  res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": TEXT, Connection: "close" });
  res.end("method not allowed\n");
  return true;
}
var MetricsEndpoint = class {
  scraper;
  authorization;
  options;
  active = 0;
  constructor(scraper, authorization, options) {
    this.scraper = scraper;
    this.authorization = authorization;
    this.options = options;
  }
  handle = (req, res) => {
    if (refuseMethod(req, res))
      return;
    if (!this.authorization.allows(req.headers.authorization)) {
      res.writeHead(401, { "WWW-Authenticate": this.authorization.challenge, "Content-Type": TEXT });
      res.end("unauthorized\n");
      return;
    }
    if (this.active >= this.options.maxConcurrentScrapes) {
      res.writeHead(503, { "Retry-After": "1", "Content-Type": TEXT, Connection: "close" });
      res.end("too many concurrent scrapes\n");
      reportProblem("scrape limit", `a scrape was refused (503): ${this.options.maxConcurrentScrapes} scrapes were already being served`);
      return;
    }
    this.active++;
    const deadline = setTimeout(() => res.destroy(), this.options.requestTimeoutMs);
    deadline.unref();
    res.setTimeout(this.options.idleTimeoutMs, () => res.destroy());
    res.once("close", () => {
      this.active--;
      clearTimeout(deadline);
    });
    void this.respond(req, res);
  };
  async respond(req, res) {
    const compress = this.options.compression && acceptsGzip(req.headers["accept-encoding"]);
    try {
      if (mayWantProtobuf(req.headers.accept))
        await loadProtobufFormat();
      const format = negotiate(req.headers.accept, this.options);
      const body = await this.scraper.body(format, compress);
      if (res.destroyed)
        return;
      const headers = { "Content-Type": format.contentType, "Content-Length": body.length, Vary: "Accept, Accept-Encoding" };
      if (compress)
        headers["Content-Encoding"] = "gzip";
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? void 0 : body);
    } catch (error) {
      reportProblem("scrape failed", `collecting metrics for a scrape failed: ${describeError(error)}`, "error");
      if (res.destroyed)
        return;
      if (!res.headersSent)
        res.writeHead(500, { "Content-Type": TEXT });
      res.end("# metrics collection failed; see the application diag log\n");
    }
  }
};

// packages/prometheus/dist/server/metrics-server.js
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
function describeListenError(error, address) {
  switch (error.code) {
    case "EADDRINUSE":
      return `cannot listen on ${address}: the port is already in use (EADDRINUSE); pass another address or ':0'`;
    case "EACCES":
      return `cannot listen on ${address}: permission denied (EACCES); use a port above 1023`;
    case "EADDRNOTAVAIL":
      return `cannot listen on ${address}: the host is not an address of this machine (EADDRNOTAVAIL)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot listen on ${address}: the host name does not resolve (${error.code})`;
    default:
      return `cannot listen on ${address}: ${error.message}`;
  }
}
var MetricsServer = class {
  options;
  metrics;
  server;
  boundPort;
  queue = Promise.resolve();
  constructor(options, metrics7) {
    this.options = options;
    this.metrics = metrics7;
  }
  /** The port listened on, while started. */
  get port() {
    return this.boundPort;
  }
  /** Listens, after `before` (a check that may reject) in the same queued turn. */
  start(before) {
    return this.enqueue(async () => {
      await before?.();
      await this.listen();
    });
  }
  shutdown() {
    return this.enqueue(() => this.close());
  }
  enqueue(operation) {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => void 0);
    return result;
  }
  async listen() {
    if (this.server !== void 0)
      return;
    const server = this.create();
    const { host, port } = this.options;
    await new Promise((resolve, reject) => {
      const onError = (error) => {
        server.off("listening", onListening);
        reject(new Error(describeListenError(error, formatHostPort(host, port)), { cause: error }));
      };
      const onListening = () => {
        server.off("error", onError);
        resolve();
      };
      server.once("error", onError);
      server.once("listening", onListening);
      server.listen({ host, port });
    });
    server.on("error", (error) => reportProblem("server error", `metrics server error: ${error.message}`, "error"));
    server.unref();
    this.server = server;
    this.boundPort = server.address().port;
  }
  async close() {
    const server = this.server;
    if (server === void 0)
      return;
    this.server = void 0;
    this.boundPort = void 0;
    await new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
  create() {
    const route = (req, res) => this.route(req, res);
    const { tls, headersTimeoutMs, requestTimeoutMs, idleTimeoutMs } = this.options;
    const connectionsCheckingInterval = Math.max(100, Math.min(1e3, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 4)));
    const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert, connectionsCheckingInterval, handshakeTimeout: headersTimeoutMs }, route) : createHttpServer({ connectionsCheckingInterval }, route);
    server.on("checkContinue", route);
    server.on("connection", (socket) => socket.unref());
    server.headersTimeout = headersTimeoutMs;
    server.requestTimeout = requestTimeoutMs;
    server.timeout = idleTimeoutMs;
    server.keepAliveTimeout = 5e3;
    return server;
  }
  route(req, res) {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path === this.options.endpoint) {
      this.metrics(req, res);
    } else if (path === "/health") {
      if (refuseMethod(req, res))
        return;
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": 2 });
      res.end(req.method === "HEAD" ? void 0 : "ok");
    } else {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`not found: metrics are at ${this.options.endpoint}, health at /health
`);
    }
  }
};

// packages/prometheus/dist/exporter.js
var PrometheusExporter = class {
  /** The OpenTelemetry reader behind the endpoint; pass it to a MeterProvider of your own. */
  reader = withCounterProducer((producers2) => new PrometheusReader(producers2));
  options;
  scraper;
  endpoint;
  server;
  provider;
  /**
   * @param address a Go-style address (`':9090'`, `'127.0.0.1:0'`, `'[::1]:9090'`), a port number,
   *   or options. Throws a `ConfigError` naming the option for anything invalid.
   */
  constructor(address) {
    this.options = resolveExporterOptions(address);
    const o = this.options;
    this.scraper = new Scraper(this.reader, o, () => this.provider);
    this.endpoint = new MetricsEndpoint(this.scraper, new Authorization(o), o);
    this.server = new MetricsServer(o, this.endpoint.handle);
    if (o.ownMeterProvider) {
      this.provider = buildMeterProvider({
        readers: [this.reader],
        histograms: o.histograms,
        nativeHistogramMaxBuckets: o.nativeHistogramMaxBuckets,
        ...o.labelLimits ? { labelLimits: o.labelLimits } : {}
      });
      if (!metrics4.setGlobalMeterProvider(this.provider)) {
        reportProblem("global provider taken", "a global MeterProvider was already registered; pass { meterProvider: exporter.meterProvider } to MetricsListener to record into this exporter");
      }
    }
  }
  /** The MeterProvider whose metrics this exporter serves. */
  get meterProvider() {
    if (this.provider === void 0)
      throw new Error("PrometheusExporter has no MeterProvider yet: call bindMeterProvider() first");
    return this.provider;
  }
  /**
   * Serves a MeterProvider built elsewhere with `readers: [exporter.reader]`. On a provider of the
   * application's, PromptKit's counters are OpenTelemetry counters: every reader and View of the
   * provider applies to them (add `promptkitViews()` to its views for PromptKit's buckets and limits).
   */
  bindMeterProvider(provider, labelLimits) {
    this.provider = provider;
    attachMeterProvider(provider, labelLimits);
  }
  /** A meter whose instruments appear on this exporter's endpoint beside PromptKit's. */
  getMeter(name, version) {
    return this.meterProvider.getMeter(name, version);
  }
  /** The metrics URL, with the real port once started (e.g. `http://127.0.0.1:43121/metrics`). */
  get url() {
    const port = this.server.port ?? this.options.port;
    const scheme = this.options.tls ? "https" : "http";
    return `${scheme}://${reachableHost(this.options.host)}:${port}${this.options.endpoint}`;
  }
  /** The port listened on, once started. */
  get port() {
    return this.server.port;
  }
  /**
   * Starts the server. Resolves once listening; rejects with the address and the reason, or with a
   * ConfigError when `histograms` is `native` or `both` and `@bufbuild/protobuf` is not installed.
   * The server does not keep the process alive on its own.
   */
  start() {
    const o = this.options;
    return this.server.start(o.ownMeterProvider ? () => checkNativeServing(o.histograms, "PrometheusExporter histograms") : void 0);
  }
  /** Stops the server and closes open connections. Idempotent; the exporter can be started again. */
  shutdown() {
    return this.server.shutdown();
  }
  /**
   * A request handler that serves the metrics at any path: `http.createServer(exporter.handler())`
   * or `app.get('/metrics', exporter.handler())`, with the same limits as PromptKit's own server.
   */
  handler() {
    return this.endpoint.handle;
  }
  /**
   * Collects and renders the text exposition (format 0.0.4), as a scrape would get it, with
   * everything recorded before the call (never a concurrent scrape's collection).
   */
  async render() {
    return (await this.scraper.body(TEXT_FORMAT, false, false)).toString("utf8");
  }
};

// packages/sdk/dist/otlp/otlp-reader.js
import { ConsoleMetricExporter, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";

// packages/sdk/dist/redact.js
var MASK = "***";
function maskUrl(value) {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, `$1${MASK}@`);
}
function maskHeaders(headers) {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, MASK]));
}
function maskSecret(secret) {
  return secret === void 0 ? void 0 : MASK;
}
function maskSecrets(text2) {
  return text2.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, `$1${MASK}@`);
}
function pricingInfo(pricing) {
  const read = (field2) => safeString(() => pricing.info[field2]);
  return { source: read("source"), version: read("version"), asOf: read("asOf") };
}
function redactConfig(config) {
  const { prometheus, otlp, meterProvider, pricing, ...rest } = config;
  return {
    ...rest,
    attachedToMeterProvider: meterProvider !== void 0,
    pricing: pricing === void 0 ? false : pricingInfo(pricing),
    prometheus: prometheus === void 0 ? void 0 : {
      ...prometheus,
      bearerToken: maskSecret(prometheus.bearerToken),
      basicAuth: prometheus.basicAuth === void 0 ? void 0 : { username: prometheus.basicAuth.username, password: MASK },
      tls: prometheus.tls === void 0 ? void 0 : { key: MASK, cert: "PEM certificate" }
    },
    otlp: otlp === void 0 ? void 0 : { ...otlp, url: maskUrl(otlp.url), headers: maskHeaders(otlp.headers) }
  };
}

// packages/sdk/dist/otlp/load-exporter.js
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
var PACKAGES = {
  "http/protobuf": "@opentelemetry/exporter-metrics-otlp-proto",
  "http/json": "@opentelemetry/exporter-metrics-otlp-http",
  grpc: "@opentelemetry/exporter-metrics-otlp-grpc"
};
var EXPORTER_RELEASES = {
  "2.0": "0.200.0",
  "2.1": "0.206.0",
  "2.2": "0.208.0",
  "2.3": "0.209.0",
  "2.4": "0.210.0",
  "2.5": "0.212.0",
  "2.6": "0.214.0",
  "2.7": "0.218.0",
  "2.8": "0.219.0",
  "2.9": "0.220.0",
  "2.10": "0.221.0",
  "2.11": "0.222.0",
  "2.12": "0.223.0",
  "3.0": "0.300.0",
  "3.1": "0.301.0"
};
var require2 = createRequire(import.meta.url);
function sdkMetricsVersion() {
  try {
    let dir = dirname(require2.resolve("@opentelemetry/sdk-metrics"));
    for (let depth = 0; depth < 6; depth++, dir = dirname(dir)) {
      const file = join(dir, "package.json");
      if (!existsSync(file))
        continue;
      const pkg = JSON.parse(readFileSync2(file, "utf8"));
      if (pkg.name === "@opentelemetry/sdk-metrics")
        return pkg.version;
    }
  } catch {
  }
  return void 0;
}
function installCommand(protocol) {
  const name = PACKAGES[protocol];
  const version = sdkMetricsVersion();
  const minor = version?.split(".").slice(0, 2).join(".");
  const release = minor === void 0 ? void 0 : EXPORTER_RELEASES[minor];
  if (release !== void 0)
    return `npm install ${name}@${release}`;
  const line = version?.startsWith("3.") ? "0.30x" : "0.2xx";
  return `npm install ${name} (the ${line} release that depends on your @opentelemetry/sdk-metrics ${version ?? ""})`.replace(" )", ")");
}
async function loadExporter(protocol) {
  const name = PACKAGES[protocol];
  try {
    const module = await import(name);
    if (typeof module.OTLPMetricExporter !== "function")
      throw new Error(`${name} has no OTLPMetricExporter`);
    return module.OTLPMetricExporter;
  } catch (error) {
    const code = error.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new ConfigError(`OTLP over ${protocol} needs ${name}, which is not installed: ${installCommand(protocol)}`, { cause: error });
    }
    throw error;
  }
}
function grpcMetadata(headers) {
  const exporterRequire = createRequire(require2.resolve("@opentelemetry/otlp-grpc-exporter-base", { paths: [require2.resolve(PACKAGES.grpc)] }));
  const { Metadata } = exporterRequire("@grpc/grpc-js");
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers))
    metadata.set(key, value);
  return metadata;
}

// packages/sdk/dist/otlp/reporting-exporter.js
import { ExportResultCode } from "@opentelemetry/core";
import { AggregationTemporality as AggregationTemporality3 } from "@opentelemetry/sdk-metrics";
import { diag as diag4 } from "@opentelemetry/api";
var REPORT_EVERY_MS = 6e4;
var ReportingExporter = class {
  inner;
  target;
  deadlineMs;
  failuresSinceReport = 0;
  lastReport = -Infinity;
  failing = false;
  constructor(inner, target, deadlineMs) {
    this.inner = inner;
    this.target = target;
    this.deadlineMs = deadlineMs;
  }
  export(metrics7, resultCallback) {
    let answered = false;
    const answer = () => {
      if (answered)
        return;
      answered = true;
      clearTimeout(timer);
      resultCallback({ code: ExportResultCode.SUCCESS });
    };
    const timer = setTimeout(() => {
      this.failed(new Error(`no answer within ${this.deadlineMs} ms`));
      answer();
    }, Math.max(1, this.deadlineMs - 100));
    const done = (result) => {
      if (answered)
        return;
      if (result.code === ExportResultCode.SUCCESS)
        this.succeeded();
      else
        this.failed(result.error);
      answer();
    };
    try {
      this.inner.export(nativeForPush(mergeScopes(metrics7)), done);
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(describeError(error)) });
    }
  }
  forceFlush() {
    return this.inner.forceFlush();
  }
  shutdown() {
    return this.inner.shutdown();
  }
  selectAggregationTemporality(instrumentType) {
    return this.inner.selectAggregationTemporality?.(instrumentType) ?? AggregationTemporality3.CUMULATIVE;
  }
  failed(error) {
    this.failing = true;
    this.failuresSinceReport++;
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS)
      return;
    const count2 = this.failuresSinceReport;
    this.failuresSinceReport = 0;
    this.lastReport = now;
    reportProblem(`otlp push to ${this.target}`, `OTLP metrics push to ${this.target} failed: ${error === void 0 ? "unknown error" : maskSecrets(describeError(error))}` + (count2 > 1 ? ` (${count2} failed pushes since the last report)` : "") + "; cumulative totals will be complete once a push succeeds");
  }
  succeeded() {
    if (!this.failing)
      return;
    this.failing = false;
    this.failuresSinceReport = 0;
    this.lastReport = -Infinity;
    diag4.info(`promptkit: OTLP metrics push to ${this.target} succeeds again`);
  }
};

// packages/sdk/dist/otlp/otlp-reader.js
var TEMPORALITY_PREFERENCE = { delta: 0, cumulative: 1, lowmemory: 2 };
async function createOtlpReader(otlp) {
  const Exporter = await loadExporter(otlp.protocol);
  const config = {
    url: otlp.url,
    timeoutMillis: otlp.exporterTimeoutMs,
    temporalityPreference: TEMPORALITY_PREFERENCE[otlp.temporality]
  };
  if (otlp.compression !== void 0)
    config.compression = otlp.compression;
  if (otlp.protocol === "grpc")
    config.metadata = grpcMetadata(otlp.headers);
  else
    config.headers = otlp.headers;
  const exporter = new ReportingExporter(new Exporter(config), `${maskUrl(otlp.url)} (${otlp.protocol})`, otlp.timeoutMs);
  return withCounterProducer((metricProducers) => new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: otlp.intervalMs, exportTimeoutMillis: otlp.timeoutMs, metricProducers }));
}
function createConsoleReader(intervalMs) {
  return withCounterProducer((metricProducers) => new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: intervalMs, exportTimeoutMillis: Math.min(3e4, intervalMs), metricProducers }));
}

// packages/sdk/dist/pipeline-config.js
var PipelineConfig = class _PipelineConfig {
  options;
  constructor(options = {}) {
    this.options = options;
  }
  withMetrics(enabled) {
    return new _PipelineConfig({ ...this.options, metrics: enabled });
  }
  withPrometheusExporter(address) {
    return new _PipelineConfig({ ...this.options, prometheus: address });
  }
  withOtlpExporter(endpoint, options = {}) {
    return new _PipelineConfig({ ...this.options, otlp: { ...options, endpoint } });
  }
  withServiceName(serviceName) {
    return new _PipelineConfig({ ...this.options, serviceName });
  }
  withResource(resource) {
    return new _PipelineConfig({ ...this.options, resource: { ...this.options.resource, ...resource } });
  }
};
function defaultPipelineConfig() {
  return new PipelineConfig({ metrics: true });
}

// packages/sdk/dist/environment.js
import { getBooleanFromEnv, getNumberFromEnv, getStringFromEnv, getStringListFromEnv, parseKeyPairsIntoRecord } from "@opentelemetry/core";

// packages/sdk/dist/options.js
var OTLP_PROTOCOLS = ["http/protobuf", "http/json", "grpc"];
var OTLP_TEMPORALITIES = ["cumulative", "delta", "lowmemory"];

// packages/sdk/dist/environment.js
function ignored(name, value, expected) {
  reportProblem(`env ${name}=${value}`, `${name}=${JSON.stringify(value)} is not ${expected}; it is ignored and the default is used`);
}
function envMilliseconds(name, min) {
  const value = getNumberFromEnv(name);
  if (value === void 0)
    return void 0;
  if (!Number.isInteger(value) || value < min) {
    ignored(name, String(value), `a whole number of milliseconds${min > 0 ? ` greater than ${min - 1}` : " (0 for no limit)"}`);
    return void 0;
  }
  return value;
}
function envChoice(name, choices) {
  const value = getStringFromEnv(name);
  if (value === void 0)
    return void 0;
  const lower2 = value.toLowerCase();
  if (choices.includes(lower2))
    return lower2;
  ignored(name, value, `one of ${choices.join(", ")}`);
  return void 0;
}
function envMetricsExporters() {
  const items = getStringListFromEnv("OTEL_METRICS_EXPORTER")?.map((item) => item.toLowerCase());
  if (items === void 0 || items.length === 0)
    return void 0;
  const out = /* @__PURE__ */ new Set();
  for (const item of items) {
    if (item === "prometheus" || item === "otlp" || item === "console")
      out.add(item);
    else if (item === "logging")
      out.add("console");
    else if (item !== "none")
      ignored("OTEL_METRICS_EXPORTER", item, "one of otlp, prometheus, console, none");
  }
  if (out.size === 0 && !items.includes("none"))
    return void 0;
  return [...out];
}
function envUrl(name) {
  const value = getStringFromEnv(name);
  if (value === void 0)
    return void 0;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:")
      return value;
  } catch {
  }
  ignored(name, maskUrl(value), "an http:// or https:// URL");
  return void 0;
}
function envHeaders(name) {
  const raw = getStringFromEnv(name);
  if (raw === void 0)
    return {};
  const headers = parseKeyPairsIntoRecord(raw);
  const given = raw.split(",").filter((part) => part.trim() !== "").length;
  if (Object.keys(headers).length < given) {
    reportProblem(`env ${name}`, `${name} has entries that are not key=value pairs with percent-encoded values; they are ignored`);
  }
  return headers;
}
function envOtlp() {
  const signalEndpoint = envUrl("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
  return {
    endpoint: signalEndpoint ?? envUrl("OTEL_EXPORTER_OTLP_ENDPOINT"),
    endpointIsFull: signalEndpoint !== void 0,
    protocol: envChoice("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", OTLP_PROTOCOLS) ?? envChoice("OTEL_EXPORTER_OTLP_PROTOCOL", OTLP_PROTOCOLS),
    headers: { ...envHeaders("OTEL_EXPORTER_OTLP_HEADERS"), ...envHeaders("OTEL_EXPORTER_OTLP_METRICS_HEADERS") },
    intervalMs: envMilliseconds("OTEL_METRIC_EXPORT_INTERVAL", 1),
    timeoutMs: envMilliseconds("OTEL_METRIC_EXPORT_TIMEOUT", 0),
    exporterTimeoutMs: envMilliseconds("OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", 0) ?? envMilliseconds("OTEL_EXPORTER_OTLP_TIMEOUT", 0),
    temporality: envChoice("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", OTLP_TEMPORALITIES),
    compression: envChoice("OTEL_EXPORTER_OTLP_METRICS_COMPRESSION", ["gzip", "none"]) ?? envChoice("OTEL_EXPORTER_OTLP_COMPRESSION", ["gzip", "none"])
  };
}
function envPrometheus() {
  const host = getStringFromEnv("OTEL_EXPORTER_PROMETHEUS_HOST");
  let port = getNumberFromEnv("OTEL_EXPORTER_PROMETHEUS_PORT");
  if (port !== void 0 && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    ignored("OTEL_EXPORTER_PROMETHEUS_PORT", String(port), "a port from 0 to 65535");
    port = void 0;
  }
  return { host, port };
}
function envSdkDisabled() {
  return getBooleanFromEnv("OTEL_SDK_DISABLED");
}
function envSemconvOptIn() {
  return getStringListFromEnv("OTEL_SEMCONV_STABILITY_OPT_IN")?.map((item) => item.toLowerCase()) ?? [];
}
var EXEMPLAR_FILTERS = ["trace_based", "always_off"];
function envExemplarFilter() {
  const value = envChoice("OTEL_METRICS_EXEMPLAR_FILTER", [...EXEMPLAR_FILTERS, "always_on"]);
  if (value !== "always_on")
    return value;
  reportProblem("env OTEL_METRICS_EXEMPLAR_FILTER", "OTEL_METRICS_EXEMPLAR_FILTER=always_on is read as trace_based: PromptKit keeps exemplars only for measurements made inside a sampled span");
  return "trace_based";
}
function envHistograms() {
  return envChoice("PROMPTKIT_HISTOGRAMS", HISTOGRAM_MODES);
}

// packages/sdk/dist/check-options.js
var OPTION_KEYS = [
  "serviceName",
  "serviceVersion",
  "resource",
  "metrics",
  "prometheus",
  "otlp",
  "labelLimits",
  "pricing",
  "semconv",
  "registerGlobal",
  "meterProvider",
  "views",
  "shutdownOnSignals",
  "histograms",
  "nativeHistogramMaxBuckets",
  "exemplarFilter"
];
var OTLP_KEYS = ["endpoint", "protocol", "headers", "intervalMs", "timeoutMs", "temporality", "compression"];
var DAY_MS2 = 864e5;
function checkUrl(value, name) {
  if (value === void 0)
    return void 0;
  if (typeof value !== "string")
    throw new ConfigError(`${name} ${describeValue(value)} is invalid: expected a URL such as http://localhost:4318`);
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} '${maskUrl(value)}' is not a URL: expected e.g. http://localhost:4318`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`${name} '${maskUrl(value)}' must use http:// or https://`);
  return value;
}
function checkResource(value) {
  if (value === void 0)
    return;
  if (!isPlainObject(value))
    throw new ConfigError(`resource ${describeValue(value)} is invalid: expected attributes such as { 'deployment.environment': 'prod' }`);
  for (const [key, item] of Object.entries(value)) {
    const ok = ["string", "number", "boolean"].includes(typeof item) || Array.isArray(item) && item.every((v) => ["string", "number", "boolean"].includes(typeof v));
    if (!ok)
      throw new ConfigError(`resource[${JSON.stringify(key)}] ${describeValue(item)} is invalid: expected a string, number, boolean or an array of them`);
  }
}
function checkOtlp(value) {
  if (value === void 0 || value === false)
    return void 0;
  if (typeof value === "string")
    return { endpoint: checkUrl(value, "otlp") };
  const given = checkObject(value, "otlp", OTLP_KEYS, "{ endpoint: 'http://localhost:4318' }");
  const intervalMs = checkInteger(given.intervalMs, "otlp.intervalMs", 1, DAY_MS2, "milliseconds");
  const timeoutMs = checkInteger(given.timeoutMs, "otlp.timeoutMs", 0, DAY_MS2, "milliseconds (0 for no limit)");
  if (intervalMs !== void 0 && timeoutMs !== void 0 && timeoutMs > intervalMs) {
    throw new ConfigError(`otlp.timeoutMs (${timeoutMs}) is longer than otlp.intervalMs (${intervalMs}); a push may not outlast the interval`);
  }
  const options = {};
  const endpoint = checkUrl(given.endpoint, "otlp.endpoint");
  const protocol = checkChoice(given.protocol, "otlp.protocol", OTLP_PROTOCOLS);
  const headers = checkStringRecord(given.headers, "otlp.headers");
  const temporality = checkChoice(given.temporality, "otlp.temporality", OTLP_TEMPORALITIES);
  const compression = checkChoice(given.compression, "otlp.compression", ["gzip", "none"]);
  if (endpoint !== void 0)
    options.endpoint = endpoint;
  if (protocol !== void 0)
    options.protocol = protocol;
  if (headers !== void 0)
    options.headers = headers;
  if (intervalMs !== void 0)
    options.intervalMs = intervalMs;
  if (timeoutMs !== void 0)
    options.timeoutMs = timeoutMs;
  if (temporality !== void 0)
    options.temporality = temporality;
  if (compression !== void 0)
    options.compression = compression;
  return options;
}
function checkStartOptions(options) {
  const given = checkObject(options, "startMetrics options", OPTION_KEYS, "{ serviceName: 'my-app' }");
  checkString(given.serviceName, "serviceName");
  checkString(given.serviceVersion, "serviceVersion");
  checkResource(given.resource);
  checkBoolean(given.metrics, "metrics");
  checkBoolean(given.registerGlobal, "registerGlobal");
  checkBoolean(given.shutdownOnSignals, "shutdownOnSignals");
  checkChoice(given.histograms, "histograms", HISTOGRAM_MODES);
  checkChoice(given.exemplarFilter, "exemplarFilter", EXEMPLAR_FILTERS);
  checkInteger(given.nativeHistogramMaxBuckets, "nativeHistogramMaxBuckets", 2, 16384);
  if (given.labelLimits !== void 0) {
    const problem = labelLimitsProblem(given.labelLimits);
    if (problem !== void 0)
      throw new ConfigError(`labelLimits is invalid: ${problem}`);
  }
  if (given.semconv !== void 0 && given.semconv !== false && given.semconv !== "gen_ai") {
    throw new ConfigError(`semconv ${describeValue(given.semconv)} is invalid: expected 'gen_ai' or false`);
  }
  const provider = given.meterProvider;
  if (provider !== void 0 && (provider === null || typeof provider.getMeter !== "function")) {
    throw new ConfigError(`meterProvider ${describeValue(provider)} is invalid: expected an OpenTelemetry MeterProvider (with getMeter())`);
  }
  if (given.views !== void 0 && (!Array.isArray(given.views) || !given.views.every(isPlainObject))) {
    throw new ConfigError(`views ${describeValue(given.views)} is invalid: expected an array of OpenTelemetry ViewOptions objects`);
  }
  if (given.prometheus !== void 0 && given.prometheus !== false && !["string", "number", "object"].includes(typeof given.prometheus)) {
    throw new ConfigError(`prometheus ${describeValue(given.prometheus)} is invalid: expected an address such as ':9090', a port, options, or false`);
  }
  if (given.otlp !== void 0 && given.otlp !== false)
    checkOtlp(given.otlp);
  return given;
}

// packages/sdk/dist/pricing-option.js
import { readFileSync as readFileSync3 } from "node:fs";
import { resolve as resolvePath } from "node:path";

// packages/pricing/dist/database/load.js
var DatabaseLoader = class {
  module;
  loading;
  failed = false;
  importer;
  constructor(importer = () => import("@pydantic/genai-prices")) {
    this.importer = importer;
  }
  get state() {
    return this.module !== void 0 ? "loaded" : this.failed ? "failed" : this.loading !== void 0 ? "loading" : "idle";
  }
  /** The database when it has loaded; undefined before, and after a failed load. */
  loaded() {
    return this.module;
  }
  /** Loads the database once; every caller shares the one import. Rejects when it cannot load. */
  load() {
    if (this.module !== void 0)
      return Promise.resolve(this.module);
    this.loading ??= this.importer().then((module) => this.module = module, (error) => {
      this.failed = true;
      reportProblem("pricing database load", `the price database @pydantic/genai-prices could not be loaded (${describeError(error)}); calls without cost are counted as unpriced`, "error");
      throw error;
    });
    return this.loading;
  }
};
var sharedLoader = new DatabaseLoader();

// packages/pricing/dist/usage.js
var MAX_COUNT = 1e15;
function count(value) {
  if (value === void 0)
    return 0;
  return typeof value === "number" && value >= 0 && value <= MAX_COUNT ? value : -1;
}

// packages/pricing/dist/linear-price.js
var LinearPrice = class {
  /** Tiers in increasing `upTo` order; the last one's `upTo` is Infinity. */
  tiers;
  constructor(tiers) {
    this.tiers = tiers;
  }
  /**
   * The cost in USD, or undefined when a count is not a count (negative, non-finite, above
   * {@link MAX_COUNT}). Parts larger than their whole are clamped to it (cache reads, then cache
   * writes, to the input; reasoning to the output), so inconsistent counts still price.
   */
  cost(usage2) {
    const input = count(usage2.inputTokens);
    const output = count(usage2.outputTokens);
    let cacheRead = count(usage2.cachedTokens);
    let cacheWrite = count(usage2.cacheWriteTokens);
    let reasoning = count(usage2.reasoningTokens);
    if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0 || reasoning < 0)
      return void 0;
    if (cacheRead > input)
      cacheRead = input;
    if (cacheWrite > input - cacheRead)
      cacheWrite = input - cacheRead;
    if (reasoning > output)
      reasoning = output;
    const tiers = this.tiers;
    let tier2 = tiers[0];
    for (let i = 1; input > tier2.upTo; i++)
      tier2 = tiers[i];
    return (tier2.request + tier2.input * (input - cacheRead - cacheWrite) + tier2.cacheRead * cacheRead + tier2.cacheWrite * cacheWrite + tier2.output * (output - reasoning) + tier2.reasoning * reasoning) / 1e6;
  }
};

// packages/pricing/dist/database/derive.js
var OUTPUT_PROBE = 1e6;
var OPEN_TIER_SPAN = 1e6;
var TOLERANCE = 1e-9;
var TOKEN_PRICE_KEYS = ["input_mtok", "output_mtok"];
function pricesTokens(price) {
  return TOKEN_PRICE_KEYS.some((key) => price[key] !== void 0);
}
function tierStarts(price) {
  const starts = /* @__PURE__ */ new Set();
  for (const value of Object.values(price)) {
    if (typeof value === "object")
      for (const tier2 of value.tiers)
        starts.add(tier2.start);
  }
  return [...starts].sort((a, b) => a - b);
}
function clean(value, scale) {
  if (Math.abs(value) <= 1e-12 * Math.abs(scale) || Math.abs(value) < 1e-12)
    return 0;
  return Number(value.toPrecision(12));
}
function tierPrices(probe, low, high) {
  const at = high === Infinity ? low + OPEN_TIER_SPAN : high;
  const atTotal = probe(at, 0, 0, 0, 0);
  let input = 0;
  let request = atTotal;
  if (at > low) {
    const lowTotal = probe(low, 0, 0, 0, 0);
    input = clean((atTotal - lowTotal) / (at - low), atTotal / at);
    request = clean(lowTotal - input * low, lowTotal);
  } else if (at > 0) {
    input = clean(atTotal / at, atTotal / at);
    request = 0;
  }
  const part = (total) => at > 0 ? clean((total - request) / at, total / at) : input;
  const withOutput = probe(at, 0, 0, OUTPUT_PROBE, 0);
  return {
    upTo: high,
    request,
    input,
    cacheRead: part(probe(at, at, 0, 0, 0)),
    cacheWrite: part(probe(at, 0, at, 0, 0)),
    output: clean((withOutput - atTotal) / OUTPUT_PROBE, withOutput / OUTPUT_PROBE),
    reasoning: clean((probe(at, 0, 0, OUTPUT_PROBE, OUTPUT_PROBE) - atTotal) / OUTPUT_PROBE, withOutput / OUTPUT_PROBE)
  };
}
var NotLinearError = class extends Error {
  name = "NotLinearError";
};
function check(price, probe, input, output) {
  const cacheRead = Math.floor(input / 3);
  const cacheWrite = Math.floor(input / 5);
  const reasoning = Math.floor(output / 2);
  const expected = probe(input, cacheRead, cacheWrite, output, reasoning) / 1e6;
  const actual = price.cost({ inputTokens: input, cachedTokens: cacheRead, cacheWriteTokens: cacheWrite, outputTokens: output, reasoningTokens: reasoning });
  if (!(Math.abs(actual - expected) <= TOLERANCE * Math.max(Math.abs(expected), 1e-12))) {
    throw new NotLinearError(`at ${input} input and ${output} output tokens the database says ${expected} USD, the derived price ${actual}`);
  }
}
function deriveLinearPrice(resolved, probe) {
  const starts = tierStarts(resolved.model_price);
  const bounds = [0, ...starts.map((start) => start + 1)].map((low, k) => ({ low, high: k < starts.length ? starts[k] : Infinity }));
  const price = new LinearPrice(bounds.map(({ low, high }) => tierPrices(probe, low, high)));
  for (const { low, high } of bounds) {
    const top = high === Infinity ? low + 3 * OPEN_TIER_SPAN : high;
    check(price, probe, top, 12345);
    check(price, probe, Math.min(top, low + Math.ceil((top - low) / 2)), 777);
    check(price, probe, Math.min(top, low + 1e3), 3);
  }
  return price;
}

// packages/pricing/dist/database/validity.js
var RESOLUTION_TTL_MS = 24 * 60 * 60 * 1e3;
var DAY_S = 24 * 60 * 60;
var TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;
function secondsOfDay(time) {
  const parts = TIME_OF_DAY.exec(time);
  if (parts === null)
    return void 0;
  const [, h, m, s, fraction = "", , sign, oh = "00", om = "00"] = parts;
  const local = Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(`0.${fraction}`);
  const offset = (Number(oh) * 60 + Number(om)) * 60 * (sign === "-" ? -1 : sign === "+" ? 1 : 0);
  return ((local - offset) % DAY_S + DAY_S) % DAY_S;
}
function validUntil(model, now) {
  let until = now + RESOLUTION_TTL_MS;
  if (!Array.isArray(model.prices))
    return until;
  const nowSeconds = (now / 1e3 % DAY_S + DAY_S) % DAY_S;
  for (const { constraint } of model.prices) {
    if (constraint === void 0)
      continue;
    if (constraint.type === "start_date") {
      const start = new Date(constraint.start_date).getTime();
      if (start > now && start < until)
        until = start;
      continue;
    }
    for (const boundary of [constraint.start_time, constraint.end_time]) {
      const seconds3 = secondsOfDay(boundary);
      if (seconds3 === void 0)
        return Math.min(until, now + 6e4);
      const ahead = (seconds3 - nowSeconds + DAY_S) % DAY_S || DAY_S;
      until = Math.min(until, now + ahead * 1e3);
    }
  }
  return until;
}

// packages/pricing/dist/database/resolve.js
function databaseProviderId(database, provider) {
  return provider.trim() === "" ? void 0 : database.findProvider({ providerId: provider })?.id;
}
function databaseModelId(database, provider, model) {
  const providerId = databaseProviderId(database, provider);
  if (providerId === void 0)
    return void 0;
  try {
    return database.calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId })?.model.id;
  } catch {
    return void 0;
  }
}
function resolveFromDatabase(database, provider, model, now) {
  const unpriced = { price: null, expires: now + RESOLUTION_TTL_MS };
  const providerId = databaseProviderId(database, provider);
  if (providerId === void 0)
    return unpriced;
  const timestamp2 = new Date(now);
  try {
    const calculate = (input, cacheRead, cacheWrite, output, reasoning) => database.calcPrice({ input_tokens: input, cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite, output_tokens: output, output_reasoning_tokens: reasoning }, model, { providerId, timestamp: timestamp2 });
    const resolved = calculate(0, 0, 0, 0, 0);
    if (resolved === null || !pricesTokens(resolved.model_price))
      return unpriced;
    const probe = (...counts) => calculate(...counts).total_price * 1e6;
    return { price: deriveLinearPrice(resolved, probe), expires: validUntil(resolved.model, now) };
  } catch (error) {
    reportProblem("pricing database model", `model ${JSON.stringify(model.slice(0, 80))} (provider ${JSON.stringify(provider.slice(0, 40))}) cannot be priced from @pydantic/genai-prices: ${describeError(error)}; its calls are counted as unpriced`);
    return unpriced;
  }
}

// packages/pricing/dist/expiry.js
var ExpiryTimer = class {
  timer;
  at = Infinity;
  onDue;
  /** `onDue(now)` handles what is due and returns the next deadline (Infinity for none). */
  constructor(onDue) {
    this.onDue = onDue;
  }
  schedule(at) {
    if (!(at < this.at))
      return;
    if (this.timer !== void 0)
      clearTimeout(this.timer);
    this.at = at;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1));
    this.timer.unref?.();
  }
  fire() {
    this.timer = void 0;
    this.at = Infinity;
    this.schedule(this.onDue(Date.now()));
  }
};

// packages/pricing/dist/identity.js
var PRICE_DATA_SOURCE = "@pydantic/genai-prices";
var PRICE_DATA_VERSION = "0.1.8";
var PRICE_DATA_AS_OF = "2026-09-23";
var DATABASE_INFO = Object.freeze({ source: PRICE_DATA_SOURCE, version: PRICE_DATA_VERSION, asOf: PRICE_DATA_AS_OF });
var OVERRIDES_ONLY_INFO = Object.freeze({ source: "overrides", version: "none", asOf: "none" });

// packages/pricing/dist/overrides/price.js
function tier(upTo, prices) {
  const { input, output } = prices;
  return { upTo, request: 0, input, cacheRead: prices.cached ?? input, cacheWrite: prices.cacheWrite ?? input, output, reasoning: output };
}
function linearPrice(price) {
  if (price.above === void 0)
    return new LinearPrice([tier(Infinity, price)]);
  return new LinearPrice([tier(price.above.tokens, price), tier(Infinity, price.above)]);
}

// packages/pricing/dist/overrides/table.js
var SEPARATOR = /[^a-z0-9.]/;
var VENDOR_PREFIX = /^(?:(?:us|eu|apac|global|jp|au|ca)\.)?(?:anthropic|openai|google)\./;
function normalizeModel(model) {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf("/");
  if (slash >= 0)
    id = id.slice(slash + 1);
  return id.replace(VENDOR_PREFIX, "");
}
function longestPrefix(table, id) {
  if (table === void 0)
    return void 0;
  const exact = table.get(id);
  if (exact !== void 0)
    return { entry: exact, key: id, exact: true };
  for (let end = id.length - 1; end > 0; end--) {
    if (!SEPARATOR.test(id[end]))
      continue;
    const key = id.slice(0, end);
    const entry = table.get(key);
    if (entry !== void 0)
      return { entry, key, exact: false };
  }
  return void 0;
}
var OverrideTable = class {
  models = /* @__PURE__ */ new Map();
  byProvider = /* @__PURE__ */ new Map();
  constructor(table = {}) {
    for (const [key, price] of Object.entries(table))
      this.set(key, price);
  }
  /** The override for `model` called through `provider`, or undefined when no key matches. */
  match(provider, model) {
    const id = normalizeModel(model);
    const specific = longestPrefix(this.byProvider.get(provider.trim().toLowerCase()), id);
    const general = longestPrefix(this.models, id);
    if (specific !== void 0 && (general === void 0 || specific.key.length >= general.key.length))
      return specific;
    return general;
  }
  /** The price for `model` called through `provider`; null when kept unpriced; undefined when no key matches. */
  lookup(provider, model) {
    return this.match(provider, model)?.entry;
  }
  set(key, price) {
    const slash = key.indexOf("/");
    if (slash > 0) {
      const provider = key.slice(0, slash).trim().toLowerCase();
      let models = this.byProvider.get(provider);
      if (models === void 0)
        this.byProvider.set(provider, models = /* @__PURE__ */ new Map());
      models.set(normalizeModel(key.slice(slash + 1)), price);
    } else {
      this.models.set(normalizeModel(key), price);
    }
  }
};

// packages/pricing/dist/resolution-cache.js
var ResolutionCache = class {
  byProvider = /* @__PURE__ */ new Map();
  size = 0;
  limit;
  constructor(limit) {
    this.limit = limit;
  }
  get(provider, model) {
    return this.byProvider.get(provider)?.get(model);
  }
  set(provider, model, value) {
    if (this.get(provider, model) === void 0) {
      if (this.size >= this.limit)
        this.evictOldest();
      this.size++;
    }
    let models = this.byProvider.get(provider);
    if (models === void 0)
      this.byProvider.set(provider, models = /* @__PURE__ */ new Map());
    models.set(model, value);
  }
  get entries() {
    return this.size;
  }
  /** Removes every entry `expired` says is stale. */
  sweep(expired) {
    for (const [provider, models] of this.byProvider) {
      for (const [model, value] of models) {
        if (!expired(value))
          continue;
        models.delete(model);
        this.size--;
      }
      if (models.size === 0)
        this.byProvider.delete(provider);
    }
  }
  evictOldest() {
    const first = this.byProvider.entries().next();
    if (first.done === true)
      return;
    const [provider, models] = first.value;
    const oldest = models.keys().next();
    if (oldest.done !== true) {
      models.delete(oldest.value);
      this.size--;
    }
    if (models.size === 0)
      this.byProvider.delete(provider);
  }
};

// packages/pricing/dist/pricing.js
var UNPRICED = { price: null, expires: Infinity };
var fromOverride = (override) => ({ price: override.entry === null ? null : linearPrice(override.entry), expires: Infinity });
function anotherModel(database, provider, model, key) {
  const keyModel = databaseModelId(database, provider, key);
  const ownModel = databaseModelId(database, provider, model);
  return keyModel !== void 0 && ownModel !== void 0 && ownModel !== keyModel;
}
var RESOLUTION_CACHE_LIMIT = 1e3;
var Pricing = class {
  /** The price data in use: the database's name, version and date, or `overrides` without it. */
  info;
  overrides;
  loader;
  cache = new ResolutionCache(RESOLUTION_CACHE_LIMIT);
  // Database prices are dropped when they may have changed, and resolved again on their next use.
  expiry = new ExpiryTimer((now) => {
    let next = Infinity;
    this.cache.sweep((resolution) => {
      if (resolution.expires <= now)
        return true;
      next = Math.min(next, resolution.expires);
      return false;
    });
    return next;
  });
  /** `loader` is for tests; every Pricing shares one loader by default. */
  constructor(options = {}, loader = sharedLoader) {
    this.overrides = new OverrideTable(options.overrides);
    this.loader = options.database === false ? void 0 : loader;
    this.info = this.loader === void 0 ? OVERRIDES_ONLY_INFO : DATABASE_INFO;
  }
  /**
   * The cost in USD of a call of `model` through `provider` with these token counts, or undefined
   * when it has no price (an unknown provider or model, a model kept unpriced, counts that are not
   * counts). A promise while the database is still loading: it settles once the price is known.
   * Never throws; a promise never rejects.
   */
  price(provider, model, usage2) {
    if (typeof provider !== "string" || typeof model !== "string" || usage2 === null || typeof usage2 !== "object")
      return void 0;
    try {
      const known2 = this.cache.get(provider, model);
      if (known2 !== void 0)
        return known2.price?.cost(usage2);
      const resolved = this.resolve(provider, model);
      if (resolved !== void 0)
        return resolved.price?.cost(usage2);
    } catch {
      return void 0;
    }
    return this.loader.load().then(() => this.price(provider, model, usage2), () => void 0);
  }
  /** Loads the database now (say, at startup, to price the first calls without waiting). Never rejects. */
  async load() {
    await this.loader?.load().catch(() => void 0);
  }
  /** Where the database is: not needed yet (`idle`), `loading`, `loaded`, or `failed` to load. */
  get databaseState() {
    return this.loader === void 0 ? "off" : this.loader.state;
  }
  /** The resolution now (and remembered), or undefined while the database has still to load. */
  resolve(provider, model) {
    const override = this.overrides.match(provider, model);
    const resolution = override?.exact === true ? fromOverride(override) : this.resolveWithDatabase(provider, model, override);
    if (resolution === void 0)
      return void 0;
    this.cache.set(provider, model, resolution);
    this.expiry.schedule(resolution.expires);
    return resolution;
  }
  resolveWithDatabase(provider, model, override) {
    if (this.loader === void 0 || this.loader.state === "failed")
      return override === void 0 ? UNPRICED : fromOverride(override);
    const database = this.loader.loaded();
    if (database === void 0)
      return void 0;
    if (override !== void 0 && !anotherModel(database, provider, model, override.key))
      return fromOverride(override);
    return resolveFromDatabase(database, provider, model, Date.now());
  }
};

// packages/pricing/dist/overrides/parse.js
var PricingError = class extends Error {
  name = "PricingError";
};
var PRICE_FIELDS = ["input", "output", "cached", "cacheWrite", "above"];
var TIER_FIELDS = ["tokens", "input", "output", "cached", "cacheWrite"];
var describe = (value) => value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "string" ? JSON.stringify(value) : typeof value === "object" ? "an object" : typeof value === "number" || typeof value === "boolean" ? String(value) : typeof value;
function usd(where, value, optional) {
  if (value === void 0 && optional)
    return void 0;
  if (typeof value !== "number" || !(value >= 0) || value === Infinity) {
    throw new PricingError(`${where} must be a number of USD per million tokens, 0 or more; got ${describe(value)}`);
  }
  return value;
}
function object(where, value, fields) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new PricingError(`${where} must be an object like { "input": 2.5, "output": 10, "cached": 1.25 } (USD per million tokens); got ${describe(value)}`);
  }
  for (const field2 of Object.keys(value)) {
    if (!fields.includes(field2))
      throw new PricingError(`${where} has an unknown field "${field2}"; expected ${fields.join(", ")}`);
  }
  return value;
}
function cachePrices(where, fields) {
  const cached = usd(`${where}.cached`, fields.cached, true);
  const cacheWrite = usd(`${where}.cacheWrite`, fields.cacheWrite, true);
  return { ...cached !== void 0 ? { cached } : {}, ...cacheWrite !== void 0 ? { cacheWrite } : {} };
}
function parseModelPrice(value, where) {
  const fields = object(where, value, PRICE_FIELDS);
  const input = usd(`${where}.input`, fields.input, false);
  const output = usd(`${where}.output`, fields.output, false);
  const price = { input, output, ...cachePrices(where, fields) };
  if (fields.above === void 0)
    return price;
  const tier2 = object(`${where}.above`, fields.above, TIER_FIELDS);
  const tokens = tier2.tokens;
  if (typeof tokens !== "number" || !Number.isInteger(tokens) || tokens < 0) {
    throw new PricingError(`${where}.above.tokens must be a whole number of input tokens; got ${describe(tokens)}`);
  }
  const above = {
    tokens,
    input: usd(`${where}.above.input`, tier2.input, false),
    output: usd(`${where}.above.output`, tier2.output, false),
    ...cachePrices(`${where}.above`, tier2)
  };
  return { ...price, above };
}
function parsePriceTable(value, where) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new PricingError(`${where} must be an object of model ids to prices, like { "my-model": { "input": 1, "output": 2 } }; got ${describe(value)}`);
  }
  const table = {};
  for (const [model, price] of Object.entries(value)) {
    if (model.trim() === "")
      throw new PricingError(`${where} has an empty model id`);
    table[model] = price === null ? null : parseModelPrice(price, `${where}[${JSON.stringify(model)}]`);
  }
  return table;
}

// packages/sdk/dist/pricing-option.js
function isPriceSource(option) {
  return option instanceof Pricing || typeof option.price === "function" && typeof option.info === "object";
}
function resolvePricing(option) {
  if (option === false)
    return void 0;
  if (option === void 0)
    return new Pricing();
  if (option === null || typeof option !== "object" || Array.isArray(option)) {
    throw new ConfigError(`pricing ${JSON.stringify(option)} is invalid: expected model prices, { file: 'prices.json' }, a Pricing or false`);
  }
  if (isPriceSource(option))
    return option;
  const { file, ...inline } = option;
  const table = (value, where, prefix) => {
    try {
      return parsePriceTable(value, where);
    } catch (error) {
      throw error instanceof PricingError ? new ConfigError(`${prefix}${error.message}`) : error;
    }
  };
  const fromFile = file === void 0 ? {} : table(readPriceFile(file), String(file), "pricing.file: ");
  return new Pricing({ overrides: { ...fromFile, ...table(inline, "pricing", "") } });
}
function readPriceFile(file) {
  if (typeof file !== "string" || file.trim() === "") {
    throw new ConfigError(`pricing.file ${JSON.stringify(file)} is invalid: expected the path of a JSON file of model prices`);
  }
  const path = resolvePath(file);
  let text2;
  try {
    text2 = readFileSync3(path, "utf8");
  } catch (error) {
    const code = error.code;
    const why = code === "ENOENT" ? "there is no such file" : code === "EISDIR" ? "it is a directory" : error.message;
    throw new ConfigError(`pricing.file '${file}' cannot be read (${path}): ${why}`);
  }
  try {
    return JSON.parse(text2);
  } catch (error) {
    throw new ConfigError(`pricing.file '${file}' is not valid JSON: ${error.message}`);
  }
}

// packages/sdk/dist/resolve.js
var DEFAULT_INTERVAL_MS = 6e4;
var DEFAULT_TIMEOUT_MS = 3e4;
var DEFAULT_EXPORTER_TIMEOUT_MS = 1e4;
function exporters(options) {
  if (options.meterProvider !== void 0)
    return /* @__PURE__ */ new Set();
  const fromEnv = envMetricsExporters();
  const chosen = new Set(fromEnv ?? []);
  const codeChose = options.prometheus !== void 0 || options.otlp !== void 0;
  if (fromEnv === void 0 && !codeChose)
    chosen.add("prometheus");
  if (options.prometheus !== void 0) {
    if (options.prometheus === false)
      chosen.delete("prometheus");
    else
      chosen.add("prometheus");
  }
  if (options.otlp !== void 0) {
    if (options.otlp === false)
      chosen.delete("otlp");
    else
      chosen.add("otlp");
  }
  return chosen;
}
function resolveConfig(input) {
  const options = checkStartOptions(input);
  if (options.meterProvider !== void 0 && (options.prometheus !== void 0 && options.prometheus !== false || options.otlp !== void 0 && options.otlp !== false)) {
    throw new ConfigError("prometheus and otlp cannot be combined with meterProvider: PromptKit records into your MeterProvider, and its readers serve and push. Add a Prometheus reader or an OTLP reader to it (for example NodeSDK's metricReaders)");
  }
  const chosen = exporters(options);
  const otlpEnv = envOtlp();
  return {
    metrics: options.metrics !== false && !envSdkDisabled(),
    prometheus: chosen.has("prometheus") ? resolvePrometheus(options.prometheus) : void 0,
    otlp: chosen.has("otlp") ? resolveOtlp(options.otlp, otlpEnv) : void 0,
    console: chosen.has("console") ? { intervalMs: otlpEnv.intervalMs ?? DEFAULT_INTERVAL_MS } : void 0,
    resource: resolveResource(options),
    registerGlobal: options.registerGlobal ?? true,
    pricing: resolvePricing(options.pricing),
    semconv: options.semconv === "gen_ai" || options.semconv === void 0 && envSemconvOptIn().includes(GEN_AI_OPT_IN) ? "gen_ai" : void 0,
    labelLimits: options.labelLimits,
    meterProvider: options.meterProvider,
    views: options.views ?? [],
    shutdownOnSignals: options.shutdownOnSignals ?? false,
    histograms: options.histograms ?? envHistograms() ?? "classic",
    exemplarFilter: options.exemplarFilter ?? envExemplarFilter() ?? "trace_based",
    nativeHistogramMaxBuckets: options.nativeHistogramMaxBuckets ?? DEFAULT_NATIVE_MAX_BUCKETS
  };
}
function resolvePrometheus(code) {
  const resolved = resolveExporterOptions(code === false ? void 0 : code, "prometheus");
  const env = envPrometheus();
  const given = typeof code === "object" ? code : typeof code === "number" ? { port: code } : typeof code === "string" ? { port: 0, host: "" } : {};
  return {
    ...resolved,
    host: "host" in given ? resolved.host : env.host,
    port: given.port !== void 0 ? resolved.port : env.port ?? resolved.port,
    ownMeterProvider: false
  };
}
function resolveOtlp(code, env) {
  const options = checkOtlp(code) ?? {};
  const protocol = options.protocol ?? env.protocol ?? "http/protobuf";
  const http = protocol !== "grpc";
  const withPath = (base) => http && !/\/v1\/metrics\/?$/.test(base) ? `${base.replace(/\/+$/, "")}/v1/metrics` : base;
  let url;
  if (options.endpoint !== void 0)
    url = withPath(options.endpoint);
  else if (env.endpoint !== void 0)
    url = env.endpointIsFull ? env.endpoint : withPath(env.endpoint);
  else
    url = http ? "http://localhost:4318/v1/metrics" : "http://localhost:4317";
  const intervalMs = options.intervalMs ?? env.intervalMs ?? DEFAULT_INTERVAL_MS;
  let timeoutMs = options.timeoutMs ?? env.timeoutMs ?? Math.min(DEFAULT_TIMEOUT_MS, intervalMs);
  if (timeoutMs > intervalMs) {
    reportProblem("env timeout", `the OTLP export timeout (${timeoutMs} ms) is longer than the export interval (${intervalMs} ms); the interval is used`);
  }
  if (timeoutMs === 0 || timeoutMs > intervalMs)
    timeoutMs = intervalMs;
  const exporterTimeout = env.exporterTimeoutMs ?? DEFAULT_EXPORTER_TIMEOUT_MS;
  return {
    url,
    protocol,
    headers: { ...env.headers, ...options.headers },
    intervalMs,
    timeoutMs,
    exporterTimeoutMs: exporterTimeout === 0 ? timeoutMs : Math.min(exporterTimeout, timeoutMs),
    temporality: options.temporality ?? env.temporality ?? "cumulative",
    compression: options.compression ?? env.compression
  };
}
function resolveResource(options) {
  const attributes = { ...options.resource };
  if (options.serviceName !== void 0)
    attributes["service.name"] = options.serviceName;
  if (options.serviceVersion !== void 0)
    attributes["service.version"] = options.serviceVersion;
  return attributes;
}

// packages/sdk/dist/telemetry.js
import { metrics as metrics5 } from "@opentelemetry/api";

// packages/sdk/dist/instrument/measure.js
async function measure(now, fn) {
  const startedAt = now();
  try {
    const value = await fn();
    return { ok: true, value, durationMs: now() - startedAt };
  } catch (error) {
    return { ok: false, error, durationMs: now() - startedAt };
  }
}

// packages/sdk/dist/instrument/run.js
import { randomUUID } from "node:crypto";

// packages/sdk/dist/instrument/emit.js
var performanceClock = () => performance.now();
var Emitter = class {
  publisher;
  now;
  envelope;
  constructor(publisher, context2, now) {
    this.publisher = publisher;
    this.now = now;
    const envelope = {};
    if (context2.runId !== void 0)
      envelope.runId = context2.runId;
    if (context2.sessionId !== void 0)
      envelope.sessionId = context2.sessionId;
    if (context2.conversationId !== void 0)
      envelope.conversationId = context2.conversationId;
    this.envelope = envelope;
  }
  emit(type, data) {
    try {
      this.publisher.publish({ type, timestamp: Date.now(), ...this.envelope, data });
    } catch (error) {
      reportProblem("helpers publish", `publishing '${type}' threw (${describeError(error)}); the instrumented call was not affected`);
    }
  }
};

// packages/sdk/dist/instrument/usage.js
var USAGE_KEYS = ["inputTokens", "outputTokens", "cachedTokens", "cacheWriteTokens", "reasoningTokens"];
function neutralUsage(value) {
  const usage2 = field(value, "usage");
  if (usage2 === null || typeof usage2 !== "object")
    return void 0;
  const counts = {};
  for (const key of USAGE_KEYS) {
    const count2 = field(usage2, key);
    if (typeof count2 === "number")
      counts[key] = count2;
  }
  if (Object.keys(counts).length === 0) {
    let keys = "";
    try {
      keys = Object.keys(usage2).slice(0, 5).join(", ");
    } catch {
      keys = "unreadable";
    }
    reportProblem("helpers usage shape", `a provider result has a 'usage' object without inputTokens/outputTokens (keys: ${keys}); its tokens are not recorded: pass a 'usage' extractor that maps it to { inputTokens, outputTokens, cachedTokens, cacheWriteTokens, reasoningTokens }`);
    return void 0;
  }
  return counts;
}
function neutralCost(value) {
  const cost = field(value, "cost");
  return typeof cost === "number" ? cost : void 0;
}
function neutralFinishReason(value) {
  const reason = field(value, "finishReason");
  return typeof reason === "string" ? reason : void 0;
}
function extract(extractor, source, neutral, what) {
  try {
    return extractor === void 0 ? neutral(source) : extractor(source) ?? void 0;
  } catch (error) {
    reportProblem(`helpers ${what} read`, `reading '${what}' from a result threw (${describeError(error)}); the call is recorded without it`);
    return void 0;
  }
}
function settleUsage(usage2, call) {
  if (usage2 === void 0)
    return void 0;
  const out = {};
  for (const key of USAGE_KEYS)
    if (typeof usage2[key] === "number")
      out[key] = usage2[key];
  const parts = [
    ["cachedTokens", "inputTokens"],
    ["cacheWriteTokens", "inputTokens"],
    ["reasoningTokens", "outputTokens"]
  ];
  for (const [part, whole] of parts) {
    const value = out[part];
    const total = out[whole];
    if (value !== void 0 && total !== void 0 && value > total) {
      reportProblem(`helpers ${part} exceeds ${whole}`, `${call.provider} ${call.model}: ${part} (${value}) exceeds ${whole} (${total}); ${whole} must count every token, ${part} included (for Anthropic add cache_read_input_tokens and cache_creation_input_tokens to input_tokens). The ${part} count was not recorded`);
      delete out[part];
    }
  }
  return Object.keys(out).length > 0 ? out : void 0;
}
function completedData(call, durationMs, report, timeToFirstTokenMs) {
  const data = {
    provider: call.provider,
    model: call.model,
    durationMs
  };
  const usage2 = settleUsage(report.usage, call);
  if (usage2 !== void 0)
    Object.assign(data, usage2);
  if (report.cost !== void 0)
    data.cost = report.cost;
  if (report.finishReason !== void 0)
    data.finishReason = report.finishReason;
  if (timeToFirstTokenMs !== void 0)
    data.timeToFirstTokenMs = timeToFirstTokenMs;
  return data;
}

// packages/sdk/dist/instrument/provider.js
async function callProvider(emitter, call, fn, onCompleted) {
  const { provider, model } = call;
  emitter.emit("provider.call.started", { provider, model });
  const outcome = await measure(emitter.now, fn);
  if (!outcome.ok) {
    emitter.emit("provider.call.failed", { provider, model, durationMs: outcome.durationMs, error: outcome.error });
    throw outcome.error;
  }
  const result = outcome.value;
  const data = completedData(call, outcome.durationMs, {
    usage: extract(call.usage, result, neutralUsage, "usage"),
    cost: extract(call.cost, result, neutralCost, "cost"),
    finishReason: extract(call.finishReason, result, neutralFinishReason, "finishReason")
  });
  emitter.emit("provider.call.completed", data);
  onCompleted?.(data);
  return result;
}

// packages/sdk/dist/instrument/stream.js
function instrumentStream(source, options) {
  const { bus, now = performanceClock, runId, sessionId, conversationId } = options;
  return observeStream(new Emitter(bus, { runId, sessionId, conversationId }, now), options, source);
}
function observeStream(emitter, call, source, onCompleted) {
  return { [Symbol.asyncIterator]: () => observe(emitter, call, source, onCompleted) };
}
async function* observe(emitter, call, source, onCompleted) {
  const { provider, model } = call;
  const now = emitter.now;
  emitter.emit("provider.call.started", { provider, model });
  const startedAt = now();
  const usage2 = {};
  let sawUsage = false;
  let cost;
  let finishReason;
  let firstChunkAt;
  let settled = false;
  let withConsumer = false;
  const complete = () => {
    settled = true;
    const ttft = firstChunkAt === void 0 ? void 0 : firstChunkAt - startedAt;
    const data = completedData(call, now() - startedAt, { usage: sawUsage ? usage2 : void 0, cost, finishReason }, ttft);
    emitter.emit("provider.call.completed", data);
    onCompleted?.(data);
  };
  try {
    const iterable = isAsyncIterable(source) ? source : await source();
    for await (const chunk of iterable) {
      firstChunkAt ??= now();
      const reported = extract(call.usage, chunk, neutralUsage, "usage");
      if (reported !== void 0) {
        sawUsage = true;
        for (const [key, value] of Object.entries(reported))
          if (typeof value === "number")
            usage2[key] = value;
      }
      cost = extract(call.cost, chunk, neutralCost, "cost") ?? cost;
      finishReason = extract(call.finishReason, chunk, neutralFinishReason, "finishReason") ?? finishReason;
      withConsumer = true;
      yield chunk;
      withConsumer = false;
    }
    complete();
  } catch (error) {
    if (!settled) {
      if (withConsumer)
        complete();
      else {
        settled = true;
        emitter.emit("provider.call.failed", { provider, model, durationMs: now() - startedAt, error });
      }
    }
    throw error;
  } finally {
    if (!settled)
      complete();
  }
}
function isAsyncIterable(source) {
  return source !== null && (typeof source === "object" || typeof source === "function") && Symbol.asyncIterator in source;
}

// packages/sdk/dist/instrument/run.js
function createRun(bus, options = {}) {
  return openRun(bus, options).run;
}
function openRun(bus, options = {}) {
  const { runId = randomUUID(), sessionId, conversationId, now = performanceClock } = options;
  const emitter = new Emitter(bus, { runId, sessionId, conversationId }, now);
  const totals = { calls: 0, inputTokens: 0, outputTokens: 0, cost: 0 };
  let stages = 0;
  const addCall = (data) => {
    totals.calls++;
    totals.inputTokens = add(totals.inputTokens, data.inputTokens);
    totals.outputTokens = add(totals.outputTokens, data.outputTokens);
    totals.cost = add(totals.cost, data.cost);
  };
  const run = {
    runId,
    async stage(name, stageType, fn) {
      const index = stages++;
      emitter.emit("stage.started", { name, stageType, index });
      const outcome = await measure(now, fn);
      const { durationMs } = outcome;
      if (!outcome.ok) {
        emitter.emit("stage.failed", { name, stageType, index, durationMs, error: outcome.error });
        throw outcome.error;
      }
      emitter.emit("stage.completed", { name, stageType, index, durationMs });
      return outcome.value;
    },
    provider(call, fn) {
      return callProvider(emitter, call, fn, addCall);
    },
    async tool(toolName, fn, options2 = {}) {
      const ids = options2.callId === void 0 ? {} : { callId: options2.callId };
      emitter.emit("tool.call.started", { toolName, ...ids });
      const outcome = await measure(now, fn);
      const { durationMs } = outcome;
      if (!outcome.ok) {
        emitter.emit("tool.call.failed", { toolName, ...ids, durationMs, error: outcome.error });
        throw outcome.error;
      }
      emitter.emit("tool.call.completed", { toolName, ...ids, durationMs });
      return outcome.value;
    },
    async validate(validatorName, validatorType, fn) {
      emitter.emit("validation.started", { validatorName, validatorType });
      const outcome = await measure(now, fn);
      const { durationMs } = outcome;
      if (!outcome.ok) {
        emitter.emit("validation.failed", { validatorName, validatorType, durationMs, violations: [outcome.error] });
        throw outcome.error;
      }
      const verdict = readVerdict(outcome.value);
      if (verdict.passed)
        emitter.emit("validation.passed", { validatorName, validatorType, durationMs });
      else if (verdict.violations === void 0)
        emitter.emit("validation.failed", { validatorName, validatorType, durationMs });
      else
        emitter.emit("validation.failed", { validatorName, validatorType, durationMs, violations: verdict.violations });
      return outcome.value;
    },
    stream(call, source) {
      return observeStream(emitter, call, source, addCall);
    }
  };
  return { run, emitter, totals };
}
function readVerdict(value) {
  if (value === false)
    return { passed: false };
  const passed = field(value, "passed");
  if (typeof passed === "boolean") {
    const violations = field(value, "violations");
    return Array.isArray(violations) ? { passed, violations } : { passed };
  }
  return { passed: true };
}
function add(total, amount) {
  if (total === void 0 || amount === void 0 || !Number.isFinite(amount) || amount < 0)
    return void 0;
  return total + amount;
}

// packages/sdk/dist/instrument/pipeline.js
async function instrumentPipeline(bus, fn, options = {}) {
  const { run, emitter, totals } = openRun(bus, options);
  emitter.emit("pipeline.started", {});
  const outcome = await measure(emitter.now, () => fn(run));
  if (!outcome.ok) {
    emitter.emit("pipeline.failed", { durationMs: outcome.durationMs, error: outcome.error });
    throw outcome.error;
  }
  const data = { durationMs: outcome.durationMs };
  if (totals.calls > 0) {
    if (totals.cost !== void 0)
      data.totalCost = totals.cost;
    if (totals.inputTokens !== void 0)
      data.inputTokens = totals.inputTokens;
    if (totals.outputTokens !== void 0)
      data.outputTokens = totals.outputTokens;
  }
  emitter.emit("pipeline.completed", data);
  return outcome.value;
}

// packages/sdk/dist/telemetry.js
var SIGNALS = ["SIGTERM", "SIGINT"];
var SETTLE_TIMEOUT_MS = 5e3;
async function settle(settled) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, SETTLE_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([settled().catch(() => void 0), timeout]);
  clearTimeout(timer);
}
function makeTelemetry(parts) {
  const { meterProvider, owned, prometheus, config } = parts;
  const timeoutMillis = (config.otlp?.timeoutMs ?? 3e4) + 1e3;
  let stopped;
  let flushedBeforeExit = false;
  const forceFlush = async () => {
    if (stopped)
      return;
    await settle(parts.settled);
    if (stopped || owned === void 0)
      return;
    await owned.forceFlush({ timeoutMillis }).catch((error) => {
      reportProblem("flush", `forceFlush did not complete: ${describeError(error)}`);
    });
  };
  const beforeExit = () => {
    if (flushedBeforeExit || stopped)
      return;
    flushedBeforeExit = true;
    void forceFlush();
  };
  const onSignal = (signal) => {
    void shutdown().then(() => {
      if (process.listenerCount(signal) === 0)
        process.kill(process.pid, signal);
    });
  };
  const shutdown = () => {
    stopped ??= (async () => {
      process.off("beforeExit", beforeExit);
      for (const signal of SIGNALS)
        process.off(signal, onSignal);
      parts.stopListener();
      await settle(parts.settled);
      if (owned !== void 0) {
        await owned.shutdown({ timeoutMillis }).catch((error) => {
          reportProblem("shutdown", `shutdown did not flush completely: ${describeError(error)}`);
        });
      }
      await prometheus?.shutdown();
      if (owned !== void 0 && metrics5.getMeterProvider() === meterProvider)
        metrics5.disable();
    })();
    return stopped;
  };
  if (parts.pushes)
    process.on("beforeExit", beforeExit);
  if (config.shutdownOnSignals)
    for (const signal of SIGNALS)
      process.once(signal, onSignal);
  return {
    eventBus: parts.eventBus,
    meterProvider,
    prometheus,
    metrics: parts.handles,
    config: redactConfig(config),
    pipeline: (fn, options) => instrumentPipeline(parts.eventBus, fn, options),
    forceFlush,
    shutdown
  };
}

// packages/sdk/dist/start.js
function buildResource(config) {
  const attributes = { ...config.resource };
  const detected = detectResources({ detectors: [envDetector] });
  if (attributes["service.instance.id"] === void 0 && detected.attributes["service.instance.id"] === void 0)
    attributes["service.instance.id"] = randomUUID2();
  return defaultResource().merge(detected).merge(resourceFromAttributes(attributes));
}
function listen(eventBus, meterProvider, config) {
  const listener = new MetricsListener({ meterProvider, semconv: config.semconv ?? false, exemplarFilter: config.exemplarFilter, ...config.pricing ? { pricing: config.pricing } : {} });
  return { stopListener: eventBus.subscribeAll(listener.listener()), settled: () => listener.settled() };
}
async function startMetrics(config = {}) {
  const resolved = resolveConfig(config instanceof PipelineConfig ? config.options : config);
  const eventBus = new EventBus();
  const common = { eventBus, config: resolved, pushes: false };
  if (!resolved.metrics) {
    const meterProvider2 = new MeterProvider2();
    return makeTelemetry({ ...common, meterProvider: meterProvider2, owned: meterProvider2, prometheus: void 0, handles: noopPromptKitMetrics, stopListener: () => void 0, settled: () => Promise.resolve() });
  }
  if (resolved.meterProvider !== void 0) {
    const meterProvider2 = resolved.meterProvider;
    attachMeterProvider(meterProvider2, resolved.labelLimits);
    const handles2 = createPromptKitMetrics({ meterProvider: meterProvider2 });
    return makeTelemetry({ ...common, meterProvider: meterProvider2, owned: void 0, prometheus: void 0, handles: handles2, ...listen(eventBus, meterProvider2, resolved) });
  }
  if (resolved.prometheus)
    await checkNativeServing(resolved.histograms, "histograms");
  const prometheus = resolved.prometheus ? new PrometheusExporter(resolved.prometheus) : void 0;
  const readers = [];
  if (prometheus)
    readers.push(prometheus.reader);
  if (resolved.otlp)
    readers.push(await createOtlpReader(resolved.otlp));
  if (resolved.console)
    readers.push(createConsoleReader(resolved.console.intervalMs));
  const meterProvider = buildMeterProvider({
    resource: buildResource(resolved),
    readers,
    views: resolved.views,
    histograms: resolved.histograms,
    nativeHistogramMaxBuckets: resolved.nativeHistogramMaxBuckets,
    ...resolved.labelLimits ? { labelLimits: resolved.labelLimits } : {}
  });
  prometheus?.bindMeterProvider(meterProvider);
  try {
    await prometheus?.start();
  } catch (error) {
    await meterProvider.shutdown().catch(() => void 0);
    throw error;
  }
  if (resolved.registerGlobal && !metrics6.setGlobalMeterProvider(meterProvider)) {
    reportProblem("global provider taken", "another global MeterProvider is registered; record* functions will not reach startMetrics() readers");
  }
  const handles = createPromptKitMetrics({ meterProvider });
  return makeTelemetry({
    ...common,
    meterProvider,
    owned: meterProvider,
    prometheus,
    handles,
    ...listen(eventBus, meterProvider, resolved),
    pushes: resolved.otlp !== void 0 || resolved.console !== void 0
  });
}

// packages/sdk/dist/serverless/flush.js
var DEFAULT_FLUSH_TIMEOUT_MS = 2e3;
function flushTimeout(timeoutMs) {
  if (timeoutMs === void 0)
    return DEFAULT_FLUSH_TIMEOUT_MS;
  if (typeof timeoutMs === "number" && Number.isFinite(timeoutMs) && timeoutMs >= 0)
    return timeoutMs;
  reportProblem("flush timeout option", `flush timeoutMs=${String(timeoutMs)} is not a number of milliseconds \u2265 0; ${DEFAULT_FLUSH_TIMEOUT_MS} is used`);
  return DEFAULT_FLUSH_TIMEOUT_MS;
}
async function flushMetrics(target, options = {}) {
  const timeoutMs = flushTimeout(options.timeoutMs);
  let timer;
  const flushed = (async () => {
    const flushable = await target;
    await flushable.forceFlush();
    return "flushed";
  })().catch((error) => {
    reportProblem("serverless flush failed", `flushing metrics failed: ${describeError(error)}`);
    return "failed";
  });
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve("timed out"), timeoutMs);
  });
  try {
    if (await Promise.race([flushed, timedOut]) === "timed out") {
      reportProblem("serverless flush timed out", `flushing metrics took longer than ${timeoutMs} ms; the invocation goes on without waiting for it`);
    }
  } finally {
    clearTimeout(timer);
  }
}

// packages/sdk/dist/serverless/handler.js
var DEADLINE_RESERVE_MS = 200;
function remainingMs(context2) {
  if (typeof context2 !== "object" || context2 === null)
    return void 0;
  try {
    const read = context2.getRemainingTimeInMillis;
    if (typeof read !== "function")
      return void 0;
    const remaining = read.call(context2);
    return typeof remaining === "number" && Number.isFinite(remaining) ? remaining : void 0;
  } catch {
    return void 0;
  }
}
function withMetricsFlush(handler, options) {
  const timeoutMs = flushTimeout(options.timeoutMs);
  const flush = async (context2) => {
    const remaining = remainingMs(context2);
    const budget = remaining === void 0 ? timeoutMs : Math.min(timeoutMs, remaining - DEADLINE_RESERVE_MS);
    if (budget > 0)
      await flushMetrics(options.telemetry, { timeoutMs: budget });
  };
  return async function flushingHandler(event, context2) {
    let result;
    try {
      result = await handler.call(this, event, context2);
    } catch (error) {
      await flush(context2);
      throw error;
    }
    await flush(context2);
    return result;
  };
}
export {
  ConfigError,
  DEADLINE_RESERVE_MS,
  DEFAULT_FLUSH_TIMEOUT_MS,
  HISTOGRAM_MODES,
  OTLP_PROTOCOLS,
  OTLP_TEMPORALITIES,
  PRICE_DATA_AS_OF,
  PRICE_DATA_SOURCE,
  PRICE_DATA_VERSION,
  PipelineConfig,
  Pricing,
  createRun,
  defaultPipelineConfig,
  flushMetrics,
  instrumentPipeline,
  instrumentStream,
  startMetrics,
  withMetricsFlush
};
