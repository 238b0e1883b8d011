// Add PromptKit metrics to an existing OpenAI app: startMetrics() once, then instrumentOpenAI() on
// the client. Every chat.completions.create and responses.create call (plain or streaming) then
// records provider requests, duration, tokens and, for streams, time to first token.
//
//   npx tsx examples/openai.ts                           # a tiny fake OpenAI server on 127.0.0.1: no network, no key
//   OPENAI_API_KEY=sk-… npx tsx examples/openai.ts       # the real OpenAI API: two small, billed calls
//
// PROMPTKIT_ADDRESS sets the metrics address (default ':9464'); OPENAI_MODEL the model (default gpt-4o-mini).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { instrumentOpenAI } from '@promptkit/openai';
import { startMetrics } from '@promptkit/sdk';
import OpenAI from 'openai';
import { startFakeApi, type FakeApi } from './support/fake-api.js';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({ serviceName: 'openai-example', prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464' });

// Without a key, talk to the fake server below instead of the real API.
const fake = process.env.OPENAI_API_KEY ? undefined : await startFakeOpenAI();
const client = fake ? new OpenAI({ apiKey: 'not-needed', baseURL: fake.url }) : new OpenAI();

// The one line that adds metrics. The client is the same object, and so are its results.
const openai = instrumentOpenAI(client, { eventBus: telemetry.eventBus });

const model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';
const messages = [{ role: 'user' as const, content: 'Say hello in five words.' }];

const completion = await openai.chat.completions.create({ model, messages });
console.log(`chat: ${completion.choices[0]?.message.content}`);

// Streams report tokens too: the adapter asks for usage (stream_options.include_usage) when you did not.
let streamed = '';
for await (const chunk of await openai.chat.completions.create({ model, messages, stream: true })) {
  streamed += chunk.choices[0]?.delta.content ?? '';
}
console.log(`stream: ${streamed}`);

console.log(`metrics: ${telemetry.prometheus?.url}`);

const stop = async () => {
  await telemetry.shutdown();
  await fake?.close();
  console.log('stopped');
};
untilSignal(stop);

/**
 * A fake of the OpenAI API, only as much as this example calls: POST /v1/chat/completions, as JSON
 * or as server-sent events, with usage in the final chunk when stream_options.include_usage is set.
 */
async function startFakeOpenAI(): Promise<FakeApi> {
  const words = ['Hello', ' there,', ' nice', ' to', ' meet', ' you!'];
  const usage = { prompt_tokens: 14, completion_tokens: words.length, total_tokens: 14 + words.length, prompt_tokens_details: { cached_tokens: 0 } };
  const base = { id: 'chatcmpl-fake', created: Math.floor(Date.now() / 1000), model: 'gpt-4o-mini-2024-07-18' };
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const params = JSON.parse(body || '{}') as { stream?: boolean; stream_options?: { include_usage?: boolean } };
    if (!params.stream) {
      const message = { role: 'assistant', content: words.join(''), refusal: null };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: 'stop' }], usage }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (choices: unknown[], extra: object = {}) =>
      response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`);
    for (const content of words) {
      await new Promise((resolve) => setTimeout(resolve, 40)); // a model thinking
      send([{ index: 0, delta: { content }, finish_reason: null }]);
    }
    send([{ index: 0, delta: {}, finish_reason: 'stop' }]);
    if (params.stream_options?.include_usage) send([], { usage });
    response.end('data: [DONE]\n\n');
  };
  return startFakeApi(answer, '/v1');
}
