import type { EventDataMap, EventType, PromptKitEvent } from '@promptkit/events';
import { SimulatedClock, type AbortableTimers } from './clock.js';
import { callCostUsd, MODELS, type ModelProfile } from './models.js';
import { planCall, type CallPlan, type CallRequest } from './provider.js';
import { Random } from './random.js';

export interface PipelineSetup {
  publish: (event: PromptKitEvent) => void;
  /** The pipeline's own seed: everything it does follows from it. */
  seed: number;
  runId: string;
  sessionId: string;
  timeScale: number;
  /** The workload's timers: they reject when it is aborted. */
  timers: AbortableTimers;
}

interface ToolProfile {
  medianMs: number;
  failureRate: number;
  error: string;
}

const TOOLS: Record<'web_search' | 'calculator' | 'vector_lookup', ToolProfile> = {
  web_search: { medianMs: 900, failureRate: 0.05, error: 'search backend timed out' },
  calculator: { medianMs: 4, failureRate: 0.01, error: 'could not parse the expression' },
  vector_lookup: { medianMs: 60, failureRate: 0.02, error: 'vector index unavailable' },
};

const VIOLATIONS: Record<string, string> = {
  pii: 'input contains an email address',
  schema: "output is missing the required field 'answer'",
  toxicity: 'output scored above the toxicity threshold',
};

const MAX_ATTEMPTS = 3;
/** Rounds in which the model may ask for tools before it must answer. */
const MAX_TOOL_TURNS = 2;

/**
 * One simulated RAG pipeline: `retrieve` (PII check on the input, vector lookup), `generate` (an LLM
 * call with retries and up to two rounds of tool use), `postprocess` (schema and toxicity checks on
 * the output). Every started call, stage and pipeline gets its completed or failed event, also when
 * the signal aborts it half-way.
 */
export class SimulatedPipeline {
  private readonly rng: Random;
  private readonly clock: SimulatedClock;
  private readonly usage = { costUsd: 0, inputTokens: 0, outputTokens: 0 };
  private toolCalls = 0;

  constructor(private readonly setup: PipelineSetup) {
    this.rng = new Random(setup.seed);
    this.clock = new SimulatedClock(setup.timers, setup.timeScale);
  }

  /** Plays the pipeline out in (scaled) time. Never rejects: a failure is a `pipeline.failed` event. */
  async run(): Promise<void> {
    this.emit('pipeline.started', {});
    try {
      await this.stage('retrieve', 'transform', 0, () => this.retrieve());
      await this.stage('generate', 'llm', 1, () => this.generate());
      await this.stage('postprocess', 'transform', 2, () => this.postprocess());
    } catch (error) {
      this.emit('pipeline.failed', { durationMs: this.clock.elapsedMs, error });
      return;
    }
    const { costUsd, inputTokens, outputTokens } = this.usage;
    this.emit('pipeline.completed', { durationMs: this.clock.elapsedMs, totalCost: costUsd, inputTokens, outputTokens });
  }

  private async retrieve(): Promise<void> {
    await this.validate('pii', 'input', 0.02, this.rng.between(1, 8));
    // Without documents the model answers from what it knows: a failed lookup does not fail the stage.
    await this.tool('vector_lookup');
  }

  private async generate(): Promise<void> {
    const model = this.rng.weighted(MODELS);
    let inputTokens = Math.round(Math.min(30_000, Math.max(200, this.rng.logNormal(1800, 0.6))));
    let cachedTokens = this.rng.chance(0.35) ? Math.round(inputTokens * this.rng.between(0.3, 0.8)) : 0;
    for (let turn = 0; ; turn++) {
      const answer = await this.callProvider(model, { inputTokens, cachedTokens, toolsOffered: turn < MAX_TOOL_TURNS });
      if (answer.finishReason !== 'tool_calls') return;
      let toolResultTokens = 0;
      const calls = this.rng.integer(1, 2);
      for (let i = 0; i < calls; i++) {
        const ok = await this.tool(this.rng.pick(['web_search', 'calculator'] as const));
        toolResultTokens += ok ? this.rng.integer(50, 1500) : 40;
      }
      // The next turn resends the conversation; the provider has the previous prompt cached.
      cachedTokens = inputTokens;
      inputTokens += answer.outputTokens + toolResultTokens;
    }
  }

  private async postprocess(): Promise<void> {
    await this.validate('schema', 'output', 0.04, this.rng.between(0.3, 4));
    await this.validate('toxicity', 'output', 0.01, this.rng.logNormal(60, 0.5));
  }

