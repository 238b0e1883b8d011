import { describeError, reportProblem, safeString } from '@promptkit/events/adapter';
import type { EventDataMap } from '@promptkit/events';
import type { Binding } from '../provider-binding.js';
import { isAmount, show, type Recorder } from '../record/recorder.js';
import type { PriceSource } from './price-source.js';
import { warnUnpriced } from './warn-unpriced.js';

/** Calls whose price is still being looked up (the database loading), per listener; past it, calls count as unpriced. */
export const MAX_PENDING_PRICES = 10_000;

type Completed = EventDataMap['provider.call.completed'];

const isCount = (n: unknown) => n === undefined || isAmount(n);

/** The label values of `promptkit_pricing_info`; `unknown` for what a custom source cannot say. */
function infoLabels(source: PriceSource): readonly [source: string, version: string, asOf: string] {
  const read = (field: 'source' | 'version' | 'asOf') => safeString(() => source.info[field]);
  return [read('source'), read('version'), read('asOf')];
}

/**
 * Records the cost of calls that reported tokens but no cost, from a PriceSource: the cost, or a
 * count in `promptkit_provider_unpriced_requests_total` (and one warning per model) when there is
 * none. A price that is not at hand yet is recorded when it settles; `settled()` waits for those.
 */
export class ComputedCosts {
  private readonly recorder: Recorder;
  private readonly source: PriceSource;
  private readonly info: readonly [source: string, version: string, asOf: string];
  private infoBinding: Binding | undefined;
  private pending = 0;
  private waiters: (() => void)[] = [];
  private overflowReported = false;

  constructor(recorder: Recorder, source: PriceSource) {
    this.recorder = recorder;
    this.source = source;
    this.info = infoLabels(source);
    try {
      this.showInfo();
    } catch (error) {
      reportProblem('pricing info', `promptkit_pricing_info could not be set: ${describeError(error)}`);
    }
  }

  /** Prices one completed call that carries no cost of its own. */
  record(call: Completed): void {
    const { provider, model, inputTokens, outputTokens } = call;
    // Invalid counts were dropped and counted by the recorder already; there is nothing to price.
    if (!isCount(inputTokens) || !isCount(outputTokens) || !isCount(call.cachedTokens) || !isCount(call.cacheWriteTokens) || !isCount(call.reasoningTokens)) return;
    if ((inputTokens ?? 0) + (outputTokens ?? 0) === 0) return;
    if (typeof provider !== 'string' || typeof model !== 'string') return;
    this.showInfo();
    let cost: ReturnType<PriceSource['price']>;
    try {
      // The event carries the counts under the names a PriceUsage has: no copy on the record path.
      cost = this.source.price(provider, model, call);
    } catch (error) {
      reportProblem('price source threw', `the price source threw for model ${show(model)}: ${describeError(error)}`);
      return this.unpriced(provider, model);
    }
    if (typeof cost === 'number') return this.recorder.providerCost(provider, model, cost);
    if (cost !== null && typeof cost === 'object' && typeof cost.then === 'function') return this.later(provider, model, cost);
    this.unpriced(provider, model);
  }

  /** Resolves when every price still being looked up has been recorded. */
  settled(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sets `promptkit_pricing_info` on the MeterProvider in force (again when it changes). */
  private showInfo(): void {
    const binding = this.recorder.binding();
    if (binding === this.infoBinding) return;
    this.infoBinding = binding;
    this.recorder.pricingInfo(...this.info);
  }

  private unpriced(provider: string, model: string): void {
    this.recorder.providerUnpriced(provider, model);
    warnUnpriced(this.source, provider, model);
  }

  private later(provider: string, model: string, cost: PromiseLike<number | undefined>): void {
    if (this.pending >= MAX_PENDING_PRICES) {
      if (!this.overflowReported) {
        this.overflowReported = true;
        reportProblem('pricing pending', `more than ${MAX_PENDING_PRICES} calls are waiting for the price database; further calls while it loads are counted as unpriced`);
      }
      return this.recorder.providerUnpriced(provider, model);
    }
    this.pending++;
    const settle = (usd: unknown) => {
      try {
        if (typeof usd === 'number') this.recorder.providerCost(provider, model, usd);
        else this.unpriced(provider, model);
      } catch (error) {
        reportProblem('price settle', `a cost computed later could not be recorded: ${describeError(error)}`);
      } finally {
        if (--this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
      }
    };
    Promise.resolve(cost).then(settle, (error: unknown) => {
      reportProblem('price source rejected', `the price source failed for model ${show(model)}: ${describeError(error)}`);
      settle(undefined);
    });
  }
}
