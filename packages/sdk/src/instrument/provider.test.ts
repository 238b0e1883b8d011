import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { EventOf, PromptKitEvent } from '@promptkit/events';
import { createRun } from './run.js';

const warnings: string[] = [];
before(() => {
  const log = () => {};
  const logger: DiagLogger = { error: log, warn: (message) => void warnings.push(message), info: log, debug: log, verbose: log };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});
after(() => diag.disable());

function recorder() {
  const events: PromptKitEvent[] = [];
  const completed = () => events.filter((e): e is EventOf<'provider.call.completed'> => e.type === 'provider.call.completed').map((e) => e.data);
  return { events, completed, bus: { publish: (event: PromptKitEvent) => void events.push(event) } };
}

const gpt = { provider: 'openai', model: 'gpt-4o' };

describe('run.provider', () => {
  test('reads the neutral shape and returns the result unchanged', async () => {
    const { events, bus } = recorder();
    let ms = 0;
    const run = createRun(bus, { runId: 'r', now: () => ms });
    const response = { text: 'hi', usage: { inputTokens: 120, outputTokens: 48, cachedTokens: 100 }, cost: 0.004, finishReason: 'stop' };
    const result = await run.provider(gpt, () => {
      ms += 1800;
      return Promise.resolve(response);
    });
    assert.equal(result, response);
    assert.deepEqual(events.map((e) => [e.type, e.runId, e.data]), [
      ['provider.call.started', 'r', { provider: 'openai', model: 'gpt-4o' }],
      [
        'provider.call.completed',
        'r',
        { provider: 'openai', model: 'gpt-4o', durationMs: 1800, inputTokens: 120, outputTokens: 48, cachedTokens: 100, cost: 0.004, finishReason: 'stop' },
      ],
    ]);
  });

  test('extractors map a provider response (OpenAI chat completion) to usage, cost and finish reason', async () => {
    const { completed, bus } = recorder();
    const chatCompletion = {
      choices: [{ finish_reason: 'length', message: { content: '…' } }],
      usage: { prompt_tokens: 2006, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1920 } },
    };
    const result = await createRun(bus).provider(
      {
        ...gpt,
        usage: (r) => ({ inputTokens: r.usage.prompt_tokens, outputTokens: r.usage.completion_tokens, cachedTokens: r.usage.prompt_tokens_details.cached_tokens }),
        cost: (r) => r.usage.prompt_tokens * 1e-6,
        finishReason: (r) => r.choices[0]?.finish_reason,
      },
      () => Promise.resolve(chatCompletion),
    );
    assert.equal(result, chatCompletion);
    const [data] = completed();
    assert.deepEqual({ ...data, durationMs: 0 }, {
      provider: 'openai', model: 'gpt-4o', durationMs: 0, inputTokens: 2006, outputTokens: 300, cachedTokens: 1920, cost: 0.002006, finishReason: 'length',
    });
  });

  test('without usage the call is completed with no token counts at all (never zeros)', async () => {
    const { completed, bus } = recorder();
    const run = createRun(bus);
    await run.provider(gpt, () => Promise.resolve('plain text'));
    await run.provider({ ...gpt, usage: () => undefined }, () => Promise.resolve({ usage: { inputTokens: 5, outputTokens: 1 } }));
    for (const data of completed()) {
      assert.equal('inputTokens' in data, false);
      assert.equal('outputTokens' in data, false);
      assert.equal('cachedTokens' in data, false);
      assert.equal('cost' in data, false);
    }
    assert.equal(completed().length, 2);
    // What part of the usage is reported is recorded; what is not stays absent.
    await run.provider(gpt, () => Promise.resolve({ usage: { inputTokens: 5 } }));
    assert.deepEqual([completed()[2]?.inputTokens, 'outputTokens' in completed()[2]!], [5, false]);
  });

  test('a provider-shaped usage without an extractor is not guessed at, and is reported', async () => {
    const { completed, bus } = recorder();
    warnings.length = 0;
    await createRun(bus).provider(gpt, () => Promise.resolve({ usage: { prompt_tokens: 10, completion_tokens: 2 } }));
    assert.equal('inputTokens' in completed()[0]!, false);
    assert.match(warnings.join('\n'), /'usage' object without inputTokens\/outputTokens \(keys: prompt_tokens, completion_tokens\).*pass a 'usage' extractor/);
  });

  test('cachedTokens above inputTokens: the cached count is dropped and reported, the call still recorded', async () => {
    const { completed, bus } = recorder();
    warnings.length = 0;
    // Anthropic-style usage handed over as is: input_tokens leaves the cache reads out.
    const result = await createRun(bus).provider({ provider: 'anthropic', model: 'claude-sonnet-4' }, () =>
      Promise.resolve({ usage: { inputTokens: 20, outputTokens: 7, cachedTokens: 1800 } }),
    );
    assert.equal(result.usage.cachedTokens, 1800, 'the result itself is untouched');
    const [data] = completed();
    assert.equal(data!.inputTokens, 20);
    assert.equal(data!.outputTokens, 7);
    assert.equal('cachedTokens' in data!, false);
    assert.match(warnings.join('\n'), /anthropic claude-sonnet-4: cachedTokens \(1800\) exceeds inputTokens \(20\).*cache_read_input_tokens/);
  });

  test('cachedTokens equal to inputTokens is fine', async () => {
    const { completed, bus } = recorder();
    await createRun(bus).provider(gpt, () => Promise.resolve({ usage: { inputTokens: 64, outputTokens: 1, cachedTokens: 64 } }));
    assert.equal(completed()[0]!.cachedTokens, 64);
  });

  test('an extractor that throws is reported; the call is recorded without that part and the result returned', async () => {
    const { completed, bus } = recorder();
    warnings.length = 0;
    const value = { usage: { inputTokens: 3, outputTokens: 4 } };
    const result = await createRun(bus).provider(
      {
        ...gpt,
        cost: () => {
          throw new Error('no price');
        },
      },
      () => Promise.resolve(value),
    );
    assert.equal(result, value);
    assert.deepEqual({ ...completed()[0], durationMs: 0 }, { ...gpt, durationMs: 0, inputTokens: 3, outputTokens: 4 });
    assert.match(warnings.join('\n'), /reading 'cost' from a result threw \(Error: no price\)/);
  });

  test('a failed call publishes provider.call.failed and rethrows the same error', async () => {
    const { events, bus } = recorder();
    class RateLimitError extends Error {
      readonly status = 429;
    }
    const limited = new RateLimitError('slow down');
    await assert.rejects(createRun(bus).provider(gpt, () => Promise.reject(limited)), (error) => error === limited);
    assert.deepEqual(events.map((e) => e.type), ['provider.call.started', 'provider.call.failed']);
    const failed = events[1]!;
    assert.ok(failed.type === 'provider.call.failed' && failed.data.error === limited && failed.data.durationMs >= 0);
  });

  test('stages nest inside a provider call and share its runId', async () => {
    const { events, bus } = recorder();
    const run = createRun(bus);
    await run.provider(gpt, async () => {
      await run.tool('lookup', () => 1);
      return { usage: { inputTokens: 1, outputTokens: 1 } };
    });
    assert.deepEqual(events.map((e) => e.type), ['provider.call.started', 'tool.call.started', 'tool.call.completed', 'provider.call.completed']);
    assert.ok(events.every((e) => e.runId === run.runId));
  });
});
