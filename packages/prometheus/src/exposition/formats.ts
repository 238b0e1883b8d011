// The exposition formats /metrics serves, and choosing one from a request's Accept header the way
// Prometheus' content negotiation guide says (prometheus/docs, instrumenting/content_negotiation.md):
// the acceptable format with the highest q weight, the text format 0.0.4 when none is.
import { ConfigError, type HistogramMode } from '@promptkit/meter-provider';
import type { Family } from './model.js';
import { OPENMETRICS_CONTENT_TYPE, renderOpenMetricsBytes } from './openmetrics-format.js';
import { renderTextBytes, TEXT_CONTENT_TYPE } from './text-format.js';

export interface ExpositionFormat {
  /** A short name, for cache keys and messages. */
  readonly id: 'text' | 'openmetrics' | 'openmetrics+created' | 'protobuf';
  /** The response's Content-Type. */
  readonly contentType: string;
  render(families: readonly Family[]): string | Uint8Array;
}

// Names are always written with underscores (valid under every escaping scheme a scraper may ask
// for); formats from version 1.0.0 on say so, as the negotiation guide asks.
export const TEXT_FORMAT: ExpositionFormat = { id: 'text', contentType: TEXT_CONTENT_TYPE, render: renderTextBytes };
export const OPENMETRICS_FORMAT: ExpositionFormat = { id: 'openmetrics', contentType: `${OPENMETRICS_CONTENT_TYPE}; escaping=underscores`, render: (f) => renderOpenMetricsBytes(f) };
const OPENMETRICS_CREATED_FORMAT: ExpositionFormat = { ...OPENMETRICS_FORMAT, id: 'openmetrics+created', render: (f) => renderOpenMetricsBytes(f, { createdSamples: true }) };

export interface NegotiationOptions {
  /** OpenMetrics answers carry `_created` samples (see OpenMetricsOptions.createdSamples). */
  openMetricsCreatedSamples?: boolean;
}

const PROTOBUF_TYPE = 'application/vnd.google.protobuf';
const PROTOBUF_PROTO = 'io.prometheus.client.MetricFamily';

let protobuf: Promise<ExpositionFormat | undefined> | undefined;
let protobufLoaded: ExpositionFormat | undefined;

/**
 * The protobuf format, or undefined when its optional peer dependency `@bufbuild/protobuf` is not
 * installed. Loaded on first use, so text scrapes never pay for it.
 */
export function loadProtobufFormat(): Promise<ExpositionFormat | undefined> {
  protobuf ??= import('./protobuf/protobuf-format.js').then(
    ({ renderProtobuf, PROTOBUF_CONTENT_TYPE }) => (protobufLoaded = { id: 'protobuf', contentType: `${PROTOBUF_CONTENT_TYPE}; escaping=underscores`, render: renderProtobuf }),
    () => undefined,
  );
  return protobuf;
}

/** The optional peer dependency that encodes the protobuf format, as `npm install` takes it. */
export const PROTOBUF_PACKAGE = '@bufbuild/protobuf@^2.5.0';

/**
 * Resolves when `histograms` can be served as native histograms (classic needs nothing; native and
 * both need the protobuf format); otherwise rejects with a ConfigError naming the package to install.
 */
export async function checkNativeServing(histograms: HistogramMode, option: string): Promise<void> {
  if (histograms === 'classic' || (await loadProtobufFormat()) !== undefined) return;
  throw new ConfigError(
    `${option}: '${histograms}' serves native histograms in Prometheus' protobuf format, which needs the optional dependency @bufbuild/protobuf: npm install ${PROTOBUF_PACKAGE}`,
  );
}

/** True when an Accept header names the protobuf format (so it is worth loading before negotiating). */
export function mayWantProtobuf(accept: string | undefined): boolean {
  return accept !== undefined && accept.toLowerCase().includes(PROTOBUF_TYPE);
}

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [type = '', ...rest] = part.split(';');
    const params = new Map<string, string>();
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
    const q = params.has('q') ? Number(params.get('q')) : 1;
    ranges.push({ type: type.trim().toLowerCase(), params, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges;
}

function formatFor(range: MediaRange, options: NegotiationOptions): ExpositionFormat | undefined {
  const version = range.params.get('version');
  switch (range.type) {
    case PROTOBUF_TYPE:
      return range.params.get('proto') === PROTOBUF_PROTO && range.params.get('encoding') === 'delimited' ? protobufLoaded : undefined;
    case 'application/openmetrics-text':
      // 0.0.1 is the pre-release of the same syntax; Prometheus parses both with one parser.
      if (version !== undefined && version !== '1.0.0' && version !== '0.0.1') return undefined;
      return options.openMetricsCreatedSamples === true ? OPENMETRICS_CREATED_FORMAT : OPENMETRICS_FORMAT;
    case 'text/plain':
      // Text 1.0.0 differs from 0.0.4 only in allowing quoted UTF-8 names, which are never written here.
      return version === undefined || version === '0.0.4' || version === '1.0.0' ? TEXT_FORMAT : undefined;
    case '*/*':
    case 'text/*':
      return TEXT_FORMAT;
    default:
      return undefined;
  }
}

/**
 * The format for an Accept header: the acceptable one with the highest `q` (the first listed among
 * equals); the text format 0.0.4 when the header is absent or names nothing served here. The
 * protobuf format counts only once `loadProtobufFormat()` has found its dependency.
 */
export function negotiate(accept: string | undefined, options: NegotiationOptions = {}): ExpositionFormat {
  if (accept === undefined || accept === '') return TEXT_FORMAT;
  let best: ExpositionFormat | undefined;
  let bestQ = 0;
  for (const range of parseAccept(accept)) {
    if (!(range.q > bestQ)) continue;
    const format = formatFor(range, options);
    if (format === undefined) continue;
    best = format;
    bestQ = range.q;
  }
  return best ?? TEXT_FORMAT;
}
