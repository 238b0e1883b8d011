import type { PromptKitEvent } from '@promptkit/events';
import { instrumentPipeline, type Run } from '@promptkit/sdk';
import { SimulatedClock, type AbortableTimers } from './clock.js';
import { callCostUsd, MODELS, type ModelProfile } from './models.js';
import { planCall, ProviderError, streamCall, type CallRequest } from './provider.js';
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
/** Share of pipelines that stream the model's answers (a chat UI) rather than wait for them (a batch job). */
const STREAMING_SHARE = 0.6;

/** A tool's own failure, which the pipeline survives (unlike an abort). */
class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** What one successful model call answered. */
interface Answer {
  outputTokens: number;
  finishReason: 'stop' | 'length' | 'tool_calls';
}

/**
 * One simulated RAG pipeline: `retrieve` (PII check on the input, vector lookup), `generate` (an LLM
 * call with retries and up to two rounds of tool use, streamed in most pipelines), `postprocess`
 * (schema and toxicity checks on the output). It is instrumented with the SDK's helpers, exactly as
 * an application would be, on the simulated clock: every started call, stage and pipeline gets its
 * completed or failed event, also when the signal aborts it half-way.
 */
export class SimulatedPipeline {
  private readonly rng: Random;
  private readonly clock: SimulatedClock;
  private readonly streaming: boolean;
  private toolCalls = 0;

  constructor(private readonly setup: PipelineSetup) {
    this.rng = new Random(setup.seed);
    this.clock = new SimulatedClock(setup.timers, setup.timeScale);
    this.streaming = this.rng.chance(STREAMING_SHARE);
  }

  /** Plays the pipeline out in (scaled) time. Never rejects: a failure is a `pipeline.failed` event. */
  async run(): Promise<void> {
    const { publish, runId, sessionId } = this.setup;
    // Events report simulated milliseconds, so a sped-up run shows realistic durations.
    const now = () => this.clock.elapsedMs;
    try {
      await instrumentPipeline(
        { publish },
        async (run) => {
          await this.stage(run, 'retrieve', 'transform', () => this.retrieve(run));
          await this.stage(run, 'generate', 'llm', () => this.generate(run));
          await this.stage(run, 'postprocess', 'transform', () => this.postprocess(run));
        },
        { runId, sessionId, now },
      );
    } catch {
      // Published as pipeline.failed by the helper.
    }
  }

  private async retrieve(run: Run): Promise<void> {
    await this.validate(run, 'pii', 'input', 0.02, this.rng.between(1, 8));
    // Without documents the model answers from what it knows: a failed lookup does not fail the stage.
    await this.tool(run, 'vector_lookup');
  }

  private async generate(run: Run): Promise<void> {
    const model = this.rng.weighted(MODELS);
    let inputTokens = Math.round(Math.min(30_000, Math.max(200, this.rng.logNormal(1800, 0.6))));
    let cachedTokens = this.rng.chance(0.35) ? Math.round(inputTokens * this.rng.between(0.3, 0.8)) : 0;
    for (let turn = 0; ; turn++) {
      // Anthropic-style caching: an uncached prompt is often written to the cache for the next turns.
      const cacheWriteTokens = model.cacheWrites && cachedTokens === 0 && this.rng.chance(0.5) ? Math.round(inputTokens * this.rng.between(0.5, 0.9)) : 0;
      const answer = await this.callProvider(run, model, { inputTokens, cachedTokens, cacheWriteTokens, toolsOffered: turn < MAX_TOOL_TURNS });
      if (answer.finishReason !== 'tool_calls') return;
      let toolResultTokens = 0;
      const calls = this.rng.integer(1, 2);
      for (let i = 0; i < calls; i++) {
        const ok = await this.tool(run, this.rng.pick(['web_search', 'calculator'] as const));
        toolResultTokens += ok ? this.rng.integer(50, 1500) : 40;
      }
      // The next turn resends the conversation; the provider has the previous prompt cached.
      cachedTokens = inputTokens;
      inputTokens += answer.outputTokens + toolResultTokens;
    }
  }

