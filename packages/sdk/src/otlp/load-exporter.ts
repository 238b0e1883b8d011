import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from '@promptkit/meter-provider';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { OtlpProtocol } from '../options.js';

const PACKAGES: Record<OtlpProtocol, string> = {
  'http/protobuf': '@opentelemetry/exporter-metrics-otlp-proto',
  'http/json': '@opentelemetry/exporter-metrics-otlp-http',
  grpc: '@opentelemetry/exporter-metrics-otlp-grpc',
};

// The exporter release built on each @opentelemetry/sdk-metrics release (they pin it exactly):
// installing that one keeps a single copy of the SDK.
const EXPORTER_RELEASES: Record<string, string> = {
  '2.0': '0.200.0',
  '2.1': '0.206.0',
  '2.2': '0.208.0',
  '2.3': '0.209.0',
  '2.4': '0.210.0',
  '2.5': '0.212.0',
  '2.6': '0.214.0',
  '2.7': '0.218.0',
  '2.8': '0.219.0',
  '2.9': '0.220.0',
  '2.10': '0.221.0',
  '2.11': '0.222.0',
  '2.12': '0.223.0',
  '3.0': '0.300.0',
  '3.1': '0.301.0',
};

const require = createRequire(import.meta.url);

/** The installed @opentelemetry/sdk-metrics version, read from its package.json. */
export function sdkMetricsVersion(): string | undefined {
  try {
    let dir = dirname(require.resolve('@opentelemetry/sdk-metrics'));
    for (let depth = 0; depth < 6; depth++, dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@opentelemetry/sdk-metrics') return pkg.version;
    }
  } catch {
    // Unknown: the message then names the release line only.
  }
  return undefined;
}

/** `npm install <package>@<release matching the SDK line installed here>`. */
export function installCommand(protocol: OtlpProtocol): string {
  const name = PACKAGES[protocol];
  const version = sdkMetricsVersion();
  const minor = version?.split('.').slice(0, 2).join('.');
  const release = minor === undefined ? undefined : EXPORTER_RELEASES[minor];
  if (release !== undefined) return `npm install ${name}@${release}`;
  const line = version?.startsWith('3.') ? '0.30x' : '0.2xx';
  return `npm install ${name} (the ${line} release that depends on your @opentelemetry/sdk-metrics ${version ?? ''})`.replace(' )', ')');
}

interface ExporterModule {
  OTLPMetricExporter: new (config: Record<string, unknown>) => PushMetricExporter;
}

/**
 * The OpenTelemetry exporter class for a protocol, loaded only when that protocol is chosen (an
 * application that only serves /metrics loads neither gRPC nor protobuf). Rejects with a
 * ConfigError naming the package and the version to install when it is missing.
 */
export async function loadExporter(protocol: OtlpProtocol): Promise<ExporterModule['OTLPMetricExporter']> {
  const name = PACKAGES[protocol];
  try {
    const module = (await import(name)) as Partial<ExporterModule>;
    if (typeof module.OTLPMetricExporter !== 'function') throw new Error(`${name} has no OTLPMetricExporter`);
    return module.OTLPMetricExporter;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new ConfigError(`OTLP over ${protocol} needs ${name}, which is not installed: ${installCommand(protocol)}`, { cause: error });
    }
    throw error;
  }
}

/** gRPC metadata for the gRPC exporter, from @grpc/grpc-js as the exporter itself resolves it. */
export function grpcMetadata(headers: Record<string, string>): unknown {
  const exporterRequire = createRequire(require.resolve('@opentelemetry/otlp-grpc-exporter-base', { paths: [require.resolve(PACKAGES.grpc)] }));
  const { Metadata } = exporterRequire('@grpc/grpc-js') as { Metadata: new () => { set(key: string, value: string): void } };
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return metadata;
}
