import type { ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';

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
