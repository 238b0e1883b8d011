// Smoke test for examples/serverless.ts: every invocation's call is at the collector by the time the
// handler returns (or throws), and the script ends by itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunningExample } from './support/example.js';

test('serverless: each invocation is pushed before it returns; the error comes back unchanged', async () => {
  const example = new RunningExample('serverless.ts', {});
  try {
    const { code } = await example.exit();
    assert.equal(code, 0, example.output());
    for (const calls of [1, 2, 3]) {
      assert.match(example.stdout, new RegExp(`^invocation ${calls} returned \\{"statusCode":200,.*\\}; the collector has ${calls} calls, ${calls * 52} tokens$`, 'm'));
    }
    assert.match(example.stdout, /^invocation 4 threw "the answer failed validation"; the collector has 4 calls, 208 tokens$/m);
  } finally {
    example.kill();
  }
});
