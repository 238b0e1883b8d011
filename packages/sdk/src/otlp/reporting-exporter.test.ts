import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { ReportingExporter } from './reporting-exporter.js';

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
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

const metrics = {} as ResourceMetrics;
const exportOnce = (exporter: ReportingExporter) =>
  new Promise<ExportResult>((resolve) => exporter.export(metrics, resolve));

test('failed pushes are reported once a minute with the endpoint and the reason, and recovery is reported', async () => {
  const { lines, restore } = capture();
  try {
    const refused = { code: ExportResultCode.FAILED, error: new Error('connect ECONNREFUSED 127.0.0.1:4318') };
    const exporter = new ReportingExporter(inner([refused, refused, refused]), 'http://127.0.0.1:4318/v1/metrics (http/protobuf)', 5_000);
    // The reader is told every push succeeded: its own reaction to a failure is a stack trace per push.
    for (let i = 0; i < 3; i++) assert.equal((await exportOnce(exporter)).code, ExportResultCode.SUCCESS);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^warn promptkit: OTLP metrics push to http:\/\/127\.0\.0\.1:4318\/v1\/metrics \(http\/protobuf\) failed: Error: connect ECONNREFUSED/);
    assert.equal((await exportOnce(exporter)).code, ExportResultCode.SUCCESS);
    assert.match(lines[1]!, /^info promptkit: OTLP metrics push to .* succeeds again/);
  } finally {
    restore();
  }
});

test('an exporter that throws or never answers is reported, never an exception or a hang', async () => {
  const { lines, restore } = capture();
  try {
    const throwing: PushMetricExporter = {
      export: () => {
        throw new Error('serializer exploded at https://user:hunter2@collector.example/v1/metrics');
      },
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    assert.equal((await exportOnce(new ReportingExporter(throwing, 'x', 5_000))).code, ExportResultCode.SUCCESS);
    assert.match(lines.join('\n'), /serializer exploded at https:\/\/\*\*\*@collector/);
    assert.doesNotMatch(lines.join('\n'), /hunter2/);
    const silent: PushMetricExporter = { export: () => undefined, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };
    const started = Date.now();
    assert.equal((await exportOnce(new ReportingExporter(silent, 'y', 300))).code, ExportResultCode.SUCCESS);
    assert.ok(Date.now() - started < 1_000, 'answered before the reader would time out');
  } finally {
    restore();
  }
});
