import { DEFAULT_LABEL_LIMITS, OVERFLOW_VALUE, type LabelLimits, type LimitedLabel } from './catalog.js';
import { labelValue } from './labels.js';

/**
 * Hard caps on distinct values per label, shared by every family on one MeterProvider. Values past
 * a label's cap become `_other`: the record is kept (no count is lost) and the overflow is counted.
 * The cap is PromptKit's own state, so it holds across any number of scrapes and pushes.
 */
export class LabelLimiter {
  private readonly caps: Record<string, number>;
  private readonly accepted = new Map<string, Set<string>>();
  // Raw value → clean value, for values already seen: the common case skips sanitising.
  private readonly known = new Map<string, Map<string, string>>();

  constructor(
    limits: LabelLimits = {},
    private readonly onOverflow: (label: LimitedLabel) => void = () => {},
  ) {
    this.caps = { ...DEFAULT_LABEL_LIMITS, ...limits };
    for (const [label, cap] of Object.entries(this.caps)) {
      if (!Number.isInteger(cap) || cap < 1) throw new Error(`label limit for '${label}' must be a whole number of at least 1, not ${cap}`);
      this.accepted.set(label, new Set());
      this.known.set(label, new Map());
    }
  }

  /** The label value to record, or undefined when the value is not a string (the record is dropped). */
  value(label: LimitedLabel, raw: unknown): string | undefined {
    const known = this.known.get(label)!;
    if (typeof raw === 'string') {
      const hit = known.get(raw);
      if (hit !== undefined) return hit;
    }
    const clean = labelValue(raw);
    if (clean === undefined) return undefined;
    const accepted = this.accepted.get(label)!;
    if (!accepted.has(clean)) {
      if (accepted.size >= this.caps[label]!) {
        this.onOverflow(label);
        return OVERFLOW_VALUE;
      }
      accepted.add(clean);
    }
    // Bounded: only accepted values are remembered, at most a few raw spellings each.
    if (known.size < this.caps[label]! * 4) known.set(raw as string, clean);
    return clean;
  }

  cap(label: LimitedLabel): number {
    return this.caps[label]!;
  }
}
