// A loopback OTLP metrics receiver for wire-format tests. It decodes every request with
// OpenTelemetry's own protobuf definitions (the opentelemetry-proto v1.4.0 .proto files, as shipped
// in the @elastic/mockotlpserver package), so a request that is not a valid
// ExportMetricsServiceRequest is rejected and recorded instead of being half-understood.
//
//  - gRPC: `opentelemetry.proto.collector.metrics.v1.MetricsService/Export`, with the service
//    definition loaded by @grpc/proto-loader from metrics_service.proto.
//  - HTTP: `POST /v1/metrics` with `application/x-protobuf` (protobufjs `decode`) or
//    `application/json` (OTLP/JSON: lowerCamelCase names, enums as integers, 64-bit integers as
//    strings, trace and span ids as hex; read with protobufjs `fromObject`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

export type OtlpWireProtocol = 'grpc' | 'http/json' | 'http/protobuf';

/** A decoded ExportMetricsServiceRequest as a plain object (protobufjs `toObject`, camelCase names). */
export type ExportRequest = Record<string, unknown>;

export interface ReceivedExport {
  protocol: OtlpWireProtocol;
  /** HTTP request headers, or gRPC metadata for `grpc`; names lower-cased. */
  headers: Record<string, string>;
  /** `toObject({ longs: Number, enums: String, defaults: true })` of the decoded request. */
  request: ExportRequest;
  /** OTLP/JSON only: field names the official definitions do not have (e.g. snake_case ones). */
  unknownFields: string[];
}

export interface RejectedExport {
  protocol: OtlpWireProtocol | 'http';
  headers: Record<string, string>;
  /** Why the request was rejected (400 over HTTP, INVALID_ARGUMENT over gRPC). */
  error: string;
}

export interface OtlpReceiver {
  /** For `otlp.endpoint` with protocol `grpc`: `http://127.0.0.1:PORT`. */
  grpcUrl: string;
  /** Base URL for the HTTP protocols (the exporter appends `/v1/metrics`): `http://127.0.0.1:PORT`. */
  httpUrl: string;
  /** Every request that decoded, in arrival order. */
  requests: ReceivedExport[];
  /** Every request that did not decode; a test asserts this stays empty. */
  errors: RejectedExport[];
  /** Stops both servers (at once: open calls and connections are cut). Idempotent. */
  stop(): Promise<void>;
}

const METRICS_SERVICE_PROTO = 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto';
const SERVICE_NAME = 'opentelemetry.proto.collector.metrics.v1.MetricsService';
const REQUEST_TYPE = 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest';
const RESPONSE_TYPE = 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse';

/** toObject options every protocol's request is turned into a plain object with. */
export const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, defaults: true };

/** The folder holding `opentelemetry/proto/**` (the official opentelemetry-proto files). */
export const protoRoot = dirname(createRequire(import.meta.url).resolve('@elastic/mockotlpserver/package.json'));

let types: { root: protobuf.Root; request: protobuf.Type; response: protobuf.Type } | undefined;

/** The official ExportMetricsService{Request,Response} types, loaded once with protobufjs. */
export function otlpTypes(): { root: protobuf.Root; request: protobuf.Type; response: protobuf.Type } {
  if (!types) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => join(protoRoot, target);
    root.loadSync(METRICS_SERVICE_PROTO, { keepCase: false });
    root.resolveAll();
    types = { root, request: root.lookupType(REQUEST_TYPE), response: root.lookupType(RESPONSE_TYPE) };
  }
  return types;
}

/** Decodes an OTLP/HTTP protobuf body; throws on anything that is not an ExportMetricsServiceRequest. */
export function decodeProtobuf(body: Uint8Array): ExportRequest {
  const { request } = otlpTypes();
  const message = request.decode(body);
  const problem = request.verify(message);
  if (problem) throw new Error(`decoded message does not verify: ${problem}`);
  return request.toObject(message, TO_OBJECT);
}

