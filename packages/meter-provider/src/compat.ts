// What differs between the OpenTelemetry JS SDK lines PromptKit supports (sdk-metrics 2.x and 3.x)
// is kept here, so the rest of the code is written once against one shape.
import type { HrTime } from '@opentelemetry/api';
import type { CollectionResult } from '@opentelemetry/sdk-metrics';

type Resource = CollectionResult['resourceMetrics']['resource'];

/** Milliseconds since the epoch as OpenTelemetry's [seconds, nanoseconds]. */
export function hrTime(ms: number): HrTime {
  const seconds = Math.trunc(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

/** HrTime as milliseconds since the epoch. */
export function hrTimeToMs(time: HrTime): number {
  return time[0] * 1000 + time[1] / 1e6;
}

// A producer's resource is discarded by the reader (which keeps the SDK's own); this stands in for it.
const NO_RESOURCE = {
  attributes: {},
  asyncAttributesPending: false,
  waitForAsyncAttributes: () => Promise.resolve(),
  merge: (other: Resource | null) => other ?? NO_RESOURCE,
  getRawAttributes: () => [],
} as unknown as Resource;

export function emptyResource(): Resource {
  return NO_RESOURCE;
}
