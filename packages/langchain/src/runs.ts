// The LangChain runs that have started and not yet ended, each with what its end needs to publish.
// LangChain names every run by a `runId` and reports start and end in separate callbacks; a run
// leaves the map when it ends, and the map is capped so runs that never end cannot grow it.
import { ProviderCall, reportProblem, type CallOutcome, type EventPublisher } from '@promptkit/events/adapter';
import type { EventDataMap, EventType, PromptKitEvent } from '@promptkit/events';

type OpenRun =
  | { kind: 'model'; call: ProviderCall }
  | { kind: 'tool'; toolName: string; callId: string | undefined; startedAt: number }
  | { kind: 'pipeline'; startedAt: number }
  | { kind: 'stage'; name: string; stageType: string; startedAt: number };

export interface RunCounts {
  /** Runs started and not yet ended. */
  openRuns: number;
  /** Runs dropped unended because `maxOpenRuns` were open; their ends are not recorded. */
  evictedRuns: number;
}

/** Publishes PromptKit events for LangChain runs by `runId`; never throws. */
export class Runs {
  private readonly open = new Map<string, OpenRun>();
  private evicted = 0;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly maxOpenRuns: number,
  ) {}

  counts(): RunCounts {
    return { openRuns: this.open.size, evictedRuns: this.evicted };
  }

  modelStarted(runId: string, provider: string, model: string, operation: string): void {
    this.add(runId, { kind: 'model', call: new ProviderCall(this.publisher, provider, model, { operation }) });
  }

  /** A streamed token: the first one with content marks the time to first token. */
  modelToken(runId: string): void {
    const run = this.open.get(runId);
    if (run?.kind === 'model') run.call.firstToken();
  }

  modelEnded(runId: string, outcome: () => CallOutcome): void {
    const run = this.take(runId, 'model');
    if (run !== undefined) run.call.complete(outcome());
  }

  modelFailed(runId: string, error: unknown): void {
    this.take(runId, 'model')?.call.fail(error);
  }

  toolStarted(runId: string, toolName: string, callId: string | undefined): void {
    this.add(runId, { kind: 'tool', toolName, callId, startedAt: performance.now() });
    this.publish('tool.call.started', withCallId({ toolName }, callId));
  }

  toolEnded(runId: string, error?: { value: unknown }): void {
    const run = this.take(runId, 'tool');
    if (run === undefined) return;
    const data = withCallId({ toolName: run.toolName, durationMs: performance.now() - run.startedAt }, run.callId);
    if (error === undefined) this.publish('tool.call.completed', data);
    else this.publish('tool.call.failed', { ...data, error: error.value });
  }

  /** The outermost chain (no parent run) is a pipeline; a chain inside a run is a stage. */
  chainStarted(runId: string, parentRunId: string | undefined, name: string, stageType: string): void {
    const startedAt = performance.now();
    if (parentRunId === undefined) {
      this.add(runId, { kind: 'pipeline', startedAt });
      this.publish('pipeline.started', {});
    } else {
      this.add(runId, { kind: 'stage', name, stageType, startedAt });
      this.publish('stage.started', { name, stageType });
    }
  }

  chainEnded(runId: string, error?: { value: unknown }): void {
    const run = this.open.get(runId);
    if (run === undefined || (run.kind !== 'pipeline' && run.kind !== 'stage')) return;
    this.open.delete(runId);
    const durationMs = performance.now() - run.startedAt;
    if (run.kind === 'pipeline') {
      if (error === undefined) this.publish('pipeline.completed', { durationMs });
      else this.publish('pipeline.failed', { durationMs, error: error.value });
      return;
    }
    const stage = { name: run.name, stageType: run.stageType, durationMs };
    if (error === undefined) this.publish('stage.completed', stage);
    else this.publish('stage.failed', { ...stage, error: error.value });
  }

  private add(runId: string, run: OpenRun): void {
    if (!this.open.has(runId) && this.open.size >= this.maxOpenRuns) {
      // The oldest open run is the likeliest never to end (its end callback was lost).
      const oldest = this.open.keys().next().value;
      if (oldest !== undefined) this.open.delete(oldest);
      this.evicted++;
      reportProblem('langchain evicted', `langchain: ${this.maxOpenRuns} runs open; dropped the oldest unended (${this.evicted} so far), its end will not be recorded`);
    }
    this.open.set(runId, run);
  }

  private take<K extends OpenRun['kind']>(runId: string, kind: K): Extract<OpenRun, { kind: K }> | undefined {
    const run = this.open.get(runId);
    if (run?.kind !== kind) return undefined;
    this.open.delete(runId);
    return run as Extract<OpenRun, { kind: K }>;
  }

  private publish<T extends EventType>(type: T, data: EventDataMap[T]): void {
    try {
      this.publisher.publish({ type, timestamp: Date.now(), data } as PromptKitEvent);
    } catch {
      reportProblem('langchain publish', `langchain: publishing '${type}' threw; the LangChain run was not affected`);
    }
  }
}

function withCallId<T extends object>(data: T, callId: string | undefined): T & { callId?: string } {
  return callId === undefined ? data : { ...data, callId };
}
