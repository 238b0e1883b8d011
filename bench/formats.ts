/**
 * What a scrape costs in each exposition format, with and without gzip, against the plain text
 * render: collection, model, rendering (and compression) of 10k counter series, and of 1k histogram
 * label sets recorded both ways (classic buckets and native ones). Context rows: no targets.
 */
import { catalog, createPromptKitMetrics, METER_NAME, METER_VERSION, type LabelLimits } from '@promptkit/metrics';
import { buildMeterProvider, type HistogramMode } from '@promptkit/meter-provider';
import { PrometheusReader } from '@promptkit/prometheus';
import { loadProtobufFormat, OPENMETRICS_FORMAT, Scraper, TEXT_FORMAT, type ExpositionFormat } from '@promptkit/prometheus/internal';
import { withCounterProducer } from '@promptkit/meter-provider';
import { interleave, type TimedCase } from './harness.js';
import { timedRow, type Row } from './report.js';
import { createHistogram, labelValues } from './workload.js';

const PROVIDERS = labelValues('provider', 10);

function scraperFor(histograms: HistogramMode, labelLimits?: LabelLimits) {
  const reader = withCounterProducer((producers) => new PrometheusReader(producers));
  const provider = buildMeterProvider({ readers: [reader], histograms, ...(labelLimits ? { labelLimits } : {}) });
  const scraper = new Scraper(reader, { withScopeLabels: false, withTargetInfo: false, collectTimeoutMs: 5_000 }, () => provider);
  return { provider, scraper };
}

function counterScraper(): Scraper {
  const models = labelValues('model', 500);
  const { provider, scraper } = scraperFor('classic', { provider: PROVIDERS.length, model: models.length });
  const metrics = createPromptKitMetrics({ meterProvider: provider });
  for (const p of PROVIDERS) for (const m of models) for (const status of ['success', 'error'] as const) metrics.providerRequests.bind({ provider: p, model: m, status }).inc(3);
  return scraper;
}

function histogramScraper(): Scraper {
  const { provider, scraper } = scraperFor('both');
  const histogram = createHistogram(provider.getMeter(METER_NAME, METER_VERSION), catalog.providerRequestDuration);
  let i = 0;
  for (const p of PROVIDERS) for (const m of labelValues('model', 100)) for (let k = 0; k < 5; k++) histogram.record(((i++ * 7919) % 6000) / 10, { provider: p, model: m });
  return scraper;
}

function scrapes(scraper: Scraper, format: ExpositionFormat, gzip: boolean, name: string): TimedCase {
  return {
    name,
    run: async (n) => {
      for (let k = 0; k < n; k++) await scraper.body(format, gzip, false);
    },
  };
}

async function section(what: string, scraper: Scraper, protobuf: ExpositionFormat): Promise<Row[]> {
  const cases = [
    scrapes(scraper, TEXT_FORMAT, false, 'text'),
    scrapes(scraper, TEXT_FORMAT, true, 'text+gzip'),
    scrapes(scraper, OPENMETRICS_FORMAT, false, 'openmetrics'),
    scrapes(scraper, OPENMETRICS_FORMAT, true, 'openmetrics+gzip'),
    scrapes(scraper, protobuf, false, 'protobuf'),
    scrapes(scraper, protobuf, true, 'protobuf+gzip'),
  ];
  const timings = await interleave(cases, { rounds: 21, sampleMs: 20, warmupMs: 1500 });
  const text = timings.get('text')!;
  const sizes = await Promise.all(cases.map(async (c) => {
    const [format, gzip] = c.name.split('+') as [string, string | undefined];
    const f = format === 'text' ? TEXT_FORMAT : format === 'openmetrics' ? OPENMETRICS_FORMAT : protobuf;
    return `${c.name} ${(await scraper.body(f, gzip !== undefined, false)).length} B`;
  }));
  const rows = cases.slice(1).map((c) => timedRow({ name: `${c.name} scrape ÷ text scrape, ${what}` }, timings.get(c.name)!, text));
  rows.push({ name: `context: text scrape, ${what} (bodies: ${sizes.join(', ')})`, candidate: text.nsPerOp, unit: 'ns' });
  return rows;
}

export async function run(): Promise<Row[]> {
  const protobuf = await loadProtobufFormat();
  if (protobuf === undefined) throw new Error('the protobuf format needs @bufbuild/protobuf (a devDependency of this repository): run npm install');
  return [...(await section('10k counter series', counterScraper(), protobuf)), ...(await section('1k histogram label sets, classic + native', histogramScraper(), protobuf))];
}
