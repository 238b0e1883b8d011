// Label names against Prometheus' LabelNamer (prometheus/otlptranslator HEAD, default options), and
// label sets as the OpenTelemetry specification merges them. Expected values are Prometheus'
// except where a row says it is PromptKit's documented deviation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelName, labelPairs, labelValue, type LabelRepairs } from './label-names.js';

// otlptranslator label_namer_test.go (51da773), `labelTestCases`, the `default` (LabelNamer{}) column.
const UPSTREAM: readonly (readonly [key: string, expected: string])[] = [
  ['label:with:colons', 'label_with_colons'],
  ['LabelWithCapitalLetters', 'LabelWithCapitalLetters'],
  ['label!with&special$chars)', 'label_with_special_chars_'],
  ['label_with_foreign_characters_字符', 'label_with_foreign_characters_'],
  ['label.with.dots', 'label_with_dots'],
  ['.foo', '_foo'],
  ['123label', 'key_123label'],
  ['_label_starting_with_underscore', '_label_starting_with_underscore'],
  ['__label_starting_with_2underscores', '_label_starting_with_2underscores'],
  ['label__with__double__underscores', 'label_with_double_underscores'],
  ['label.name__with&&special##chars', 'label_name_with_special_chars'],
  ['trailing_underscores___', 'trailing_underscores_'],
];

// Where LabelNamer returns an error (`ようこそ` → "_", empty, only underscores), labelName() gives ''
// and the attribute is left out of the series.
const UPSTREAM_ERRORS: readonly string[] = ['ようこそ', '', '__'];

// PromptKit's deviation: Prometheus keeps a key that starts and ends with `__` as a reserved
// `__…__` name; PromptKit collapses it like any other run of `_`, so no label it writes starts with
// `__` (names Prometheus reserves for itself, such as `__name__`).
const DEVIATIONS: readonly (readonly [key: string, prometheus: string, promptkit: string])[] = [
  ['__reserved__label__name__', '__reserved_label_name__', '_reserved_label_name_'],
  ['__name__', '__name__', '_name_'],
  ['__le__', '__le__', '_le_'],
  ['____x____', '__x__', '_x_'],
];

const MORE: readonly (readonly [key: string, expected: string])[] = [
  ['otel.scope.name', 'otel_scope_name'],
  ['http.response.status_code', 'http_response_status_code'],
  ['a😀b', 'a_b'],
  ['😀', ''],
  ['9', 'key_9'],
  ['9.9', 'key_9_9'],
  ['-', ''],
  ['_', ''],
  [' ', ''],
  ['.', ''],
  ['\n', ''],
  ['\ud800x', '_x'],
  ['le', 'le'],
  ['quantile', 'quantile'],
  ['key_le', 'key_le'],
];

test('every LabelNamer row (default column) gives Prometheus’ label name', () => {
  assert.deepEqual(UPSTREAM.map(([key]) => [key, labelName(key)]), UPSTREAM);
});

test('keys LabelNamer rejects have no label name', () => {
  for (const key of UPSTREAM_ERRORS) assert.equal(labelName(key), '', JSON.stringify(key));
});

test('deviation: keys starting with __ collapse to a single _, never a __ prefix', () => {
  assert.deepEqual(DEVIATIONS.map(([key]) => [key, labelName(key)]), DEVIATIONS.map(([key, , promptkit]) => [key, promptkit]));
  for (const [key, prometheus, promptkit] of DEVIATIONS) assert.notEqual(prometheus, promptkit, key);
});

test('more keys: dots, emoji, lone surrogates, digits, punctuation only', () => {
  assert.deepEqual(MORE.map(([key]) => [key, labelName(key)]), MORE);
  // Whatever the key, a name is '' or a valid Prometheus label name that does not start with `__`.
  for (let code = 0; code < 0x3000; code += 7) {
    const name = labelName(`${String.fromCharCode(code)}k${String.fromCharCode(code + 1)}`);
    assert.match(name, /^(?:[a-zA-Z_][a-zA-Z0-9_]*)?$/);
    assert.ok(!name.startsWith('__'), name);
  }
});