/**
 * Reads an OTLP/JSON body with the official definitions. protobufjs `fromObject` applies the
 * proto3 JSON mapping for the rest (int64 as strings, enums as integers or names, bytes as
 * base64), but OTLP/JSON writes trace and span ids as hex, so those are converted first. Throws on
 * invalid JSON and on values `fromObject` cannot take; field names the definitions do not know are
 * returned in `unknownFields` (fromObject would silently drop them).
 */
export function decodeJson(text: string): { request: ExportRequest; unknownFields: string[] } {
  const { request } = otlpTypes();
  const json: unknown = JSON.parse(text);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('the body is not a JSON object');
  const unknownFields: string[] = [];
  const prepared = prepareJson(request, json as Record<string, unknown>, '', unknownFields);
  const message = request.fromObject(prepared);
  const problem = request.verify(message);
  if (problem) throw new Error(`message does not verify: ${problem}`);
  return { request: request.toObject(message, TO_OBJECT), unknownFields };
}

/** Walks OTLP/JSON against `type`: collects unknown field names and turns hex ids into bytes. */
function prepareJson(type: protobuf.Type, object: Record<string, unknown>, path: string, unknown: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    // The proto3 JSON mapping lets a reader accept the original field name too; OTLP/JSON says
    // lowerCamelCase, so a snake_case name is reported as unknown here (and dropped by fromObject).
    const field = type.fields[key];
    const where = path ? `${path}.${key}` : key;
    if (!field) {
      unknown.push(where);
      continue;
    }
    field.resolve();
    if (value === null) continue;
    const convert = (item: unknown, at: string): unknown => {
      if (field.resolvedType instanceof protobuf.Type) {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Error(`${at}: object expected`);
        return prepareJson(field.resolvedType, item as Record<string, unknown>, at, unknown);
      }
      if (field.type === 'bytes' && (key === 'traceId' || key === 'spanId') && typeof item === 'string') {
        if (!/^(?:[0-9a-fA-F]{2})*$/.test(item)) throw new Error(`${at}: hex id expected, got ${JSON.stringify(item)}`);
        return Buffer.from(item, 'hex');
      }
      return item;
    };
    if (field.repeated) {
      if (!Array.isArray(value)) throw new Error(`${where}: array expected`);
      out[key] = value.map((item, i) => convert(item, `${where}[${i}]`));
    } else {
      out[key] = convert(value, where);
    }
  }
  return out;
}

