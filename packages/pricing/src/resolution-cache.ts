/**
 * Resolved prices by provider, then model: two map lookups and no key built per call. Holds at most
 * `limit` entries; past it, the oldest entry makes room (model ids are few in practice, and a
 * dropped one is only resolved again).
 */
export class ResolutionCache<V> {
  private readonly byProvider = new Map<string, Map<string, V>>();
  private size = 0;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get(provider: string, model: string): V | undefined {
    return this.byProvider.get(provider)?.get(model);
  }

  set(provider: string, model: string, value: V): void {
    if (this.get(provider, model) === undefined) {
      if (this.size >= this.limit) this.evictOldest();
      this.size++;
    }
    let models = this.byProvider.get(provider);
    if (models === undefined) this.byProvider.set(provider, (models = new Map<string, V>()));
    models.set(model, value);
  }

  get entries(): number {
    return this.size;
  }

  /** Removes every entry `expired` says is stale. */
  sweep(expired: (value: V) => boolean): void {
    for (const [provider, models] of this.byProvider) {
      for (const [model, value] of models) {
        if (!expired(value)) continue;
        models.delete(model);
        this.size--;
      }
      if (models.size === 0) this.byProvider.delete(provider);
    }
  }

  private evictOldest(): void {
    const first = this.byProvider.entries().next();
    if (first.done === true) return;
    const [provider, models] = first.value;
    const oldest = models.keys().next();
    if (oldest.done !== true) {
      models.delete(oldest.value);
      this.size--;
    }
    if (models.size === 0) this.byProvider.delete(provider);
  }
}
