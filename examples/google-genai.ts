// Add PromptKit metrics to an existing Gemini app: startMetrics() once, then instrumentGoogleGenAI()
// on the client. Every models.generateContent and models.generateContentStream call (and chats,
// which go through them) then records provider requests, duration, tokens (cached and thinking),
// the finish reason and, for streams, time to first token.
//
//   npx tsx examples/google-genai.ts                          # a tiny fake Gemini API on 127.0.0.1: no network, no key
//   GEMINI_API_KEY=… npx tsx examples/google-genai.ts         # the real Gemini API: two small calls
//
// PROMPTKIT_ADDRESS sets the metrics address (default ':9464'); GEMINI_MODEL the model (default gemini-2.5-flash).
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GoogleGenAI } from '@google/genai';
import { instrumentGoogleGenAI } from '@promptkit/google-genai';
import { startMetrics } from '@promptkit/sdk';
import { startFakeApi, type FakeApi } from './support/fake-api.js';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({ serviceName: 'google-genai-example', prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464' });

// Without a key, talk to the fake server below instead of the real API.
const apiKey = process.env.GEMINI_API_KEY;
const fake = apiKey ? undefined : await startFakeGemini();
const client = fake ? new GoogleGenAI({ apiKey: 'not-needed', httpOptions: { baseUrl: fake.url } }) : new GoogleGenAI({ apiKey });

// The one line that adds metrics. The client is the same object, and so are its results.
const ai = instrumentGoogleGenAI(client, { eventBus: telemetry.eventBus });

const model = process.env.GEMINI_MODEL ?? 'gemini-2.5-flash';
const contents = 'Say hello in five words.';

const response = await ai.models.generateContent({ model, contents });
console.log(`generate: ${response.text}`);

let streamed = '';
for await (const chunk of await ai.models.generateContentStream({ model, contents })) streamed += chunk.text ?? '';
console.log(`stream: ${streamed}`);

console.log(`metrics: ${telemetry.prometheus?.url}`);

const stop = async () => {
  await telemetry.shutdown();
  await fake?.close();
  console.log('stopped');
};
untilSignal(stop);

/**
 * A fake of the Gemini API, only as much as this example calls: POST …:generateContent as JSON and
 * …:streamGenerateContent?alt=sse as server-sent events, whose usage is a cumulative snapshot
 * (the prompt's count early, the output's on the last chunk).
 */
async function startFakeGemini(): Promise<FakeApi> {
  const words = ['Hello', ' there,', ' nice', ' to', ' meet', ' you!'];
  // 9 prompt tokens; 6 answer tokens and 10 of thinking, which Gemini counts apart from the answer.
  const promptUsage = { promptTokenCount: 9, totalTokenCount: 9 };
  const usageMetadata = { promptTokenCount: 9, candidatesTokenCount: words.length, thoughtsTokenCount: 10, totalTokenCount: 9 + words.length + 10 };
  const chunk = (text: string, last: boolean) => ({
    candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
    usageMetadata: last ? usageMetadata : promptUsage,
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-fake',
  });
  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    request.resume(); // the request body is not needed
    await once(request, 'end');
    if (!request.url?.includes(':streamGenerateContent')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(chunk(words.join(''), true)));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const [i, text] of words.entries()) {
      await new Promise((resolve) => setTimeout(resolve, 40)); // a model thinking
      response.write(`data: ${JSON.stringify(chunk(text, i === words.length - 1))}\r\n\r\n`);
    }
    response.end();
  }
  return startFakeApi(respond);
}
