import type { IncomingMessage, ServerResponse } from 'node:http';
import { metrics, type Meter } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import { reportProblem } from '@promptkit/events/adapter';
import { attachMeterProvider, buildMeterProvider, withCounterProducer } from '@promptkit/meter-provider';
import type { LabelLimits } from '@promptkit/metrics';
import { reachableHost } from './address.js';
import { checkNativeServing, TEXT_FORMAT } from './exposition/formats.js';
import { resolveExporterOptions, type PrometheusExporterOptions, type ResolvedExporterOptions } from './options.js';
import { PrometheusReader } from './reader.js';
import { Scraper } from './scrape.js';
import { Authorization } from './server/authorization.js';
import { MetricsEndpoint } from './server/metrics-endpoint.js';
import { MetricsServer } from './server/metrics-server.js';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: unknown) => void;

/**
 * Serves PromptKit's metrics (and any others on the same MeterProvider) for Prometheus to scrape,
 * from its own `node:http` server or through `handler()` in an existing one. Every scrape is valid
 * Prometheus exposition, whatever the instruments on the provider record.
 */
export class PrometheusExporter {
  /** The OpenTelemetry reader behind the endpoint; pass it to a MeterProvider of your own. */
  readonly reader = withCounterProducer((producers) => new PrometheusReader(producers));
  private readonly options: ResolvedExporterOptions;
  private readonly scraper: Scraper;
  private readonly endpoint: MetricsEndpoint;
  private readonly server: MetricsServer;
  private provider: MeterProvider | undefined;

  /**
   * @param address a Go-style address (`':9090'`, `'127.0.0.1:0'`, `'[::1]:9090'`), a port number,
   *   or options. Throws a `ConfigError` naming the option for anything invalid.
   */
  constructor(address?: string | number | PrometheusExporterOptions) {
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
        ...(o.labelLimits ? { labelLimits: o.labelLimits } : {}),
      });
      // Instrumentation that uses the global provider (MetricsListener, record*) then reaches this
      // endpoint. An application that registered its own provider keeps it.
      if (!metrics.setGlobalMeterProvider(this.provider)) {
        reportProblem(
          'global provider taken',
          'a global MeterProvider was already registered; pass { meterProvider: exporter.meterProvider } to MetricsListener to record into this exporter',
        );
      }
    }
  }

  /** The MeterProvider whose metrics this exporter serves. */
  get meterProvider(): MeterProvider {
    if (this.provider === undefined) throw new Error('PrometheusExporter has no MeterProvider yet: call bindMeterProvider() first');
    return this.provider;
  }

  /**
   * Serves a MeterProvider built elsewhere with `readers: [exporter.reader]`. On a provider of the
   * application's, PromptKit's counters are OpenTelemetry counters: every reader and View of the
   * provider applies to them (add `promptkitViews()` to its views for PromptKit's buckets and limits).
   */
  bindMeterProvider(provider: MeterProvider, labelLimits?: LabelLimits): void {
    this.provider = provider;
    attachMeterProvider(provider, labelLimits);
  }

  /** A meter whose instruments appear on this exporter's endpoint beside PromptKit's. */
  getMeter(name: string, version?: string): Meter {
    return this.meterProvider.getMeter(name, version);
  }

  /** The metrics URL, with the real port once started (e.g. `http://127.0.0.1:43121/metrics`). */
  get url(): string {
    const port = this.server.port ?? this.options.port;
    const scheme = this.options.tls ? 'https' : 'http';
    return `${scheme}://${reachableHost(this.options.host)}:${port}${this.options.endpoint}`;
  }

  /** The port listened on, once started. */
  get port(): number | undefined {
    return this.server.port;
  }

  /**
   * Starts the server. Resolves once listening; rejects with the address and the reason, or with a
   * ConfigError when `histograms` is `native` or `both` and `@bufbuild/protobuf` is not installed.
   * The server does not keep the process alive on its own.
   */
  start(): Promise<void> {
    // The check runs in the server's queue, so start() then shutdown() without awaiting still stops.
    const o = this.options;
    return this.server.start(o.ownMeterProvider ? () => checkNativeServing(o.histograms, 'PrometheusExporter histograms') : undefined);
  }

  /** Stops the server and closes open connections. Idempotent; the exporter can be started again. */
  shutdown(): Promise<void> {
    return this.server.shutdown();
  }

  /**
   * A request handler that serves the metrics at any path: `http.createServer(exporter.handler())`
   * or `app.get('/metrics', exporter.handler())`, with the same limits as PromptKit's own server.
   */
  handler(): Handler {
    return this.endpoint.handle;
  }

  /**
   * Collects and renders the text exposition (format 0.0.4), as a scrape would get it, with
   * everything recorded before the call (never a concurrent scrape's collection).
   */
  async render(): Promise<string> {
    return (await this.scraper.body(TEXT_FORMAT, false, false)).toString('utf8');
  }
}
