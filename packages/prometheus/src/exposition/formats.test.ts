import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadProtobufFormat, mayWantProtobuf, negotiate } from './formats.js';

// Accept headers Prometheus 3.5.3 sent, observed with each `scrape_protocols` setting.
const PROMETHEUS = {
  PrometheusProto: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,*/*;q=0.5',
  'OpenMetricsText1.0.0': 'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,*/*;q=0.5',
  'OpenMetricsText0.0.1': 'application/openmetrics-text;version=0.0.1;q=0.6,*/*;q=0.5',
  'PrometheusText1.0.0': 'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.6,*/*;q=0.5',
  'PrometheusText0.0.4': 'text/plain;version=0.0.4;q=0.6,*/*;q=0.5',
  default:
    'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
  nativeHistograms:
    'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1',
};

before(async () => {
  assert.ok(await loadProtobufFormat(), '@bufbuild/protobuf is a devDependency of the repository');
});

test("each of Prometheus 3.5's Accept headers gets the format it puts first", () => {
  assert.equal(negotiate(PROMETHEUS.PrometheusProto).id, 'protobuf');
  assert.equal(negotiate(PROMETHEUS['OpenMetricsText1.0.0']).id, 'openmetrics');
  assert.equal(negotiate(PROMETHEUS['OpenMetricsText0.0.1']).id, 'openmetrics');
  assert.equal(negotiate(PROMETHEUS['PrometheusText1.0.0']).id, 'text');
  assert.equal(negotiate(PROMETHEUS['PrometheusText0.0.4']).id, 'text');
  assert.equal(negotiate(PROMETHEUS.default).id, 'openmetrics');
  assert.equal(negotiate(PROMETHEUS.nativeHistograms).id, 'protobuf');
});

test('no Accept header, an empty one, */* and unknown types get text 0.0.4', () => {
  for (const accept of [undefined, '', '*/*', 'application/json', 'text/html,application/xhtml+xml', 'garbage;;;=,', 'text/plain;version=9.9.9'])
    assert.equal(negotiate(accept).contentType, 'text/plain; version=0.0.4; charset=utf-8', String(accept));
});

test('q weights decide, not order; equal weights keep the first; q=0 refuses', () => {
  assert.equal(negotiate('text/plain;version=0.0.4;q=0.3,application/openmetrics-text;version=1.0.0;q=0.9').id, 'openmetrics');
  assert.equal(negotiate('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4').id, 'openmetrics');
  assert.equal(negotiate('text/plain;version=0.0.4,application/openmetrics-text;version=1.0.0').id, 'text');
  assert.equal(negotiate('application/openmetrics-text;version=1.0.0;q=0,text/plain;q=0.1').id, 'text');
  assert.equal(negotiate('Application/OpenMetrics-Text; Version=1.0.0; Q=0.5').id, 'openmetrics');
});

test('protobuf needs its proto and delimited encoding', () => {
  assert.equal(negotiate('application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text').id, 'text');
  assert.equal(negotiate('application/vnd.google.protobuf;proto=other.Message;encoding=delimited').id, 'text');
  assert.equal(negotiate('application/vnd.google.protobuf').id, 'text');
  assert.ok(mayWantProtobuf(PROMETHEUS.nativeHistograms));
  assert.ok(!mayWantProtobuf(PROMETHEUS.default));
});

test('every response names its version, and formats from 1.0.0 on their escaping', () => {
  assert.match(negotiate(PROMETHEUS.default).contentType, /^application\/openmetrics-text; version=1\.0\.0; charset=utf-8; escaping=underscores$/);
  assert.match(negotiate(PROMETHEUS.PrometheusProto).contentType, /^application\/vnd\.google\.protobuf; proto=io\.prometheus\.client\.MetricFamily; encoding=delimited; escaping=underscores$/);
});
