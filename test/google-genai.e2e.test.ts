// End to end: the real `@google/genai` client (against a loopback server speaking the Gemini API
// wire format), instrumented by @promptkit/google-genai, recorded by startMetrics() and read back
// from a real scrape of /metrics: every series, with its exact value.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GoogleGenAI } from '@google/genai';
import { instrumentGoogleGenAI } from '@promptkit/google-genai';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { chunks, errorReply, responseReply } from '../packages/google-genai/src/test-fixtures.js';
import { FakeGeminiServer } from '../packages/google-genai/src/test-server.js';
import { samples, scrape } from './support/scrape.js';

let telemetry: Telemetry;
let server: FakeGeminiServer;
let gemini: GoogleGenAI;
let vertex: GoogleGenAI;

before(async () => {
  telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, otlp: false, registerGlobal: false, pricing: false });
  server = await FakeGeminiServer.start();
  const httpOptions = { baseUrl: server.baseUrl };
  gemini = instrumentGoogleGenAI(new GoogleGenAI({ apiKey: 'test', httpOptions }), { eventBus: telemetry.eventBus });
  vertex = instrumentGoogleGenAI(new GoogleGenAI({ vertexai: true, apiKey: 'test', httpOptions }), { eventBus: telemetry.eventBus });
});

after(async () => {
  await server.close();
  await telemetry.shutdown();
});

function family(all: Map<string, number>, name: string): Record<string, number> {
  return Object.fromEntries([...all].filter(([series]) => series.startsWith(`${name}{`)));
}

const at = (provider: string, model: string) => `provider="${provider}",model="${model}"`;
const FLASH = at('google', 'gemini-2.5-flash');
const PRO = at('google', 'gemini-2.5-pro');
const LITE = at('google', 'gemini-2.5-flash-lite');
const VERTEX = at('vertex', 'gemini-2.0-flash-001');

