import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withEnv } from '../../../test/support/env.js';
import { resolveConfig } from './resolve.js';

// Options in code are strict: every wrong type or value is a ConfigError naming the option, and no
// message repeats a secret.
const cases: [options: unknown, message: RegExp][] = [
  [{ promethues: ':9090' }, /unknown option 'promethues'; the options are serviceName/],
  ['my-app', /startMetrics options "my-app" is invalid: expected an options object/],
  [{ serviceName: 42 }, /serviceName 42 is invalid: expected a non-empty string/],
  [{ serviceName: '' }, /serviceName "" is invalid/],
  [{ metrics: 'yes' }, /metrics "yes" is invalid: expected true or false/],
  [{ registerGlobal: 1 }, /registerGlobal 1 is invalid/],
  [{ shutdownOnSignals: 'true' }, /shutdownOnSignals "true" is invalid/],
  [{ resource: { 'a.b': { nested: true } } }, /resource\["a\.b"\] an object is invalid/],
  [{ labelLimits: { model: 0 } }, /labelLimits is invalid: model: 0 is not a whole number of at least 1/],
  [{ labelLimits: { modle: 5 } }, /labelLimits is invalid: 'modle' is not a capped label/],
  [{ semconv: 'genai' }, /semconv "genai" is invalid: expected 'gen_ai' or false/],
  [{ meterProvider: {} }, /meterProvider an object is invalid: expected an OpenTelemetry MeterProvider/],
  [{ views: {} }, /views an object is invalid: expected an array/],
  [{ prometheus: true }, /prometheus true is invalid/],
  [{ prometheus: 70_000 }, /prometheus\.port 70000 is invalid: expected a whole number from 0 to 65535/],
  [{ prometheus: 'nonsense' }, /prometheus: invalid listen address 'nonsense'/],
  [{ prometheus: '9090' }, /did you mean ':9090'/],
  [{ prometheus: { port: '9090' } }, /prometheus\.port "9090" is invalid/],
  [{ prometheus: { prot: 9090 } }, /prometheus has an unknown option 'prot'/],
  [{ prometheus: { endpoint: 'metrics' } }, /prometheus\.endpoint: invalid endpoint 'metrics'/],
  [{ prometheus: { bearerToken: '' } }, /prometheus\.bearerToken a string of 0 characters is invalid: expected a non-empty token/],
  [{ prometheus: { basicAuth: { username: 'a:b', password: 'p' } } }, /prometheus\.basicAuth\.username must not contain ':'/],
  [{ prometheus: { basicAuth: { username: '', password: 'p' } } }, /prometheus\.basicAuth\.username "" is invalid/],
  [{ prometheus: { basicAuth: { username: 'u', password: '' } } }, /prometheus\.basicAuth\.password a string of 0 characters is invalid/],
  [{ prometheus: { basicAuth: { username: 'u' } } }, /prometheus\.basicAuth\.password is missing/],
  [{ prometheus: { tls: { key: 'k' } } }, /prometheus\.tls needs both key and cert/],
  [{ prometheus: { requestTimeoutMs: 0 } }, /prometheus\.requestTimeoutMs 0 is invalid/],
  [{ prometheus: { maxConcurrentScrapes: 1.5 } }, /prometheus\.maxConcurrentScrapes 1\.5 is invalid/],
  [{ otlp: 42 }, /otlp 42 is invalid: expected an options object/],
  [{ otlp: 'localhost:4318' }, /otlp 'localhost:4318' must use http/],
  [{ otlp: 'https://user:hunter2@collector' }, /$^/],
  [{ otlp: { endpoint: 'http://c', protocol: 'udp' } }, /otlp\.protocol "udp" is invalid: expected one of 'http\/protobuf', 'http\/json', 'grpc'/],
  [{ otlp: { endpoint: 'http://c', intervalMs: -1 } }, /otlp\.intervalMs -1 is invalid/],
  [{ otlp: { endpoint: 'http://c', timeoutMs: 2000, intervalMs: 1000 } }, /otlp\.timeoutMs \(2000\) is longer than otlp\.intervalMs \(1000\)/],
  [{ otlp: { endpoint: 'http://c', temporality: 'sometimes' } }, /otlp\.temporality "sometimes" is invalid/],
  [{ otlp: { endpoint: 'http://c', headers: { 'x-key': 42 } } }, /otlp\.headers\["x-key"\] is invalid: expected a string value, got a number/],
  [{ otlp: { endpoint: 'http://c', headers: { 'bad header': 'secret-value' } } }, /otlp\.headers has an invalid header name "bad header"/],
  [{ otlp: { endpoint: 'http://c', headers: 'x=1' } }, /otlp\.headers "x=1" is invalid/],
  [{ pricing: 'cheap' }, /pricing "cheap" is invalid/],
];

for (const [options, message] of cases) {
  test(`startMetrics(${JSON.stringify(options)}) ${message.source === '$^' ? 'is accepted' : 'is a ConfigError'}`, () => {
    const run = () => withEnv({}, () => resolveConfig(options as never));
    if (message.source === '$^') {
      run();
      return;
    }
    assert.throws(run, (error: Error) => {
      assert.equal(error.name, 'ConfigError');
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /hunter2|secret-value/);
      return true;
    });
  });
}
