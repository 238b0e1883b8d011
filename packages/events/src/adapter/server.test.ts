import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverOf } from './server.js';
import { sumTokenCounts } from './wire.js';

test('serverOf: host and port of a base URL, the scheme default when the URL names none', () => {
  const rows: [unknown, ReturnType<typeof serverOf>][] = [
    ['https://api.anthropic.com', { serverAddress: 'api.anthropic.com', serverPort: 443 }],
    ['https://generativelanguage.googleapis.com/', { serverAddress: 'generativelanguage.googleapis.com', serverPort: 443 }],
    ['http://127.0.0.1:8123/v1', { serverAddress: '127.0.0.1', serverPort: 8123 }],
    ['https://api.openai.com/v1', { serverAddress: 'api.openai.com', serverPort: 443 }],
    ['http://localhost:11434/v1', { serverAddress: 'localhost', serverPort: 11434 }],
    ['http://10.0.0.5/v1', { serverAddress: '10.0.0.5', serverPort: 80 }],
    ['https://my-resource.openai.azure.com/openai/deployments/gpt-4o', { serverAddress: 'my-resource.openai.azure.com', serverPort: 443 }],
    ['http://[::1]:9000', { serverAddress: '::1', serverPort: 9000 }],
    ['http://localhost', { serverAddress: 'localhost', serverPort: 80 }],
    ['ftp://files.example', { serverAddress: 'files.example' }],
    ['not a url', {}],
    ['', {}],
    [undefined, {}],
    [42, {}],
  ];
  for (const [baseUrl, expected] of rows) assert.deepEqual(serverOf(baseUrl), expected, String(baseUrl));
});

test('sumTokenCounts: the sum of what was reported, undefined when nothing was', () => {
  assert.equal(sumTokenCounts(12, 100, 3000), 3112);
  assert.equal(sumTokenCounts(12, null, undefined), 12);
  assert.equal(sumTokenCounts(0), 0);
  assert.equal(sumTokenCounts(null, undefined, 'many', -1, Number.NaN), undefined);
  assert.equal(sumTokenCounts(), undefined);
});
