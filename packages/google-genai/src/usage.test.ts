// Usage normalisation as a table: the raw `usageMetadata` the API sends → the counts on
// `provider.call.completed`, through the real SDK (2.x, 1.x, and 3.x on Node.js 22+).
//
//   inputTokens     = promptTokenCount (+ toolUsePromptTokenCount when present)
//   cachedTokens    = cachedContentTokenCount (a part of promptTokenCount)
//   outputTokens    = candidatesTokenCount + thoughtsTokenCount (thoughts are outside candidates)
//   reasoningTokens = thoughtsTokenCount
//   cacheWriteTokens: never (the API reports no cache writes)
//
// A count the API did not send stays undefined.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { GoogleGenAI } from '@google/genai';
import { MODEL, SDKS, chunks, responseReply } from './test-fixtures.js';
import { collect, harness } from './test-harness.js';

const h = harness();
const params = { model: MODEL, contents: 'Hi' };

type Counts = [input?: number, output?: number, cached?: number, reasoning?: number];

const PLAIN: [string, unknown, Counts][] = [
  ['prompt and candidates', { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 }, [10, 3]],
  ['thoughts are output outside candidates', { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 7, totalTokenCount: 20 }, [10, 10, undefined, 7]],
  ['cached content is part of the prompt', { promptTokenCount: 1000, cachedContentTokenCount: 800, candidatesTokenCount: 3, totalTokenCount: 1003 }, [1000, 3, 800]],
  ['tool results fed back count as input', { promptTokenCount: 10, toolUsePromptTokenCount: 25, candidatesTokenCount: 3, totalTokenCount: 38 }, [35, 3]],
  ['prompt only (no candidates count): input only', { promptTokenCount: 10, totalTokenCount: 10 }, [10]],
  ['thoughts only (stopped while thinking)', { promptTokenCount: 10, thoughtsTokenCount: 64, totalTokenCount: 74 }, [10, 64, undefined, 64]],
  [
    'every count, with modality details (not counts PromptKit records)',
    { promptTokenCount: 500, cachedContentTokenCount: 200, toolUsePromptTokenCount: 20, candidatesTokenCount: 40, thoughtsTokenCount: 60, totalTokenCount: 620, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 500 }] },
    [520, 100, 200, 60],
  ],
  ['no usageMetadata', undefined, []],
];

// usageMetadata of each chunk (cumulative snapshots) → counts.
const STREAMED: [string, unknown[], Counts][] = [
  ['prompt early, output on the last chunk', [{ promptTokenCount: 10, totalTokenCount: 10 }, { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 7, totalTokenCount: 20 }], [10, 10, undefined, 7]],
  [
    'cumulative candidates on every chunk: the last wins, never a sum',
    [{ promptTokenCount: 10, candidatesTokenCount: 1 }, { promptTokenCount: 10, candidatesTokenCount: 2 }, { promptTokenCount: 10, candidatesTokenCount: 3 }],
    [10, 3],
  ],
  ['a count only on an earlier chunk is kept', [{ promptTokenCount: 10, cachedContentTokenCount: 6 }, { candidatesTokenCount: 3 }], [10, 3, 6]],
  ['usage only on the first chunk', [{ promptTokenCount: 10 }, undefined], [10]],
  ['no usage on any chunk', [undefined, undefined], []],
];

function recordedCounts(): Counts {
  const data = h.completed();
  assert.equal(data.cacheWriteTokens, undefined);
  const counts: Counts = [data.inputTokens, data.outputTokens, data.cachedTokens, data.reasoningTokens];
  while (counts.length > 0 && counts.at(-1) === undefined) counts.pop();
  return counts;
}

for (const sdk of SDKS) {
  describe(`@google/genai ${sdk.version}: usageMetadata → [input, output, cached, reasoning]`, { skip: sdk.skip }, () => {
    let Client: typeof GoogleGenAI;
    before(async () => {
      Client = await sdk.load();
    });
    for (const [name, usage, expected] of PLAIN) {
      test(`generateContent: ${name}`, async () => {
        h.server.reply(responseReply(MODEL, 'Hi', usage));
        await h.instrumented(Client).models.generateContent(params);
        assert.deepEqual(recordedCounts(), expected);
      });
    }
    for (const [name, usages, expected] of STREAMED) {
      test(`generateContentStream: ${name}`, async () => {
        h.server.reply({ chunks: chunks(MODEL, usages.map((_, i) => `part ${i}`), usages) });
        await collect(await h.instrumented(Client).models.generateContentStream(params));
        assert.deepEqual(recordedCounts(), expected);
      });
    }
  });
}
