import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { ReportingExporter } from './otlp.js';

function capture(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const logger: DiagLogger = {
    error: (m) => lines.push(`error ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    info: (m) => lines.push(`info ${m}`),
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, DiagLogLevel.INFO);
  return { lines, restore: () => diag.disable() };
}

function inner(results: ExportResult[]): PushMetricExporter {
  return {
    export: (_metrics, done) => done(results.shift() ?? { code: ExportResultCode.SUCCESS }),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}

const metrics = {} as ResourceMetrics;
const exportOnce = (exporter: ReportingExporter) =>
  new Promise<ExportResult>((resolve) => exporter.export(metrics, resolve));

test('failed pushes are reported once a minute with the endpoint and the reason, and recovery is reported', async () => {
  const { lines, restore } = capture();
  try {
    const refused = { code: ExportResultCode.FAILED, error: new Error('connect ECONNREFUSED 127.0.0.1:4318') };
    const exporter = new ReportingExporter(inner([refused, refused, refused]), 'http://127.0.0.1:4318/v1/metrics (http/protobuf)');
    for (let i = 0; i < 3; i++) assert.equal((await exportOnce(exporter)).code, ExportResultCode.FAILED);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^warn promptkit: OTLP metrics push to http:\/\/127\.0\.0\.1:4318\/v1\/metrics \(http\/protobuf\) failed: connect ECONNREFUSED/);
    assert.equal((await exportOnce(exporter)).code, ExportResultCode.SUCCESS);
    assert.match(lines[1]!, /^info promptkit: OTLP metrics push to .* succeeds again/);
  } finally {
    restore();
  }
});

test('an exporter that throws is turned into a failed result, never an exception', async () => {
  const { restore } = capture();
  try {
    const throwing: PushMetricExporter = {
      export: () => {
        throw new Error('serializer exploded');
      },
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    const result = await exportOnce(new ReportingExporter(throwing, 'x'));
    assert.equal(result.code, ExportResultCode.FAILED);
    assert.match(String(result.error), /serializer exploded/);
  } finally {
    restore();
  }
});
