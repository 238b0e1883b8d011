// Add PromptKit metrics to an existing Anthropic app: startMetrics() once, then instrumentAnthropic()
// on the client. Every messages.create call (plain or streaming) and every messages.stream() then
// records provider requests, duration, tokens (cache reads and writes, thinking), the stop reason
// and, for streams, time to first token.
//
//   npx tsx examples/anthropic.ts                              # a tiny fake Anthropic API on 127.0.0.1: no network, no key
//   ANTHROPIC_API_KEY=sk-ant-… npx tsx examples/anthropic.ts   # the real Anthropic API: two small, billed calls
//
// PROMPTKIT_ADDRESS sets the metrics address (default ':9464'); ANTHROPIC_MODEL the model (default claude-haiku-4-5).
import type { IncomingMessage, ServerResponse } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { instrumentAnthropic } from '@promptkit/anthropic';
import { startMetrics } from '@promptkit/sdk';
import { startFakeApi, type FakeApi } from './support/fake-api.js';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({ serviceName: 'anthropic-example', prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464' });

// Without a key, talk to the fake server below instead of the real API.
const fake = process.env.ANTHROPIC_API_KEY ? undefined : await startFakeAnthropic();
const client = fake ? new Anthropic({ apiKey: 'not-needed', baseURL: fake.url }) : new Anthropic();

// The one line that adds metrics. The client is the same object, and so are its results.
const anthropic = instrumentAnthropic(client, { eventBus: telemetry.eventBus });

const model = process.env.ANTHROPIC_MODEL ?? 'claude-haiku-4-5';
const params = { model, max_tokens: 64, messages: [{ role: 'user' as const, content: 'Say hello in five words.' }] };

const message = await anthropic.messages.create(params);
console.log(`message: ${message.content.map((block) => (block.type === 'text' ? block.text : '')).join('')}`);

// The stream helper makes its request through messages.create: recorded once, with time to first token.
const stream = anthropic.messages.stream(params);
console.log(`stream: ${await stream.finalText()}`);

console.log(`metrics: ${telemetry.prometheus?.url}`);

const stop = async () => {
  await telemetry.shutdown();
  await fake?.close();
  console.log('stopped');
};
untilSignal(stop);

/**
 * A fake of the Anthropic Messages API, only as much as this example calls: POST /v1/messages, as
 * JSON or as server-sent events (each with its `event:` line), with usage in message_start and
 * message_delta.
 */
async function startFakeAnthropic(): Promise<FakeApi> {
  const words = ['Hello', ' there,', ' nice', ' to', ' meet', ' you!'];
  const answer = { id: 'msg_fake', type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001', stop_sequence: null };
  // 16 prompt tokens: 4 new and 12 read from the prompt cache.
  const usage = { input_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 12 };
  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const params = JSON.parse(body || '{}') as { stream?: boolean };
    if (!params.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ...answer, content: [{ type: 'text', text: words.join('') }], stop_reason: 'end_turn', usage: { ...usage, output_tokens: words.length } }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (data: { type: string; [field: string]: unknown }) => response.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
    send({ type: 'message_start', message: { ...answer, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } });
    send({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    for (const text of words) {
      await new Promise((resolve) => setTimeout(resolve, 40)); // a model thinking
      send({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
    }
    send({ type: 'content_block_stop', index: 0 });
    send({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: words.length } });
    send({ type: 'message_stop' });
    response.end();
  }
  return startFakeApi(respond);
}
