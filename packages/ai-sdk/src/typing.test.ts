// The one middleware object type-checks as each major's LanguageModelMiddleware, without casts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus } from '@promptkit/events';
import type { LanguageModelMiddleware as Middleware6 } from 'ai';
import { wrapLanguageModel as wrap5, type LanguageModelMiddleware as Middleware5 } from 'ai-v5';
import { MockLanguageModelV2 } from 'ai-v5/test';
import type { LanguageModelMiddleware as Middleware7 } from 'ai-v7';
import { wrapLanguageModel as wrap6 } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { promptkitMiddleware } from './index.js';

test('promptkitMiddleware() is a LanguageModelMiddleware of ai 5, 6 and 7', () => {
  const middleware = promptkitMiddleware({ eventBus: new EventBus() });
  const as5: Middleware5 = middleware;
  const as6: Middleware6 = middleware;
  const as7: Middleware7 = middleware;
  assert.equal(wrap5({ model: new MockLanguageModelV2(), middleware }).specificationVersion, 'v2');
  assert.equal(wrap6({ model: new MockLanguageModelV3(), middleware }).specificationVersion, 'v3');
  assert.deepEqual([as5, as6, as7].map((m) => m === middleware), [true, true, true]);
});
