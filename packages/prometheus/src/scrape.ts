import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import { mergeScopes, pendingCallbacks } from '@promptkit/meter-provider';
import { GEN_AI_METER_NAME, METER_NAME, metricDefinitions } from '@promptkit/metrics';
import type { ExpositionFormat } from './exposition/formats.js';
import { metricName } from './exposition/metric-names.js';
import { buildFamilies, type Family, type Problem } from './exposition/model.js';

const gzipAsync = promisify(gzip);

export interface ScrapeOptions {
  withScopeLabels: boolean;
  withTargetInfo: boolean;
  collectTimeoutMs: number;
}

/** One collection and what was rendered from it, shared by every scrape that overlaps it. */
interface Collection {
  families: Promise<Family[]>;
  bodies: Map<string, Promise<Buffer>>;
}

const PROTECTED_SCOPES: ReadonlySet<string> = new Set([METER_NAME, GEN_AI_METER_NAME]);
// PromptKit's catalog names are PromptKit's in every scrape, also before it records into them. The
// GenAI convention's names are not: other instrumentations emit them too, and share them while
// PromptKit's GenAI scope has no data.
const PROMPTKIT_FAMILIES: ReadonlyMap<string, string> = new Map(metricDefinitions.map((d) => [metricName(d.name, d.unit, d.kind), METER_NAME]));
const MAX_REPORTED = 1_000;

/**
 * A callback timeout of the SDK's collection: its TimeoutError class does not set `name` (it stays
 * 'Error'), so the class is recognised by its constructor's name; no import, as its export may move.
 */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.constructor.name === 'TimeoutError');
}

/**
 * Collects a reader's metrics for scrapes. Scrapes that arrive while a collection is under way
 * share it and share each rendered (and compressed) body: forty concurrent scrapes cost one
 * collection and one render per format. A collection is bounded in time: callbacks that have not
 * settled by then are left out, and named once through `diag`.
 *
 * Collecting and rendering hold the thread, so a scrape that arrives meanwhile is only read after
 * they are done. A collection therefore starts from an immediate (every request already read in
 * this turn of the event loop joins it) and stays current until its bodies are ready and one more
 * turn has read the requests that queued up. A client that sends a scrape after receiving the
 * previous answer is read later than that, and gets a fresh collection.
 */
export class Scraper {
  private current: Collection | undefined;
  private readonly reported = new Set<string>();

  constructor(
    private readonly reader: MetricReader,
    private readonly options: ScrapeOptions,
    private readonly provider: () => object | undefined,
  ) {}

  families(): Promise<Family[]> {
    return this.collection().families;
  }

  /**
   * The body of a scrape in `format`, gzipped when asked; shared with overlapping scrapes. With
   * `shared` false (a direct render), a collection of its own: it holds whatever was recorded before.
   */
  body(format: ExpositionFormat, compress: boolean, shared = true): Promise<Buffer> {
    const collection = shared ? this.collection() : this.start();
    const key = `${format.id}${compress ? '+gzip' : ''}`;
    let body = collection.bodies.get(key);
    if (body === undefined) {
      body = collection.families.then(async (families) => {
        const rendered = format.render(families);
        const bytes = typeof rendered === 'string' ? Buffer.from(rendered) : Buffer.from(rendered.buffer, rendered.byteOffset, rendered.byteLength);
        return compress ? gzipAsync(bytes) : bytes;
      });
      collection.bodies.set(key, body);
    }
    return body;
  }

  private start(): Collection {
    const families = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.collect());
    return { families, bodies: new Map() };
  }

  private collection(): Collection {
    if (this.current !== undefined) return this.current;
    const collection = this.start();
    this.current = collection;
    void this.releaseWhenReady(collection);
    return collection;
  }

  private async releaseWhenReady(collection: Collection): Promise<void> {
    await collection.families.catch(() => undefined);
    let waited: number;
    do {
      waited = collection.bodies.size;
      await Promise.allSettled(collection.bodies.values());
    } while (collection.bodies.size > waited);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.current === collection) this.current = undefined;
  }

  private async collect(): Promise<Family[]> {
    const timeoutMillis = this.options.collectTimeoutMs;
    const { resourceMetrics, errors } = await this.reader.collect({ timeoutMillis });
    if (errors.length > 0) this.reportErrors(errors);
    const problems: Problem[] = [];
    const families = buildFamilies(mergeScopes(resourceMetrics), {
      withScopeLabels: this.options.withScopeLabels,
      protectedScopes: PROTECTED_SCOPES,
      reservedNames: PROMPTKIT_FAMILIES,
      ...(this.options.withTargetInfo ? { targetInfo: resourceMetrics.resource.attributes } : {}),
    }, problems);
    for (const problem of problems) this.once(problem.key, problem.message);
    return families;
  }

  private reportErrors(errors: unknown[]): void {
    const provider = this.provider();
    const pending = provider === undefined ? [] : pendingCallbacks(provider);
    const timedOut = errors.some(isTimeout);
    if (timedOut && pending.length > 0) {
      for (const name of pending)
        this.once(`pending ${name}`, `the callback of observable instrument '${name}' did not settle within ${this.options.collectTimeoutMs} ms; scrapes are served without it until it does`);
    } else {
      reportProblem('collect errors', `${errors.length} error(s) while collecting metrics for /metrics: ${errors.slice(0, 3).map(describeError).join('; ')}`);
    }
  }

  /** One diag line per key (per instrument), for as long as the exporter lives. */
  private once(key: string, message: string): void {
    if (this.reported.has(key) || this.reported.size >= MAX_REPORTED) return;
    this.reported.add(key);
    reportProblem(`scrape ${key}`, message);
  }
}
