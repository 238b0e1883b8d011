// Checks that a dashboard query or an alert expression has data on a real backend, shared by the
// dashboard end-to-end tests.
import assert from 'node:assert/strict';
import type { PromQL } from './prometheus.js';

/** Grafana's macros as the end-to-end tests set them: scrapes every second, 30 s rate windows. */
export const WINDOWS = { range: '5m', rateInterval: '30s' } as const;

/**
 * The alert expression with every threshold opened: comparisons on the condition's side always
 * hold and those after `unless` never do, so the result shows whether the underlying data is there
 * (an alert over a healthy workload is rightly empty as written).
 */
export function opened(expr: string): string {
  const [condition, ...exceptions] = expr.split(/\bunless\b/);
  const open = (part: string, value: string) => part.replace(/>\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w.])/g, `> ${value}`);
  return [open(condition!, '-1e300'), ...exceptions.map((e) => open(e, '1e300'))].join(' unless ');
}

/** One element of an instant query's result: a float sample or a native histogram sample. */
export interface ResultElement {
  metric: Record<string, string>;
  value?: [number, string];
  histogram?: [number, { count: string; sum: string }];
}

/** Evaluates `expr`, asserts it succeeded and returned at least one element; returns the elements. */
export async function assertData(backend: PromQL, what: string, expr: string): Promise<ResultElement[]> {
  const body = await backend.raw(expr);
  assert.equal(body.status, 'success', `${what}: ${expr}\n${body.error}`);
  const result = (body.data?.result ?? []) as ResultElement[];
  assert.ok(result.length > 0, `${what} returned no data: ${expr}`);
  return result;
}

/** True when an element is a number (not NaN) or a histogram with observations. */
export function hasValue(element: ResultElement): boolean {
  if (element.histogram) return Number(element.histogram[1].count) > 0;
  return element.value !== undefined && !Number.isNaN(Number(element.value[1]));
}
