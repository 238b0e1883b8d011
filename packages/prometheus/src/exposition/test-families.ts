// Families for the format tests: a counter with an exemplar, a gauge, target_info, and histograms
// classic, native and both, each with exemplars.
import type { Exemplar } from '@promptkit/metrics/internal';
import type { Family } from './model.js';
import { nativeHistogram } from './native-histogram.js';

export const START_MS = 1_700_000_000_250;
export const slow: Exemplar = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', value: 7.5, timeMs: 1_700_000_100_125 };
export const fast: Exemplar = { traceId: '1af7651916cd43dd8448eb211c80319c', spanId: 'c7ad6b7169203331', value: 0.2, timeMs: 1_700_000_100_500 };

const exponential = { count: 5, sum: 12.5, scale: 3, zeroCount: 1, positive: { offset: -3, bucketCounts: [1, 0, 0, 0, 0, 2, 1] }, negative: { offset: 0, bucketCounts: [] } };

export function sampleFamilies(): Family[] {
  const labels = [['provider', 'openai'], ['model', 'gpt-4o "mini"\n']] as const;
  return [
    { name: 'target_info', type: 'gauge', help: 'Target metadata', unit: '', series: [{ labels: [['service_name', 'demo']], startMs: 0, value: 1 }] },
    { name: 'promptkit_requests_total', type: 'counter', help: 'Requests with a "quote" and a \\ backslash', unit: '', series: [{ labels, startMs: START_MS, value: 3, exemplars: { latest: slow, buckets: undefined } }] },
    { name: 'promptkit_active', type: 'gauge', help: '', unit: '', series: [{ labels: [], startMs: START_MS, value: -2 }] },
    {
      name: 'promptkit_duration_seconds',
      type: 'histogram',
      help: 'Duration',
      unit: 'seconds',
      series: [
        {
          labels,
          startMs: START_MS,
          value: { count: 5, sum: 12.5, classic: { boundaries: [0.5, 1, 5], counts: [2, 0, 1, 2] }, exponential: undefined },
          exemplars: { latest: slow, buckets: [fast, undefined, undefined, slow] },
        },
      ],
    },
    { name: 'promptkit_native_seconds', type: 'histogram', help: 'Native', unit: 'seconds', series: [{ labels: [], startMs: START_MS, value: { count: 5, sum: 12.5, classic: undefined, exponential, native: nativeHistogram(exponential) }, exemplars: { latest: slow, buckets: [fast, undefined, undefined, slow] } }] },
    { name: 'promptkit_both_seconds', type: 'histogram', help: 'Both', unit: 'seconds', series: [{ labels: [], startMs: START_MS, value: { count: 5, sum: 12.5, classic: { boundaries: [0.5, 1, 5], counts: [2, 0, 1, 2] }, exponential, native: nativeHistogram(exponential) } }] },
  ];
}
