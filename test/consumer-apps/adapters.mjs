// An OpenAI app and an AI SDK app, as the README's adapter sections set them up, recording into
// startMetrics()'s /metrics. OpenAI talks to the test's loopback fake server (FAKE_OPENAI_BASE_URL);
// the AI SDK model is the mock from `ai/test` of the installed major (V4 in ai 7, V3 in ai 6).
import { generateText, wrapLanguageModel } from 'ai';
import * as aiTest from 'ai/test';
import OpenAI from 'openai';
import { promptkitMiddleware } from '@promptkit/ai-sdk';
import { instrumentOpenAI } from '@promptkit/openai';
import { startMetrics } from '@promptkit/sdk';
import { serveUntilStdinEnds } from './serve.mjs';

const telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, registerGlobal: false, pricing: false });

const openai = instrumentOpenAI(new OpenAI({ apiKey: 'test-key', baseURL: process.env.FAKE_OPENAI_BASE_URL, maxRetries: 0 }), { eventBus: telemetry.eventBus });
const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
if (completion.choices[0]?.message.content !== 'Hello!') throw new Error(`unexpected completion ${JSON.stringify(completion)}`);

const MockLanguageModel = aiTest.MockLanguageModelV4 ?? aiTest.MockLanguageModelV3;
const model = wrapLanguageModel({
  model: new MockLanguageModel({
    provider: 'openai.chat',
    modelId: 'gpt-4o',
    doGenerate: async () => ({
      content: [{ type: 'text', text: 'Hi there' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 200, noCache: 150, cacheRead: 50, cacheWrite: undefined },
        outputTokens: { total: 20, text: 20, reasoning: undefined },
      },
      warnings: [],
      response: { id: 'resp-test', modelId: 'gpt-4o-2024-08-06', timestamp: new Date(0) },
    }),
  }),
  middleware: promptkitMiddleware({ eventBus: telemetry.eventBus }),
});
const { text } = await generateText({ model, prompt: 'Hello' });
if (text !== 'Hi there') throw new Error(`unexpected text ${text}`);

serveUntilStdinEnds(telemetry.prometheus.url, () => telemetry.shutdown());
