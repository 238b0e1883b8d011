import type { MetricData, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { NATIVE_STREAM_SUFFIX } from './views.js';

/**
 * One entry per instrumentation scope. A reader appends its producers' results after the SDK's own,
 * so PromptKit's counters arrive in a second entry of PromptKit's scope; merged, a push or a render
 * has the same shape whichever way the counters were collected.
 */
export function mergeScopes(resourceMetrics: ResourceMetrics): ResourceMetrics {
  if (!Array.isArray(resourceMetrics?.scopeMetrics)) return resourceMetrics;
  const byScope = new Map<string, ScopeMetrics>();
  let merged = false;
  for (const entry of resourceMetrics.scopeMetrics) {
    const { name, version = '', schemaUrl = '' } = entry.scope;
    const key = `${name}\u0000${version}\u0000${schemaUrl}`;
    const seen = byScope.get(key);
    if (seen === undefined) byScope.set(key, { scope: entry.scope, metrics: [...entry.metrics] });
    else {
      seen.metrics.push(...entry.metrics);
      merged = true;
    }
  }
  return merged ? { resource: resourceMetrics.resource, scopeMetrics: [...byScope.values()] } : resourceMetrics;
}

/**
 * What an OTLP push carries of histograms recorded both ways (`histograms: 'both'`): the exponential
 * stream under the instrument's own name, and not the classic one, so a receiver never gets two
 * metrics of one name.
 */
export function nativeForPush(resourceMetrics: ResourceMetrics): ResourceMetrics {
  if (!Array.isArray(resourceMetrics?.scopeMetrics)) return resourceMetrics;
  let changed = false;
  const scopeMetrics = resourceMetrics.scopeMetrics.map((scope) => {
    const natives = new Set<string>();
    for (const metric of scope.metrics) {
      const name = metric.descriptor.name;
      if (name.endsWith(NATIVE_STREAM_SUFFIX)) natives.add(name.slice(0, -NATIVE_STREAM_SUFFIX.length));
    }
    if (natives.size === 0) return scope;
    changed = true;
    const metrics: MetricData[] = [];
    for (const metric of scope.metrics) {
      const name = metric.descriptor.name;
      if (natives.has(name)) continue;
      if (!name.endsWith(NATIVE_STREAM_SUFFIX)) metrics.push(metric);
      else metrics.push({ ...metric, descriptor: { ...metric.descriptor, name: name.slice(0, -NATIVE_STREAM_SUFFIX.length) } });
    }
    return { scope: scope.scope, metrics };
  });
  return changed ? { resource: resourceMetrics.resource, scopeMetrics } : resourceMetrics;
}