  private async postprocess(run: Run): Promise<void> {
    await this.validate(run, 'schema', 'output', 0.04, this.rng.between(0.3, 4));
    await this.validate(run, 'toxicity', 'output', 0.01, this.rng.logNormal(60, 0.5));
  }

  private stage(run: Run, name: string, stageType: string, body: () => Promise<void>): Promise<void> {
    return run.stage(name, stageType, async () => {
      await body();
      // Framework work between steps: prompt assembly, parsing, serialization.
      await this.clock.advance(this.rng.between(1, 15));
    });
  }

  /** Calls the model, retrying failures with backoff; throws once every attempt failed. */
  private async callProvider(run: Run, model: ModelProfile, request: CallRequest): Promise<Answer> {
    const call = { provider: model.provider, model: model.model };
    for (let attempt = 1; ; attempt++) {
      const plan = planCall(this.rng, model, request);
      const costUsd = plan.ok ? callCostUsd(model, { ...request, outputTokens: plan.outputTokens }) : undefined;
      try {
        if (this.streaming) {
          // The helper records the time to the first chunk and reads the usage from the last one.
          let answer: Answer | undefined;
          for await (const chunk of run.stream(call, () => streamCall(plan, request, costUsd, (ms) => this.clock.advance(ms)))) {
            if ('usage' in chunk) answer = { outputTokens: chunk.usage.outputTokens, finishReason: chunk.finishReason };
          }
          return answer!;
        }
        const response = await run.provider(call, async () => {
          await this.clock.advance(plan.durationMs);
          if (!plan.ok) throw plan.error;
          const { inputTokens, cachedTokens, cacheWriteTokens } = request;
          const usage = { inputTokens, outputTokens: plan.outputTokens, cachedTokens, cacheWriteTokens, reasoningTokens: plan.reasoningTokens };
          return { usage, cost: costUsd, finishReason: plan.finishReason };
        });
        return { outputTokens: response.usage.outputTokens, finishReason: response.finishReason };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error; // stopped: no retry
        if (attempt === MAX_ATTEMPTS) {
          throw new Error(`${call.provider} ${call.model} failed ${MAX_ATTEMPTS} times; last error: ${error.message}`, { cause: error });
        }
        // Back off before the retry: longer after a rate limit, as a Retry-After header would ask.
        await this.clock.advance(error.rateLimited ? this.rng.between(1000, 4000) : 250 * 2 ** attempt * this.rng.between(0.5, 1.5));
      }
    }
  }

  /** Runs one tool; returns whether it succeeded. */
  private async tool(run: Run, toolName: keyof typeof TOOLS): Promise<boolean> {
    const profile = TOOLS[toolName];
    const callId = `${this.setup.runId}-tool-${++this.toolCalls}`;
    const durationMs = this.rng.logNormal(profile.medianMs, 0.6);
    const failed = this.rng.chance(profile.failureRate);
    try {
      await run.tool(
        toolName,
        async () => {
          await this.clock.advance(durationMs);
          if (failed) throw new ToolError(`${toolName}: ${profile.error}`);
        },
        { callId },
      );
      return true;
    } catch (error) {
      if (error instanceof ToolError) return false;
      throw error;
    }
  }

  /**
   * Runs one validator; throws when it fails, which fails the stage and the pipeline. Stopped before
   * a verdict, it fails closed, as a guardrail would (the helper records the abort as the violation).
   */
  private async validate(run: Run, validatorName: string, validatorType: string, failureRate: number, durationMs: number): Promise<void> {
    const failed = this.rng.chance(failureRate);
    const violation = VIOLATIONS[validatorName] ?? 'rejected';
    const verdict = await run.validate(validatorName, validatorType, async () => {
      await this.clock.advance(durationMs);
      return failed ? { passed: false, violations: [violation] } : { passed: true };
    });
    if (!verdict.passed) throw new Error(`${validatorName} validation failed: ${violation}`);
  }
}
