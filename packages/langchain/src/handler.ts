import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import type { Serialized } from '@langchain/core/load/serializable';
import type { ChainValues } from '@langchain/core/utils/types';
import { describeError, field, reportProblem, text, type EventPublisher } from '@promptkit/events/adapter';
import { carriesContent, llmResultOutcome } from './llm-result.js';
import { modelStart } from './model.js';
import { Runs, type RunCounts } from './runs.js';

export interface PromptKitCallbackHandlerOptions {
  /** Where the events go: `telemetry.eventBus` from `startMetrics()`, or any `EventBus`. */
  eventBus: EventPublisher;
  /** The `provider` label for models that name none (no `ls_provider` in their metadata). Default `'langchain'`. */
  providerName?: string;
  /** Most runs open at once; past it the oldest open run is dropped unrecorded (counted in `counts()`). Default 10,000. */
  maxOpenRuns?: number;
  /**
   * Handle each callback before LangChain goes on (LangChain's `_awaitHandler`) instead of in its
   * background queue. Default: LangChain's own (background unless `LANGCHAIN_CALLBACKS_BACKGROUND=false`).
   */
  awaitHandlers?: boolean;
}

const DEFAULT_MAX_OPEN_RUNS = 10_000;

/** The last part of a serialized class id (`['langchain', 'chat_models', 'openai', 'ChatOpenAI']` → `ChatOpenAI`). */
function serializedName(serialized: unknown): string | undefined {
  const id = field(serialized, 'id');
  return text(field(serialized, 'name')) ?? (Array.isArray(id) ? text(id.at(-1)) : undefined);
}

/**
 * A LangChain.js callback handler (`@langchain/core` 0.3 and 1.x) that publishes PromptKit events:
 * - every chat model or LLM run is a provider call (`provider.call.*`, operation `chat` or
 *   `text_completion`) with the provider and model from the model's `ls_provider`/`ls_model_name`
 *   metadata, token counts from the answer's `usage_metadata` (else `llmOutput.tokenUsage`), the
 *   provider's finish reason, and time to first token for streams;
 * - every tool run is a tool call (`tool.call.*`, named by the tool's name);
 * - the outermost chain of a run is a pipeline (`pipeline.*`), every chain inside one a stage
 *   (`stage.*`, named by the chain's name; stage type the run type, else `chain`).
 * Pass it as `callbacks: [handler]` to `invoke`/`stream`, or to a model's or chain's constructor.
 * It never throws into LangChain (problems go to OpenTelemetry `diag`) and holds only the runs still open.
 */
export class PromptKitCallbackHandler extends BaseCallbackHandler {
  name = 'PromptKitCallbackHandler';
  private readonly runs: Runs;
  private readonly providerName: string;

  constructor(options: PromptKitCallbackHandlerOptions) {
    super(options.awaitHandlers === undefined ? {} : { _awaitHandler: options.awaitHandlers });
    this.runs = new Runs(options.eventBus, Math.max(1, options.maxOpenRuns ?? DEFAULT_MAX_OPEN_RUNS));
    this.providerName = options.providerName ?? 'langchain';
  }

  /**
   * This handler itself: LangChain's default copy would build a second handler with its own runs,
   * which would never see the ends of the runs started on this one.
   */
  override copy(): this {
    return this;
  }

  /** Runs open now and runs dropped unended, for checks and tests. */
  counts(): RunCounts {
    return this.runs.counts();
  }

  override handleChatModelStart(_llm: Serialized, _messages: BaseMessage[][], runId: string, _parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): void {
    this.guard('chat model start', () => this.modelStarted(runId, metadata, extraParams, 'chat'));
  }

  override handleLLMStart(_llm: Serialized, _prompts: string[], runId: string, _parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): void {
    this.guard('llm start', () => this.modelStarted(runId, metadata, extraParams, 'text_completion'));
  }

  override handleLLMNewToken(token: string, _idx: unknown, runId: string, _parentRunId?: string, _tags?: string[], fields?: unknown): void {
    this.guard('llm token', () => {
      if (carriesContent(token, fields)) this.runs.modelToken(runId);
    });
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    this.guard('llm end', () => this.runs.modelEnded(runId, () => llmResultOutcome(output)));
  }

  override handleLLMError(error: unknown, runId: string): void {
    this.guard('llm error', () => this.runs.modelFailed(runId, error));
  }

  override handleToolStart(tool: Serialized, _input: string, runId: string, _parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, runName?: string, toolCallId?: string): void {
    // `tool()` tools arrive as DynamicStructuredTool; their own name is the run name.
    this.guard('tool start', () => this.runs.toolStarted(runId, text(runName) ?? serializedName(tool) ?? 'tool', text(toolCallId)));
  }

  override handleToolEnd(_output: unknown, runId: string): void {
    this.guard('tool end', () => this.runs.toolEnded(runId));
  }

  override handleToolError(error: unknown, runId: string): void {
    this.guard('tool error', () => this.runs.toolEnded(runId, { value: error }));
  }

  /**
   * The arguments in the order LangChain's callback manager passes them (0.3 and 1.x alike):
   * `@langchain/core` 1.x declares `(chain, inputs, runId, runType, tags, metadata, runName,
   * parentRunId)` but calls `(chain, inputs, runId, parentRunId, tags, metadata, runType, runName)`.
   */
  override handleChainStart(chain: Serialized, _inputs: ChainValues, runId: string, parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, runType?: string, runName?: string): void {
    this.guard('chain start', () => {
      const name = text(runName) ?? serializedName(chain) ?? 'chain';
      this.runs.chainStarted(runId, text(parentRunId), name, text(runType) ?? 'chain');
    });
  }

  override handleChainEnd(_outputs: ChainValues, runId: string): void {
    this.guard('chain end', () => this.runs.chainEnded(runId));
  }

  override handleChainError(error: unknown, runId: string): void {
    this.guard('chain error', () => this.runs.chainEnded(runId, { value: error }));
  }

  private modelStarted(runId: string, metadata: unknown, extraParams: unknown, operation: string): void {
    const { provider, model } = modelStart(metadata, extraParams, this.providerName);
    this.runs.modelStarted(runId, provider, model, operation);
  }

  /** Telemetry problems are reported, never thrown: LangChain would log them with console.warn. */
  private guard(step: string, body: () => void): void {
    try {
      body();
    } catch (error) {
      reportProblem(`langchain ${step}`, `langchain: ${step} could not be recorded (${describeError(error)})`);
    }
  }
}
