import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { instrumentOpenAI } from './index.js';
import { chatReply, chatStreamReply } from './test-fixtures.js';
import { Harness, MAJORS, collect } from './test-clients.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

for (const major of MAJORS) {
  describe(`instrumentOpenAI (${major.label})`, { skip: major.skip }, () => {
    const h = new Harness(major);

    test('returns the same client, and wrapping twice does not count twice', async () => {
      const client = h.newClient();
      assert.equal(instrumentOpenAI(client, { eventBus: h.eventBus }), client);
      instrumentOpenAI(client, { eventBus: h.eventBus });
      h.server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
      await client.chat.completions.create({ model: 'gpt-4o', messages });
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.completed']);
    });

    test('providerName sets the provider label; the server comes from the base URL', async () => {
      const client = h.instrumented({ providerName: 'azure' });
      h.server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
      await client.chat.completions.create({ model: 'gpt-4o', messages });
      const data = h.completed();
      assert.equal(data.provider, 'azure');
      assert.deepEqual([data.serverAddress, data.serverPort], ['127.0.0.1', Number(new URL(h.server.baseURL).port)]);
    });

    test('a publisher that throws never reaches the caller', async () => {
      const broken = {
        publish() {
          throw new Error('broken publisher');
        },
      };
      const client = instrumentOpenAI(h.newClient(), { eventBus: broken });
      h.server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }), chatStreamReply('gpt-4o', ['a'], { input: 1, output: 1 }));
      const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
      assert.equal(completion.choices[0]!.message.content, 'Hi');
      const chunks = await collect(await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true }));
      assert.equal(chunks.length, 3);
    });

    test('odd results from an OpenAI-compatible server are recorded as far as they go, never thrown', async () => {
      const client = h.instrumented();
      h.server.reply({ status: 200, json: { id: 'x', choices: null, usage: { prompt_tokens: 'many', completion_tokens_details: { reasoning_tokens: -1 } } } });
      const completion = await client.chat.completions.create({ model: 'local-model', messages });
      assert.equal(completion.id, 'x');
      const data = h.completed();
      assert.equal(data.model, 'local-model');
      assert.equal(data.inputTokens, undefined);
      assert.equal(data.reasoningTokens, undefined);
    });
  });
}