test('Gemini API and Vertex AI calls show on the scrape: tokens by type (reasoning), requests, errors, finish reasons, time to first token', async () => {
  // A plain call with thoughts and cached content.
  server.reply(responseReply('gemini-2.5-flash', 'Hello!', { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 7, cachedContentTokenCount: 4, totalTokenCount: 20 }));
  assert.equal((await gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' })).text, 'Hello!');

  // A stream cut by MAX_TOKENS: the prompt count early, the output counts on the last chunk.
  const usages = [{ promptTokenCount: 100, totalTokenCount: 100 }, { promptTokenCount: 100, candidatesTokenCount: 20, thoughtsTokenCount: 30, totalTokenCount: 150 }];
  server.reply({ chunks: chunks('gemini-2.5-pro', ['Hel', 'lo'], usages, 'MAX_TOKENS'), firstDelayMs: 20 });
  let streamed = '';
  for await (const chunk of await gemini.models.generateContentStream({ model: 'models/gemini-2.5-pro', contents: 'Hi' })) streamed += chunk.text ?? '';
  assert.equal(streamed, 'Hello');

  // A response with the prompt's count only.
  server.reply(responseReply('gemini-2.5-flash-lite', '', { promptTokenCount: 6, totalTokenCount: 6 }, 'STOP'));
  await gemini.models.generateContent({ model: 'gemini-2.5-flash-lite', contents: 'Hi' });

  // Vertex AI, stopped for safety.
  server.reply(responseReply('gemini-2.0-flash-001', '', { promptTokenCount: 8, candidatesTokenCount: 2, totalTokenCount: 10 }, 'SAFETY'));
  await vertex.models.generateContent({ model: 'gemini-2.0-flash-001', contents: 'Hi' });

  // Quota exhausted, and a prompt over the context window.
  server.reply(errorReply(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'));
  await assert.rejects(gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' }), { name: 'ApiError', status: 429 });
  server.reply(errorReply(400, 'INVALID_ARGUMENT', 'The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).'));
  await assert.rejects(gemini.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Hi' }), { name: 'ApiError', status: 400 });

  const { status, body } = await scrape(telemetry.prometheus!.url);
  assert.equal(status, 200);
  const all = samples(body);

  // Raw usageMetadata → series: input = promptTokenCount (+ toolUsePromptTokenCount), cached =
  // cachedContentTokenCount, output = candidatesTokenCount + thoughtsTokenCount, reasoning =
  // thoughtsTokenCount; a count not sent makes no series (there is never a cache_write one).
  assert.deepEqual(family(all, 'promptkit_provider_tokens_total'), {
    // 10 prompt (4 of them cached), 3 candidates + 7 thoughts.
    [`promptkit_provider_tokens_total{${FLASH},type="input"}`]: 10,
    [`promptkit_provider_tokens_total{${FLASH},type="output"}`]: 10,
    [`promptkit_provider_tokens_total{${FLASH},type="cached"}`]: 4,
    [`promptkit_provider_tokens_total{${FLASH},type="reasoning"}`]: 7,
    // The last snapshot: 100 prompt, 20 candidates + 30 thoughts (never a sum over chunks).
    [`promptkit_provider_tokens_total{${PRO},type="input"}`]: 100,
    [`promptkit_provider_tokens_total{${PRO},type="output"}`]: 50,
    [`promptkit_provider_tokens_total{${PRO},type="reasoning"}`]: 30,
    // promptTokenCount only: input only.
    [`promptkit_provider_tokens_total{${LITE},type="input"}`]: 6,
    [`promptkit_provider_tokens_total{${VERTEX},type="input"}`]: 8,
    [`promptkit_provider_tokens_total{${VERTEX},type="output"}`]: 2,
  });
  assert.deepEqual(family(all, 'promptkit_provider_requests_total'), {
    [`promptkit_provider_requests_total{${FLASH},status="success"}`]: 1,
    [`promptkit_provider_requests_total{${PRO},status="success"}`]: 1,
    [`promptkit_provider_requests_total{${LITE},status="success"}`]: 1,
    [`promptkit_provider_requests_total{${VERTEX},status="success"}`]: 1,
    [`promptkit_provider_requests_total{${FLASH},status="error"}`]: 2,
  });
  assert.deepEqual(family(all, 'promptkit_provider_errors_total'), {
    [`promptkit_provider_errors_total{${FLASH},error_type="rate_limit"}`]: 1,
    [`promptkit_provider_errors_total{${FLASH},error_type="context_length_exceeded"}`]: 1,
  });
  assert.deepEqual(family(all, 'promptkit_provider_finish_reasons_total'), {
    [`promptkit_provider_finish_reasons_total{${FLASH},reason="stop"}`]: 1,
    [`promptkit_provider_finish_reasons_total{${PRO},reason="length"}`]: 1,
    [`promptkit_provider_finish_reasons_total{${LITE},reason="stop"}`]: 1,
    [`promptkit_provider_finish_reasons_total{${VERTEX},reason="content_filter"}`]: 1,
  });
  assert.deepEqual(family(all, 'promptkit_provider_time_to_first_token_seconds_count'), {
    [`promptkit_provider_time_to_first_token_seconds_count{${PRO}}`]: 1,
  });
  const ttft = all.get(`promptkit_provider_time_to_first_token_seconds_sum{${PRO}}`)!;
  assert.ok(ttft >= 0.015 && ttft < 5, `ttft ${ttft} s`);
  assert.deepEqual(family(all, 'promptkit_provider_request_duration_seconds_count'), {
    [`promptkit_provider_request_duration_seconds_count{${FLASH}}`]: 3,
    [`promptkit_provider_request_duration_seconds_count{${PRO}}`]: 1,
    [`promptkit_provider_request_duration_seconds_count{${LITE}}`]: 1,
    [`promptkit_provider_request_duration_seconds_count{${VERTEX}}`]: 1,
  });
});
