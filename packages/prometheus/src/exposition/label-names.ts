// Label names and label sets from OpenTelemetry attributes, valid whatever the keys: sanitised as
// the OpenTelemetry specification and Prometheus' otlptranslator LabelNamer do it, and merged when
// several keys map to one name (values joined with `;`, ordered by the original keys).
import type { Attributes, AttributeValue } from '@opentelemetry/api';

const cache = new Map<string, string>();

/**
 * A Prometheus label name for an attribute key: characters outside [a-zA-Z0-9] become `_`, runs of
 * `_` collapse (so no name starts with the reserved `__`), `key_` goes before a leading digit. ''
 * when nothing usable is left (an empty key, or only punctuation and non-ASCII characters).
 */
export function labelName(key: string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let name = key.replace(/[^a-zA-Z0-9]/g, '_').replace(/__+/g, '_');
  if (/^[0-9]/.test(name)) name = `key_${name}`;
  if (/^_*$/.test(name)) name = '';
  if (cache.size < 10_000) cache.set(key, name);
  return name;
}

/** The string form of an attribute value: strings as they are, arrays as JSON, others as text. */
export function labelValue(value: AttributeValue | undefined): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    try {
      return JSON.stringify(value);
    } catch {
      return '';
    }
  }
  return String(value);
}

/** What a label set lost or changed, for one diag report per instrument. */
export interface LabelRepairs {
  merged: string[];
  dropped: string[];
  renamed: string[];
  /** Series left out because their labels, once written, repeat another series'. */
  duplicates: number;
  /**
   * Set when some label set was not a one-to-one copy of its attributes (a key renamed, merged or
   * dropped, a value that was not a non-empty string, scope labels added): only then can two data
   * points write the same labels, so only then must the caller look for repeats.
   */
  lossy?: boolean;
}

/**
 * The label pairs of one data point, in a stable order. `extra` pairs (scope labels) come first as
 * if they were attributes; attributes whose names collide with `reserved` (`le`, `quantile`) get a
 * `key_` prefix; keys that map to the same name are merged. A pair whose value is empty is left
 * out: Prometheus reads `k=""` as no label `k`, so writing it would let two series look different
 * here and be one series there.
 */
export function labelPairs(
  attributes: Attributes,
  extra: readonly (readonly [string, string])[],
  reserved: ReadonlySet<string>,
  repairs?: LabelRepairs,
): [string, string][] {
  const keys = Object.keys(attributes);
  // The common case, in one pass: every key is already a unique, valid, unreserved name ('' is
  // none: labelName('') is '') and every value a non-empty string, so the labels copy the attributes.
  if (extra.length === 0) {
    const out: [string, string][] = [];
    let copied = true;
    for (const key of keys) {
      if (key === '' || labelName(key) !== key || reserved.has(key)) {
        copied = false;
        break;
      }
      const value = attributes[key];
      if (typeof value === 'string' && value !== '') out.push([key, value]);
      else {
        if (repairs !== undefined) repairs.lossy = true;
        const text = value === undefined ? '' : labelValue(value);
        if (text !== '') out.push([key, text]);
      }
    }
    if (copied) return out;
  }
  if (repairs !== undefined) repairs.lossy = true;
  const sources: [originalKey: string, name: string, value: string][] = extra.map(([name, value]) => [name, name, value]);
  for (const key of keys) {
    const value = attributes[key];
    if (value === undefined) continue;
    let name = labelName(key);
    if (name === '') {
      repairs?.dropped.push(key);
      continue;
    }
    if (reserved.has(name)) {
      repairs?.renamed.push(key);
      name = `key_${name}`;
    }
    sources.push([key, name, labelValue(value)]);
  }
  sources.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const byName = new Map<string, string>();
  for (const [key, name, value] of sources) {
    const seen = byName.get(name);
    if (seen === undefined) byName.set(name, value);
    else {
      byName.set(name, `${seen};${value}`);
      repairs?.merged.push(key);
    }
  }
  return [...byName].filter(([, value]) => value !== '');
}
