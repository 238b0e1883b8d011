import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envelope, NAMESPACE, openEnvelope } from './protocol.js';

test("PromptKit's messages travel under one namespaced key; the application's own messages are never read as ours", () => {
  const ours = envelope({ type: 'collect', id: 7 });
  assert.deepEqual(Object.keys(ours), [NAMESPACE], 'one key, so `message.type` or `message.cmd` of an application never matches');
  assert.deepEqual(openEnvelope(JSON.parse(JSON.stringify(ours))), { type: 'collect', id: 7 });
  const theirs: unknown[] = ['collect', 42, null, { type: 'collect', id: 1 }, { cmd: 'NODE_x' }, { [NAMESPACE]: 'x' }, { [NAMESPACE]: { type: 'collect', id: 1, v: 2 } }, { [NAMESPACE]: { type: 'hello', v: 1 } }];
  for (const message of theirs) assert.equal(openEnvelope(message), undefined, JSON.stringify(message));
});