  private async stage(name: string, stageType: string, index: number, body: () => Promise<void>): Promise<void> {
    this.emit('stage.started', { name, stageType, index });
    const startedMs = this.clock.elapsedMs;
    try {
      await body();
      // Framework work between steps: prompt assembly, parsing, serialization.
      await this.clock.advance(this.rng.between(1, 15));
    } catch (error) {
      this.emit('stage.failed', { name, stageType, index, durationMs: this.clock.elapsedMs - startedMs, error });
      throw error;
    }
    this.emit('stage.completed', { name, stageType, index, durationMs: this.clock.elapsedMs - startedMs });
  }

  /** Calls the model, retrying failures with backoff; throws once every attempt failed. */
  private async callProvider(model: ModelProfile, request: CallRequest): Promise<Extract<CallPlan, { ok: true }>> {
    const { provider, model: modelName } = model;
    for (let attempt = 1; ; attempt++) {
      const plan = planCall(this.rng, model, request);
      this.emit('provider.call.started', { provider, model: modelName });
      const startedMs = this.clock.elapsedMs;
      try {
        await this.clock.advance(plan.durationMs);
      } catch (error) {
        this.emit('provider.call.failed', { provider, model: modelName, durationMs: this.clock.elapsedMs - startedMs, error });
        throw error;
      }
      if (plan.ok) {
        const { inputTokens, cachedTokens } = request;
        const cost = callCostUsd(model, inputTokens, cachedTokens, plan.outputTokens);
        this.usage.costUsd += cost;
        this.usage.inputTokens += inputTokens;
        this.usage.outputTokens += plan.outputTokens;
        this.emit('provider.call.completed', {
          provider,
          model: modelName,
          durationMs: plan.durationMs,
          inputTokens,
          outputTokens: plan.outputTokens,
          cachedTokens,
          cost,
          finishReason: plan.finishReason,
          timeToFirstTokenMs: plan.timeToFirstTokenMs,
        });
        return plan;
      }
      this.emit('provider.call.failed', { provider, model: modelName, durationMs: plan.durationMs, error: plan.error });
      if (attempt === MAX_ATTEMPTS) {
        throw new Error(`${provider} ${modelName} failed ${MAX_ATTEMPTS} times; last error: ${plan.error.message}`, {
          cause: plan.error,
        });
      }
      // Back off before the retry: longer after a rate limit, as a Retry-After header would ask.
      await this.clock.advance(plan.error.rateLimited ? this.rng.between(1000, 4000) : 250 * 2 ** attempt * this.rng.between(0.5, 1.5));
    }
  }

  /** Runs one tool; returns whether it succeeded. */
  private async tool(toolName: keyof typeof TOOLS): Promise<boolean> {
    const profile = TOOLS[toolName];
    const callId = `${this.setup.runId}-tool-${++this.toolCalls}`;
    const durationMs = this.rng.logNormal(profile.medianMs, 0.6);
    const failed = this.rng.chance(profile.failureRate);
    this.emit('tool.call.started', { toolName, callId });
    const startedMs = this.clock.elapsedMs;
    try {
      await this.clock.advance(durationMs);
    } catch (error) {
      this.emit('tool.call.failed', { toolName, callId, durationMs: this.clock.elapsedMs - startedMs, error });
      throw error;
    }
    if (failed) this.emit('tool.call.failed', { toolName, callId, durationMs, error: new Error(`${toolName}: ${profile.error}`) });
    else this.emit('tool.call.completed', { toolName, callId, durationMs });
    return !failed;
  }

  /** Runs one validator; throws when it fails, which fails the stage and the pipeline. */
  private async validate(validatorName: string, validatorType: string, failureRate: number, durationMs: number): Promise<void> {
    const failed = this.rng.chance(failureRate);
    this.emit('validation.started', { validatorName, validatorType });
    const startedMs = this.clock.elapsedMs;
    try {
      await this.clock.advance(durationMs);
    } catch (error) {
      // Stopped before a verdict: fail closed, as a guardrail would.
      const violations = ['stopped before a verdict'];
      const elapsedMs = this.clock.elapsedMs - startedMs;
      this.emit('validation.failed', { validatorName, validatorType, durationMs: elapsedMs, violations });
      throw error;
    }
    if (!failed) return this.emit('validation.passed', { validatorName, validatorType, durationMs });
    const violation = VIOLATIONS[validatorName] ?? 'rejected';
    this.emit('validation.failed', { validatorName, validatorType, durationMs, violations: [violation] });
    throw new Error(`${validatorName} validation failed: ${violation}`);
  }

  private emit<T extends EventType>(type: T, data: EventDataMap[T]): void {
    const { runId, sessionId } = this.setup;
    this.setup.publish({ type, timestamp: Date.now(), runId, sessionId, data } as PromptKitEvent);
  }
}
