/** A model the fake provider serves: list prices and a latency profile. */
export interface ModelProfile {
  readonly provider: string;
  readonly model: string;
  /**
   * USD per 1M tokens; `cachedInput` applies to the prompt read from a cache, `cacheWrite` (when
   * the provider bills it apart, as Anthropic does) to the prompt written to one. None: self-hosted.
   */
  readonly price?: { readonly input: number; readonly cachedInput: number; readonly cacheWrite?: number; readonly output: number };
  /** Writes prompts to a cache explicitly (Anthropic's prompt caching), billed at `price.cacheWrite`. */
  readonly cacheWrites?: boolean;
  /** A reasoning model: part of its output is reasoning ("thinking") tokens, billed as output. */
  readonly reasoning?: boolean;
  /** Typical milliseconds to the first token for a short prompt. */
  readonly firstTokenMs: number;
  /** Typical output speed once streaming. */
  readonly outputTokensPerSecond: number;
  /** Share of the demo's traffic, relative to the other models. */
  readonly weight: number;
}

// List prices as published by the providers in 2025, rounded; good enough for a demo's dashboard.
export const MODELS: readonly ModelProfile[] = [
  {
    provider: 'openai',
    model: 'gpt-4o',
    price: { input: 2.5, cachedInput: 1.25, output: 10 },
    firstTokenMs: 500,
    outputTokensPerSecond: 80,
    weight: 20,
  },
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    price: { input: 0.15, cachedInput: 0.075, output: 0.6 },
    firstTokenMs: 350,
    outputTokensPerSecond: 110,
    weight: 30,
  },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    price: { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
    cacheWrites: true,
    firstTokenMs: 800,
    outputTokensPerSecond: 60,
    weight: 20,
  },
  {
    provider: 'anthropic',
    model: 'claude-3-5-haiku',
    price: { input: 0.8, cachedInput: 0.08, cacheWrite: 1, output: 4 },
    cacheWrites: true,
    firstTokenMs: 450,
    outputTokensPerSecond: 100,
    weight: 15,
  },
  {
    provider: 'openai',
    model: 'o4-mini',
    price: { input: 1.1, cachedInput: 0.275, output: 4.4 },
    reasoning: true,
    firstTokenMs: 1500,
    outputTokensPerSecond: 120,
    weight: 10,
  },
  {
    provider: 'google',
    model: 'gemini-2.0-flash',
    price: { input: 0.1, cachedInput: 0.025, output: 0.4 },
    firstTokenMs: 300,
    outputTokensPerSecond: 150,
    weight: 15,
  },
  {
    // A self-hosted model has no list price: its calls carry no cost, and PromptKit's pricing counts
    // them in promptkit_provider_unpriced_requests_total instead of recording a silent $0.
    provider: 'vllm',
    model: 'llama-3.1-8b-instruct',
    firstTokenMs: 150,
    outputTokensPerSecond: 200,
    weight: 5,
  },
];

/** Token counts of one call: `inputTokens` includes cache reads and writes, `outputTokens` reasoning. */
export interface CallTokens {
  inputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
}

/** Cost in USD of one call; undefined without a price. */
export function callCostUsd(model: ModelProfile, tokens: CallTokens): number | undefined {
  const { price } = model;
  if (price === undefined) return undefined;
  const { inputTokens, cachedTokens, cacheWriteTokens, outputTokens } = tokens;
  const uncached = inputTokens - cachedTokens - cacheWriteTokens;
  const written = cacheWriteTokens * (price.cacheWrite ?? price.input);
  return (uncached * price.input + cachedTokens * price.cachedInput + written + outputTokens * price.output) / 1_000_000;
}
