// The histogram modes end to end: PromptKit's `histograms` option and the Prometheus 3.5 settings
// that go with it, and what that Prometheus then stores for a histogram.
import type { HistogramMode } from '@promptkit/sdk';
import type { PromQL } from './prometheus.js';

/** What a Prometheus holds for one histogram. */
export type StoredShape =
  /** `_bucket{le}` (every bound), `_count`, `_sum`; no native series. */
  | 'classic'
  /** One native series named like the histogram; no classic series. */
  | 'native'
  /** Both of the above. */
  | 'both'
  /** `_count`, `_sum` and only the `le="+Inf"` bucket: a native-only histogram scraped as text. */
  | 'count only';

export interface ModeSetup {
  /** How the tests name it. */
  readonly name: string;
  /** PromptKit's `histograms` option. */
  readonly histograms: HistogramMode;
  /** Prometheus `--enable-feature` values. */
  readonly features: readonly string[];
  /** More scrape config lines. */
  readonly settings: readonly string[];
  readonly stores: StoredShape;
}

const EXEMPLARS = 'exemplar-storage';
const NATIVE = 'native-histograms';

/**
 * The modes the docs describe, each with the Prometheus that goes with it. Without the feature flag
 * Prometheus asks for OpenMetrics first (text, with exemplars); with it, for protobuf first.
 */
export const MODES: readonly ModeSetup[] = [
  { name: 'classic', histograms: 'classic', features: [EXEMPLARS], settings: [], stores: 'classic' },
  { name: 'native', histograms: 'native', features: [NATIVE, EXEMPLARS], settings: [], stores: 'native' },
  { name: 'both', histograms: 'both', features: [NATIVE, EXEMPLARS], settings: [], stores: 'native' },
  {
    name: 'both, classic kept',
    histograms: 'both',
    features: [NATIVE, EXEMPLARS],
    settings: ['always_scrape_classic_histograms: true'],
    stores: 'both',
  },
  // The mistake the docs warn about: native histograms for a Prometheus that cannot store them.
  { name: 'native without the feature flag', histograms: 'native', features: [EXEMPLARS], settings: [], stores: 'count only' },
];

/** Reads which series `prometheus` holds for `histogram` (a catalog name). */
export async function storedShape(prometheus: PromQL, histogram: string): Promise<StoredShape | 'none'> {
  const count = async (selector: string) => (await prometheus.query(`count(${selector})`))[0]?.value ?? 0;
  const native = await count(`{__name__="${histogram}"}`);
  const counts = await count(`${histogram}_count`);
  const bounds = await count(`${histogram}_bucket{le!="+Inf"}`);
  if (native > 0) return counts > 0 && bounds > 0 ? 'both' : counts === 0 ? 'native' : 'none';
  if (counts > 0) return bounds > 0 ? 'classic' : 'count only';
  return 'none';
}
