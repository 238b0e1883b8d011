// Instrumentation helpers: wrap each step of a pipeline and PromptKit publishes the events, times
// them, and counts successes and errors. No event is written by hand.
//   npx tsx examples/helpers.ts          (PROMPTKIT_ADDRESS=127.0.0.1:0 picks a free port)
import { setTimeout as sleep } from 'node:timers/promises';
import { startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({ serviceName: 'helpers-example', prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464' });

/** Stands in for an LLM client: answers after a while, with usage in PromptKit's neutral shape. */
async function fakeChat(prompt: string) {
  await sleep(30);
  const cachedTokens = 64; // part of the prompt the provider had cached: counted in inputTokens too
  return { text: `You asked: ${prompt}`, usage: { inputTokens: 120 + cachedTokens, outputTokens: 48, cachedTokens }, cost: 0.0012 };
}

const answer = await telemetry.pipeline(async (run) => {
  const context = await run.stage('retrieve', 'transform', async () => {
    // Helpers nest: the tool call belongs to the stage and to the run.
    return run.tool('web_search', async () => (await sleep(10), ['PromptKit records LLM metrics']));
  });
  const reply = await run.stage('generate', 'llm', () =>
    run.provider({ provider: 'openai', model: 'gpt-4o' }, () => fakeChat(`what is PromptKit? (${context.length} sources)`)),
  );
  // `false` records a failed validation and returns false; throwing would fail it and rethrow.
  await run.validate('schema', 'output', () => reply.text.length > 0);
  await run.validate('length', 'output', () => reply.text.length < 10);
  return reply.text;
});

// A failing step: the error is recorded (status="error") and reaches the caller unchanged.
try {
  await telemetry.pipeline((run) =>
    run.tool('calculator', () => {
      throw new Error('could not parse the expression');
    }),
  );
} catch (error) {
  console.log(`pipeline failed as expected: ${(error as Error).message}`);
}

console.log(`answer: ${answer}`);
console.log(`metrics: ${telemetry.prometheus?.url}`);

const stop = async () => {
  await telemetry.shutdown();
  console.log('stopped');
};
untilSignal(stop);
