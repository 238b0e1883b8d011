// No secret given to startMetrics() reaches telemetry.config, a report or an error message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskSecrets, redactConfig } from './redact.js';
import { resolveConfig } from './resolve.js';


test('telemetry.config masks bearer tokens, passwords, header values and URL credentials', () => {
  const config = resolveConfig({
    prometheus: { host: '127.0.0.1', port: 0, bearerToken: 'tok-7f3a' },
    otlp: { endpoint: 'https://user:urlpw-0e1f@collector.example:4318', headers: { authorization: 'Bearer hdr-55d2' } },
    pricing: false,
  });
  const shown = JSON.stringify(redactConfig(config));
  for (const secret of ['tok-7f3a', 'hdr-55d2', 'urlpw-0e1f']) assert.ok(!shown.includes(secret), `${secret} in ${shown}`);
  assert.match(shown, /authorization/, 'header names stay, to show what is set');
  const basic = JSON.stringify(redactConfig(resolveConfig({ prometheus: { port: 0, basicAuth: { username: 'prom', password: 'pw-91bc' } }, pricing: false })));
  assert.ok(!basic.includes('pw-91bc') && basic.includes('prom'), basic);
});

test('error text with URLs loses their credentials', () => {
  const text = maskSecrets('connect ECONNREFUSED https://user:urlpw-0e1f@host:4318/v1/metrics and http://a:pw-91bc@c/');
  for (const secret of ['urlpw-0e1f', 'pw-91bc']) assert.ok(!text.includes(secret), text);
  assert.match(text, /https:\/\/\*\*\*@host:4318\/v1\/metrics/);
});

test('keys in a URL query are masked too, in telemetry.config and in error text; names, host and path stay', () => {
  const config = redactConfig(resolveConfig({ otlp: { endpoint: 'https://collector.example:4318/otlp?api_key=qk-3c9d&tenant=t1' }, pricing: false }));
  assert.ok(!JSON.stringify(config).includes('qk-3c9d'), JSON.stringify(config.otlp));
  assert.equal(config.otlp!.url, 'https://collector.example:4318/otlp/v1/metrics?api_key=***&tenant=***');
  const text = maskSecrets("request to 'https://h:1/v1/metrics?token=qk-3c9d#x' failed; see https://docs.example/page");
  assert.ok(!text.includes('qk-3c9d'), text);
  assert.match(text, /https:\/\/h:1\/v1\/metrics\?token=\*\*\*#x'/);
  assert.match(text, /https:\/\/docs\.example\/page$/, 'a URL without credentials is unchanged');
});

test('a ConfigError about an endpoint with credentials does not repeat them', () => {
  assert.throws(
    () => resolveConfig({ otlp: { endpoint: 'ftp://user:urlpw-0e1f@host' }, pricing: false }),
    (error: Error) => error.name === 'ConfigError' && !error.message.includes('urlpw-0e1f'),
  );
});