function headerRecord(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function metadataRecord(metadata: grpc.Metadata): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata.getMap())) {
    out[name.toLowerCase()] = Buffer.isBuffer(value) ? value.toString('base64') : String(value);
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? 'identity').toLowerCase()) {
    case 'identity':
      return body;
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    default:
      throw new Error(`unsupported Content-Encoding ${encoding}`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts the gRPC and HTTP receivers on 127.0.0.1, each on an ephemeral port. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const { response: responseType } = otlpTypes();
  const requests: ReceivedExport[] = [];
  const errors: RejectedExport[] = [];

  // gRPC: the service definition (method path, response serializer) comes from proto-loader; the
  // request deserializer is replaced by a pass-through so that the handler decodes the bytes itself
  // with the same official type and can record a decode failure instead of grpc-js answering it.
  const packageDefinition = protoLoader.loadSync(METRICS_SERVICE_PROTO, {
    includeDirs: [protoRoot],
    keepCase: false,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const loaded = packageDefinition[SERVICE_NAME] as grpc.ServiceDefinition | undefined;
  const exportMethod = loaded?.Export;
  if (!loaded || !exportMethod || exportMethod.path !== `/${SERVICE_NAME}/Export`) {
    throw new Error(`${METRICS_SERVICE_PROTO} has no ${SERVICE_NAME}/Export`);
  }
  const service: grpc.ServiceDefinition = {
    Export: { ...exportMethod, requestDeserialize: (bytes: Buffer) => bytes },
  };
  const grpcServer = new grpc.Server();
  grpcServer.addService(service, {
    Export: (call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const headers = metadataRecord(call.metadata);
      try {
        const request = decodeProtobuf(call.request);
        requests.push({ protocol: 'grpc', headers, request, unknownFields: [] });
        callback(null, responseType.toObject(responseType.create({})));
      } catch (error) {
        errors.push({ protocol: 'grpc', headers, error: errorText(error) });
        callback({ code: grpc.status.INVALID_ARGUMENT, details: `cannot decode ExportMetricsServiceRequest: ${errorText(error)}` });
      }
    },
  });
  const grpcPort = await new Promise<number>((resolve, reject) => {
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    );
  });

  const httpServer: Server = createServer((req, res) => {
    void handleHttp(req, res);
  });
  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const headers = headerRecord(req.headers);
    const reject = (status: number, protocol: RejectedExport['protocol'], error: string) => {
      errors.push({ protocol, headers, error });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`${error}\n`);
    };
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/v1/metrics') return reject(404, 'http', `${req.method} ${req.url} is not POST /v1/metrics`);
    const contentType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let body: Buffer;
    try {
      body = decompress(await readBody(req), headers['content-encoding']);
    } catch (error) {
      return reject(400, 'http', `cannot read the body: ${errorText(error)}`);
    }
    if (contentType === 'application/x-protobuf') {
      let request: ExportRequest;
      try {
        request = decodeProtobuf(body);
      } catch (error) {
        return reject(400, 'http/protobuf', `cannot decode ExportMetricsServiceRequest: ${errorText(error)}`);
      }
      requests.push({ protocol: 'http/protobuf', headers, request, unknownFields: [] });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(responseType.encode(responseType.create({})).finish());
    } else if (contentType === 'application/json') {
      let decoded: ReturnType<typeof decodeJson>;
      try {
        decoded = decodeJson(body.toString('utf8'));
      } catch (error) {
        return reject(400, 'http/json', `cannot decode ExportMetricsServiceRequest: ${errorText(error)}`);
      }
      requests.push({ protocol: 'http/json', headers, ...decoded });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(responseType.toObject(responseType.create({}))));
    } else {
      reject(415, 'http', `unsupported Content-Type ${JSON.stringify(headers['content-type'])}`);
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
    });
  } catch (error) {
    grpcServer.forceShutdown();
    throw error;
  }
  const httpPort = (httpServer.address() as AddressInfo).port;

  let stopped: Promise<void> | undefined;
  return {
    grpcUrl: `http://127.0.0.1:${grpcPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    requests,
    errors,
    stop() {
      stopped ??= (async () => {
        grpcServer.forceShutdown();
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      })();
      return stopped;
    },
  };
}

// ---- flatten: a decoded request in the shape tests assert on ----

export type FlatValue = string | number | boolean | null | FlatValue[] | { [key: string]: FlatValue };

export interface FlatPoint {
  attributes: Record<string, string>;
  /** Sum and gauge points. */
  value?: number;
  /** Histogram points. */
  count?: number;
  sum?: number;
  bucketCounts?: number[];
  explicitBounds?: number[];
  startTimeUnixNano: number;
  timeUnixNano: number;
}

export interface FlatMetric {
  name: string;
  unit: string;
  description: string;
  type: 'sum' | 'gauge' | 'histogram';
  /** Sums only. */
  monotonic?: boolean;
  /** `cumulative` or `delta` for sums and histograms (`unspecified` if the sender left it out). */
  temporality?: 'cumulative' | 'delta' | 'unspecified';
  /** The instrumentation scope (meter) the metric came from. */
  scope: { name: string; version: string };
  points: FlatPoint[];
}

export interface FlatRequest {
  resource: Record<string, FlatValue>;
  metrics: FlatMetric[];
}

type Obj = Record<string, unknown>;
const list = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : []);
/** An OTLP string field; absent (or not a string) reads as proto3's default, ''. */
const stringField = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An OTLP AnyValue as a plain value. */
export function anyValue(value: unknown): FlatValue {
  const v = (value ?? {}) as Obj;
  if ('stringValue' in v) return String(v.stringValue);
  if ('boolValue' in v) return Boolean(v.boolValue);
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('arrayValue' in v) return list((v.arrayValue as Obj | undefined)?.values).map(anyValue);
  if ('kvlistValue' in v) return keyValues((v.kvlistValue as Obj | undefined)?.values);
  if ('bytesValue' in v) return Buffer.from(v.bytesValue as Uint8Array).toString('base64');
  return null;
}

/** An OTLP KeyValue list as a record. */
export function keyValues(kvs: unknown): Record<string, FlatValue> {
  const out: Record<string, FlatValue> = {};
  for (const kv of list(kvs)) out[String(kv.key)] = anyValue(kv.value);
  return out;
}

function stringAttributes(kvs: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(keyValues(kvs))) out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}

function temporalityOf(value: unknown): FlatMetric['temporality'] {
  switch (value) {
    case 'AGGREGATION_TEMPORALITY_CUMULATIVE':
    case 2:
      return 'cumulative';
    case 'AGGREGATION_TEMPORALITY_DELTA':
    case 1:
      return 'delta';
    default:
      return 'unspecified';
  }
}

function numberPoint(p: Obj): FlatPoint {
  const value = 'asDouble' in p ? Number(p.asDouble) : 'asInt' in p ? Number(p.asInt) : undefined;
  return {
    attributes: stringAttributes(p.attributes),
    ...(value === undefined ? {} : { value }),
    startTimeUnixNano: Number(p.startTimeUnixNano),
    timeUnixNano: Number(p.timeUnixNano),
  };
}

function histogramPoint(p: Obj): FlatPoint {
  return {
    attributes: stringAttributes(p.attributes),
    count: Number(p.count),
    ...('sum' in p ? { sum: Number(p.sum) } : {}),
    bucketCounts: list(p.bucketCounts).map(Number),
    explicitBounds: list(p.explicitBounds).map(Number),
    startTimeUnixNano: Number(p.startTimeUnixNano),
    timeUnixNano: Number(p.timeUnixNano),
  };
}

/**
 * One request's resource attributes (of its single resource; a request with several resources
 * must not be flattened) and every metric, with points in an easy shape.
 */
export function flatten(request: ExportRequest): FlatRequest {
  const resourceMetrics = list(request.resourceMetrics);
  const resources = new Set(resourceMetrics.map((rm) => JSON.stringify(keyValues((rm.resource as Obj | undefined)?.attributes))));
  if (resources.size > 1) throw new Error(`the request carries ${resources.size} different resources`);
  const resource = keyValues((resourceMetrics[0]?.resource as Obj | undefined)?.attributes);
  const metrics: FlatMetric[] = [];
  for (const rm of resourceMetrics) {
    for (const sm of list(rm.scopeMetrics)) {
      const scopeObj = (sm.scope ?? {}) as Obj;
      const scope = { name: stringField(scopeObj.name), version: stringField(scopeObj.version) };
      for (const m of list(sm.metrics)) {
        const base = { name: stringField(m.name), unit: stringField(m.unit), description: stringField(m.description), scope };
        if (m.sum) {
          const sum = m.sum as Obj;
          metrics.push({
            ...base,
            type: 'sum',
            monotonic: Boolean(sum.isMonotonic),
            temporality: temporalityOf(sum.aggregationTemporality),
            points: list(sum.dataPoints).map(numberPoint),
          });
        } else if (m.gauge) {
          metrics.push({ ...base, type: 'gauge', points: list((m.gauge as Obj).dataPoints).map(numberPoint) });
        } else if (m.histogram) {
          const histogram = m.histogram as Obj;
          metrics.push({
            ...base,
            type: 'histogram',
            temporality: temporalityOf(histogram.aggregationTemporality),
            points: list(histogram.dataPoints).map(histogramPoint),
          });
        } else {
          const kind = Object.keys(m).find((k) => ['exponentialHistogram', 'summary'].includes(k)) ?? 'no data';
          throw new Error(`metric ${String(m.name)} has ${kind}, which flatten() does not handle`);
        }
      }
    }
  }
  return { resource, metrics };
}
