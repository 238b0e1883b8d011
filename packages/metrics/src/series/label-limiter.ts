import { labelValue } from './label-value.js';

/** The label value that stands for every value past a label's cardinality cap. */
export const OVERFLOW_VALUE = '_other';

/**
 * Default caps on distinct values per label. With them the largest families stay near a few
 * thousand series: provider × model × status = 10 × 50 × 2, validator × type × status = 50 × 10 × 2.
 */
export const DEFAULT_LABEL_LIMITS = {
  provider: 10,
  model: 50,
  stage: 50,
  stage_type: 10,
  tool: 200,
  validator: 50,
  validator_type: 10,
} as const;
export type LimitedLabel = keyof typeof DEFAULT_LABEL_LIMITS;
/** Caps on distinct values per free-text label; values past a cap become `_other`. */
export type LabelLimits = Partial<Record<LimitedLabel, number>>;

/** Why `limits` cannot be used (the label and the value), or undefined when they can. */
export function labelLimitsProblem(limits: unknown): string | undefined {
  if (limits === null || typeof limits !== 'object' || Array.isArray(limits)) return 'expected an object such as { model: 200 }';
  for (const [label, cap] of Object.entries(limits as Record<string, unknown>)) {
    if (!Object.hasOwn(DEFAULT_LABEL_LIMITS, label)) return `'${label}' is not a capped label (expected ${Object.keys(DEFAULT_LABEL_LIMITS).join(', ')})`;
    if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1) return `${label}: ${String(cap)} is not a whole number of at least 1`;
  }
  return undefined;
}

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
    const problem = labelLimitsProblem(limits);
    if (problem !== undefined) throw new TypeError(`invalid labelLimits: ${problem}`);
    for (const label of Object.keys(this.caps)) {
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
