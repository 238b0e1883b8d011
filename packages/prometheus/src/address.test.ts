import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddress } from './address.js';

test('Go-style addresses', () => {
  assert.deepEqual(parseAddress(':9090'), { host: undefined, port: 9090 });
  assert.deepEqual(parseAddress('127.0.0.1:0'), { host: '127.0.0.1', port: 0 });
  assert.deepEqual(parseAddress('localhost:9464'), { host: 'localhost', port: 9464 });
  assert.deepEqual(parseAddress('[::1]:8080'), { host: '::1', port: 8080 });
});

test('bad addresses get a clear error', () => {
  for (const bad of ['9090', 'host', ':', ':99999', '::1:80', 'a:b', '']) {
    assert.throws(() => parseAddress(bad), /invalid (listen address|port)/, bad);
  }
});
