import type { ModelPrice, PriceTable } from './price.js';

/** A price, or null for a model kept unpriced. */
type Entry = ModelPrice | null;

// After a key, the model id must go on with a separator: `gpt-4o` prices `gpt-4o-2024-08-06` and
// `claude-3-5-haiku@20241022`, but `gpt-4` never prices `gpt-4o` and `gpt-4` never prices `gpt-4.5`.
const SEPARATOR = /[^a-z0-9.]/;

// Hosting prefixes in front of a vendor's model id: Bedrock's `us.anthropic.`, `anthropic.`.
const VENDOR_PREFIX = /^(?:(?:us|eu|apac|global|jp|au|ca)\.)?(?:anthropic|openai|google)\./;

/**
 * The model id a table key is compared with: lower case, the last path segment
 * (`models/gemini-1.5-pro-002` → `gemini-1.5-pro-002`, `openai/gpt-4o` → `gpt-4o`) and no
 * hosting prefix (`us.anthropic.claude-3-5-sonnet-20241022-v2:0` → `claude-3-5-sonnet-20241022-v2:0`).
 */
export function normalizeModel(model: string): string {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  return id.replace(VENDOR_PREFIX, '');
}

/** An override that applies to a model id: its price (null: kept unpriced) and the key that matched. */
export interface OverrideMatch {
  readonly entry: Entry;
  /** The matched key, normalized (without its `provider/`). */
  readonly key: string;
  /** True when the key is the whole model id, not a prefix of it. */
  readonly exact: boolean;
}

/** The longest key of `table` that is `id` or a prefix of it followed by a separator. */
function longestPrefix(table: ReadonlyMap<string, Entry> | undefined, id: string): OverrideMatch | undefined {
  if (table === undefined) return undefined;
  const exact = table.get(id);
  if (exact !== undefined) return { entry: exact, key: id, exact: true };
  for (let end = id.length - 1; end > 0; end--) {
    if (!SEPARATOR.test(id[end]!)) continue;
    const key = id.slice(0, end);
    const entry = table.get(key);
    if (entry !== undefined) return { entry, key, exact: false };
  }
  return undefined;
}

/** The application's own prices, matched by model id prefix and, for `provider/model` keys, provider. */
export class OverrideTable {
  private readonly models = new Map<string, Entry>();
  private readonly byProvider = new Map<string, Map<string, Entry>>();

  constructor(table: PriceTable = {}) {
    for (const [key, price] of Object.entries(table)) this.set(key, price);
  }

  /** The override for `model` called through `provider`, or undefined when no key matches. */
  match(provider: string, model: string): OverrideMatch | undefined {
    const id = normalizeModel(model);
    const specific = longestPrefix(this.byProvider.get(provider.trim().toLowerCase()), id);
    const general = longestPrefix(this.models, id);
    // The longest key wins across both tables; on a tie the provider's own price does.
    if (specific !== undefined && (general === undefined || specific.key.length >= general.key.length)) return specific;
    return general;
  }

  /** The price for `model` called through `provider`; null when kept unpriced; undefined when no key matches. */
  lookup(provider: string, model: string): Entry | undefined {
    return this.match(provider, model)?.entry;
  }

  private set(key: string, price: Entry): void {
    const slash = key.indexOf('/');
    if (slash > 0) {
      // `provider/model`: this provider only (e.g. a negotiated rate on one cloud).
      const provider = key.slice(0, slash).trim().toLowerCase();
      let models = this.byProvider.get(provider);
      if (models === undefined) this.byProvider.set(provider, (models = new Map<string, Entry>()));
      models.set(normalizeModel(key.slice(slash + 1)), price);
    } else {
      this.models.set(normalizeModel(key), price);
    }
  }
}
