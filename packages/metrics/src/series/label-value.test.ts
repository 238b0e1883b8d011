import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_LABEL, labelValue, MAX_LABEL_LENGTH } from './label-value.js';

test('label values: strings kept, others refused, empty replaced', () => {
  assert.equal(labelValue('gpt-4o'), 'gpt-4o');
  assert.equal(labelValue('模型 ✓ "quoted" \\ back'), '模型 ✓ "quoted" \\ back');
  assert.equal(labelValue(''), EMPTY_LABEL);
  for (const value of [undefined, null, 42, {}, ['a']]) assert.equal(labelValue(value), undefined);
});

test('label values: control characters replaced, length bounded, surrogates kept whole', () => {
  assert.equal(labelValue('a\nb\tc\u0000d\u007f'), 'a b c d ');
  assert.equal(labelValue('x'.repeat(10_000))!.length, MAX_LABEL_LENGTH);
  const emoji = 'a'.repeat(MAX_LABEL_LENGTH - 1) + '😀';
  const cut = labelValue(emoji)!;
  assert.equal(cut, 'a'.repeat(MAX_LABEL_LENGTH - 1));
  assert.equal(labelValue('bad \ud800 surrogate'), 'bad \ufffd surrogate');
});