function repairs(): LabelRepairs {
  return { merged: [], dropped: [], renamed: [], duplicates: 0 };
}

test('keys that map to one name are merged with ";", in the order of the original keys', () => {
  const fixes = repairs();
  const pairs = labelPairs({ a_b: '2', 'a.b': '1', 'a-b': '3', other: 'x' }, [], new Set(), fixes);
  // 'a-b' < 'a.b' < 'a_b' (code points 0x2d, 0x2e, 0x5f).
  assert.deepEqual(Object.fromEntries(pairs), { a_b: '3;1;2', other: 'x' });
  assert.deepEqual(fixes.merged.sort(), ['a.b', 'a_b']);
});

test('reserved names get key_ and can then merge with a key_ attribute; unusable keys are dropped', () => {
  const fixes = repairs();
  const pairs = labelPairs({ le: '0.5', key_le: 'k', quantile: 'q', '': 'empty', '...': 'dots', __name__: 'n' }, [], new Set(['le', 'quantile']), fixes);
  assert.deepEqual(Object.fromEntries(pairs), { key_le: 'k;0.5', key_quantile: 'q', _name_: 'n' });
  assert.deepEqual(fixes.renamed.sort(), ['le', 'quantile']);
  assert.deepEqual(fixes.dropped.sort(), ['', '...']);
});

test('scope labels come first as if they were attributes, and merge with attributes of the same name', () => {
  const pairs = labelPairs({ 'otel.scope.name': 'attr', zone: 'z' }, [['otel_scope_name', 'scope'], ['otel_scope_version', '1.0']], new Set());
  // 'otel.scope.name' sorts before 'otel_scope_name': the attribute's value comes first.
  assert.deepEqual(Object.fromEntries(pairs), { otel_scope_name: 'attr;scope', otel_scope_version: '1.0', zone: 'z' });
});

test('values: strings as they are, numbers and booleans as text, arrays as JSON', () => {
  assert.equal(labelValue('a"b\\c\nd'), 'a"b\\c\nd');
  assert.equal(labelValue(1.5), '1.5');
  assert.equal(labelValue(Number.NaN), 'NaN');
  assert.equal(labelValue(-Infinity), '-Infinity');
  assert.equal(labelValue(true), 'true');
  assert.equal(labelValue(['a', 'b"']), '["a","b\\""]');
  assert.equal(labelValue([1, null, 3] as number[]), '[1,null,3]');
  // A lone surrogate in an array is written as a JSON escape, so the value stays valid UTF-8.
  assert.equal(labelValue(['\ud800']), '["\\ud800"]');
  assert.equal(labelValue(undefined), 'undefined');
});

test('valid, unique, unreserved keys keep their order and values (the fast path)', () => {
  const pairs = labelPairs({ z: '1', a: 2, m: false }, [], new Set(['le']));
  assert.deepEqual(pairs, [['z', '1'], ['a', '2'], ['m', 'false']]);
});

test('an empty key is never a label name, also when every other key is valid', () => {
  const fixes = repairs();
  assert.deepEqual(labelPairs({ '': 'x' }, [], new Set(), fixes), []);
  assert.deepEqual(labelPairs({ '': 'x', zone: 'a' }, [], new Set(), fixes), [['zone', 'a']]);
  assert.deepEqual(fixes.dropped, ['', '']);
});

test('a pair with an empty value is left out, as Prometheus reads it; a merged value keeps its separators', () => {
  assert.deepEqual(labelPairs({ a: '', b: 'x' }, [], new Set()), [['b', 'x']]);
  assert.deepEqual(labelPairs({ 'a.b': '', c: 'y' }, [['otel_scope_version', '']], new Set()), [['c', 'y']]);
  assert.deepEqual(Object.fromEntries(labelPairs({ 'a.b': '', a_b: 'x' }, [], new Set())), { a_b: ';x' });
  assert.deepEqual(labelPairs({ a: [] as string[] }, [], new Set()), [['a', '[]']]);
});
