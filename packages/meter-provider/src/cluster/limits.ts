import type { Attributes } from '@opentelemetry/api';
import { DEFAULT_LABEL_LIMITS, GEN_AI_METER_NAME, METER_NAME, OVERFLOW_VALUE, type LabelLimits, type LimitedLabel } from '@promptkit/metrics';

/**
 * Most series one metric of another scope (the application's own instruments) keeps in the
 * aggregate: OpenTelemetry's default cardinality limit. Further series are merged into one
 * carrying `otel.metric.overflow=true`, as OpenTelemetry does within a process.
 */
export const AGGREGATE_CARDINALITY_LIMIT = 2000;
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ 'otel.metric.overflow': true });

// The GenAI convention metrics carry PromptKit's capped labels under their own names. Models share
// one set of accepted values, as they do within a process; the conventions' provider names are
// spelt differently from PromptKit's provider label, so they get a set of their own.
const CAPPED_IN_SCOPE: Record<string, Record<string, [set: string, label: LimitedLabel]>> = {
  [METER_NAME]: Object.fromEntries(Object.keys(DEFAULT_LABEL_LIMITS).map((label) => [label, [label, label as LimitedLabel]])),
  [GEN_AI_METER_NAME]: {
    'gen_ai.provider.name': ['gen_ai.provider.name', 'provider'],
    'gen_ai.request.model': ['model', 'model'],
    'gen_ai.response.model': ['model', 'model'],
  },
};

// Separators that cannot be confused with text: a name or value that holds one is escaped.
const SEPARATORS = /[\u0000-\u0003]/;

function part(text: string): string {
  return SEPARATORS.test(text) ? `\u0000${JSON.stringify(text)}` : text;
}

/** A series' identity within its metric: attribute keys and values, types told apart (1 is not '1'). */
export function seriesKey(attributes: Attributes): string {
  const names = Object.keys(attributes);
  for (let i = 1; i < names.length; i++) {
    if (names[i]! < names[i - 1]!) {
      names.sort();
      break;
    }
  }
  let key = '';
  for (const name of names) {
    const value = attributes[name];
    key += `${part(name)}\u0001${typeof value === 'string' ? part(value) : `\u0003${JSON.stringify(value)}`}\u0002`;
  }
  return key;
}

/**
 * PromptKit's label caps over the aggregate of many processes. Each process caps its own labels,
 * but four processes may each admit a different set of models: here the values are admitted once,
 * in the order they are first seen, and values past a cap become `_other` for good (a value never
 * moves between its own series and `_other`, so no merged counter goes backwards). Metrics of other
 * scopes keep at most `AGGREGATE_CARDINALITY_LIMIT` series each.
 */
export class AggregateLimits {
  private readonly caps: Record<string, number>;
  private readonly accepted = new Map<string, Set<string>>();
  private readonly admitted = new Map<string, Set<string>>();
  /** Values (or series) that went to the overflow series since the last call of `overflowed()`. */
  private overflows = 0;

  constructor(limits: LabelLimits = {}, private readonly cardinality = AGGREGATE_CARDINALITY_LIMIT) {
    this.caps = { ...DEFAULT_LABEL_LIMITS, ...limits };
  }

  /** Whether the metrics of this scope are capped by label (PromptKit's) rather than by series. */
  static labelCapped(scope: string): boolean {
    return CAPPED_IN_SCOPE[scope] !== undefined;
  }

  /** `attributes` with values past their label's cap replaced by `_other`; the same object when none is. */
  capLabels(scope: string, attributes: Attributes): Attributes {
    const capped = CAPPED_IN_SCOPE[scope];
    if (capped === undefined) return attributes;
    let out: Attributes | undefined;
    for (const name in attributes) {
      const rule = capped[name];
      const value = attributes[name];
      if (rule === undefined || typeof value !== 'string' || value === OVERFLOW_VALUE) continue;
      let accepted = this.accepted.get(rule[0]);
      if (accepted === undefined) this.accepted.set(rule[0], (accepted = new Set()));
      if (accepted.has(value)) continue;
      if (accepted.size < this.caps[rule[1]]!) {
        accepted.add(value);
        continue;
      }
      this.overflows++;
      out ??= { ...attributes };
      out[name] = OVERFLOW_VALUE;
    }
    return out ?? attributes;
  }

  /** For a metric of another scope: the series' key, or the overflow series' once the metric is full. */
  admit(metricId: string, key: string): { key: string; attributes: Attributes | undefined } {
    let admitted = this.admitted.get(metricId);
    if (admitted === undefined) this.admitted.set(metricId, (admitted = new Set()));
    if (admitted.has(key)) return { key, attributes: undefined };
    if (admitted.size < this.cardinality - 1) {
      admitted.add(key);
      return { key, attributes: undefined };
    }
    this.overflows++;
    return { key: seriesKey(OVERFLOW_ATTRIBUTES), attributes: OVERFLOW_ATTRIBUTES };
  }

  /** How many values or series went to an overflow series since the last call. */
  overflowed(): number {
    const count = this.overflows;
    this.overflows = 0;
    return count;
  }
}
