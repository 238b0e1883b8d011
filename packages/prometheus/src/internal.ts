// `@promptkit/prometheus/internal`: for startMetrics() in @promptkit/sdk and PromptKit's tests.
// Not a public API: it may change in any release.
export { resolveExporterOptions } from './options.js';
export type { ResolvedExporterOptions } from './options.js';
export { DEFAULT_PORT, DEFAULT_ENDPOINT, parseAddress } from './address.js';
export { buildFamilies } from './exposition/model.js';
export type { Family, Series, Problem } from './exposition/model.js';
export { renderText } from './exposition/text-format.js';
export { metricName } from './exposition/metric-names.js';
export { labelName } from './exposition/label-names.js';
export { checkNativeServing } from './exposition/formats.js';
export { loadProtobufFormat, OPENMETRICS_FORMAT, TEXT_FORMAT } from './exposition/formats.js';
export type { ExpositionFormat } from './exposition/formats.js';
export { Scraper } from './scrape.js';
