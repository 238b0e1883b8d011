import type { ModelPrice } from './price.js';

/**
 * The date the bundled prices were the providers' published list prices. They are not updated at
 * runtime (PromptKit never fetches prices): override them for newer prices and negotiated rates.
 */
export const PRICES_AS_OF = '2025-12-01';

export interface BundledPrice {
  readonly provider: 'openai' | 'anthropic' | 'google';
  /** `null`: a known model the table does not price (say, audio tokens billed apart from text). */
  readonly price: ModelPrice | null;
  /** Other spellings of the same model (OpenRouter-style dotted versions, older names). */
  readonly aliases?: readonly string[];
  readonly note?: string;
}

const openai = (input: number, cached: number | undefined, output: number): ModelPrice =>
  cached === undefined ? { input, output } : { input, output, cached };

const unpriced = (provider: BundledPrice['provider'], note: string): BundledPrice => ({ provider, price: null, note });

/**
 * List prices in USD per million tokens, standard (not batch, not priority) tier, text tokens.
 * Keys are model ids without their date: `gpt-4o` prices `gpt-4o-2024-08-06`, and the longest key
 * wins, so `gpt-4o-mini-2024-07-18` takes the `gpt-4o-mini` price, never `gpt-4o`'s.
 */
export const BUNDLED_PRICES: Readonly<Record<string, BundledPrice>> = {
  // OpenAI: input, cached input, output.
  'gpt-5': { provider: 'openai', price: openai(1.25, 0.125, 10) },
  'gpt-5-mini': { provider: 'openai', price: openai(0.25, 0.025, 2) },
  'gpt-5-nano': { provider: 'openai', price: openai(0.05, 0.005, 0.4) },
  'gpt-5-pro': unpriced('openai', 'priced far above gpt-5; not in the table'),
  'gpt-4.1': { provider: 'openai', price: openai(2, 0.5, 8) },
  'gpt-4.1-mini': { provider: 'openai', price: openai(0.4, 0.1, 1.6) },
  'gpt-4.1-nano': { provider: 'openai', price: openai(0.1, 0.025, 0.4) },
  'gpt-4o': { provider: 'openai', price: openai(2.5, 1.25, 10) },
  'gpt-4o-2024-05-13': { provider: 'openai', price: openai(5, undefined, 15), note: 'the first gpt-4o snapshot kept its launch price' },
  'gpt-4o-mini': { provider: 'openai', price: openai(0.15, 0.075, 0.6) },
  'gpt-4o-audio': unpriced('openai', 'audio tokens are billed apart from text tokens'),
  'gpt-4o-mini-audio': unpriced('openai', 'audio tokens are billed apart from text tokens'),
  'gpt-4o-realtime': unpriced('openai', 'realtime text and audio tokens have their own prices'),
  'gpt-4o-mini-realtime': unpriced('openai', 'realtime text and audio tokens have their own prices'),
  'gpt-4o-transcribe': unpriced('openai', 'speech-to-text'),
  'gpt-4o-mini-transcribe': unpriced('openai', 'speech-to-text'),
  'gpt-4o-mini-tts': unpriced('openai', 'text-to-speech'),
  'gpt-4-turbo': {
    provider: 'openai',
    price: openai(10, undefined, 30),
    aliases: ['gpt-4-turbo-preview', 'gpt-4-1106-preview', 'gpt-4-0125-preview', 'gpt-4-vision-preview', 'gpt-4-1106-vision-preview'],
  },
  'gpt-4': { provider: 'openai', price: openai(30, undefined, 60) },
  'gpt-4-32k': { provider: 'openai', price: openai(60, undefined, 120) },
  o1: { provider: 'openai', price: openai(15, 7.5, 60), aliases: ['o1-preview'] },
  'o1-mini': { provider: 'openai', price: openai(1.1, 0.55, 4.4) },
  'o1-pro': { provider: 'openai', price: openai(150, undefined, 600) },
  o3: { provider: 'openai', price: openai(2, 0.5, 8) },
  'o3-mini': { provider: 'openai', price: openai(1.1, 0.55, 4.4) },
  'o3-pro': { provider: 'openai', price: openai(20, undefined, 80) },
  'o3-deep-research': { provider: 'openai', price: openai(10, 2.5, 40) },
  'o4-mini': { provider: 'openai', price: openai(1.1, 0.275, 4.4) },
  'o4-mini-deep-research': { provider: 'openai', price: openai(2, 0.5, 8) },

  // Anthropic: base input, cache read, output. Cache writes (1.25× input) are not modelled.
  'claude-opus-4-5': { provider: 'anthropic', price: { input: 5, cached: 0.5, output: 25 }, aliases: ['claude-opus-4.5'] },
  'claude-opus-4': { provider: 'anthropic', price: { input: 15, cached: 1.5, output: 75 }, aliases: ['claude-opus-4.1', 'claude-4-opus'] },
  'claude-sonnet-4-5': {
    provider: 'anthropic',
    price: { input: 3, cached: 0.3, output: 15, above: { tokens: 200_000, input: 6, cached: 0.6, output: 22.5 } },
    aliases: ['claude-sonnet-4.5'],
  },
  'claude-sonnet-4': {
    provider: 'anthropic',
    price: { input: 3, cached: 0.3, output: 15, above: { tokens: 200_000, input: 6, cached: 0.6, output: 22.5 } },
    aliases: ['claude-4-sonnet'],
  },
  'claude-haiku-4-5': { provider: 'anthropic', price: { input: 1, cached: 0.1, output: 5 }, aliases: ['claude-haiku-4.5'] },
  'claude-3-7-sonnet': { provider: 'anthropic', price: { input: 3, cached: 0.3, output: 15 }, aliases: ['claude-3.7-sonnet'] },
  'claude-3-5-sonnet': { provider: 'anthropic', price: { input: 3, cached: 0.3, output: 15 }, aliases: ['claude-3.5-sonnet'] },
  'claude-3-5-haiku': { provider: 'anthropic', price: { input: 0.8, cached: 0.08, output: 4 }, aliases: ['claude-3.5-haiku'] },
  'claude-3-opus': { provider: 'anthropic', price: { input: 15, cached: 1.5, output: 75 } },
  'claude-3-sonnet': { provider: 'anthropic', price: { input: 3, cached: 0.3, output: 15 } },
  'claude-3-haiku': { provider: 'anthropic', price: { input: 0.25, cached: 0.03, output: 1.25 } },

  // Google (Gemini API): text/image/video input, context-cache read, output; long-context tiers.
  'gemini-2.5-pro': {
    provider: 'google',
    price: { input: 1.25, cached: 0.125, output: 10, above: { tokens: 200_000, input: 2.5, cached: 0.25, output: 15 } },
  },
  'gemini-2.5-flash': { provider: 'google', price: { input: 0.3, cached: 0.03, output: 2.5 } },
  'gemini-2.5-flash-lite': { provider: 'google', price: { input: 0.1, cached: 0.01, output: 0.4 } },
  'gemini-2.5-flash-preview': unpriced('google', 'preview snapshots had other prices than the GA model'),
  'gemini-2.5-flash-image': unpriced('google', 'image output is billed per image'),
  'gemini-2.5-flash-native-audio': unpriced('google', 'audio tokens are billed apart from text tokens'),
  'gemini-2.5-pro-preview-tts': unpriced('google', 'text-to-speech'),
  'gemini-2.0-flash': { provider: 'google', price: { input: 0.1, cached: 0.025, output: 0.4 } },
  'gemini-2.0-flash-lite': { provider: 'google', price: { input: 0.075, output: 0.3 } },
  'gemini-2.0-flash-preview-image-generation': unpriced('google', 'image output is billed per image'),
  'gemini-1.5-pro': {
    provider: 'google',
    price: { input: 1.25, cached: 0.3125, output: 5, above: { tokens: 128_000, input: 2.5, cached: 0.625, output: 10 } },
  },
  'gemini-1.5-flash': {
    provider: 'google',
    price: { input: 0.075, cached: 0.01875, output: 0.3, above: { tokens: 128_000, input: 0.15, cached: 0.0375, output: 0.6 } },
  },
  'gemini-1.5-flash-8b': {
    provider: 'google',
    price: { input: 0.0375, cached: 0.01, output: 0.15, above: { tokens: 128_000, input: 0.075, cached: 0.02, output: 0.3 } },
  },
};
