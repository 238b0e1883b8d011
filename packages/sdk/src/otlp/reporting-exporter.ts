import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { AggregationTemporality, type InstrumentType, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { diag } from '@opentelemetry/api';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import { mergeScopes, nativeForPush } from '@promptkit/meter-provider';
import { maskSecrets } from '../redact.js';

const REPORT_EVERY_MS = 60_000;

/**
 * Wraps an OTLP exporter so that failures say where and why, at most once a minute (with a count
 * of the failures in between), and a recovery is reported too. The reader underneath is told that
 * a failed push succeeded: its only use of the result is a `diag.error` line with a stack trace on
 * every failed push, which would break the promise of one line a minute. For the same reason the
 * push is answered before the reader's own timeout can fire.
 */
export class ReportingExporter implements PushMetricExporter {
  private failuresSinceReport = 0;
  private lastReport = -Infinity;
  private failing = false;

  constructor(
    private readonly inner: PushMetricExporter,
    /** Where pushes go, for messages (credentials masked). */
    private readonly target: string,
    /** The reader's export timeout: the push is answered before it. */
    private readonly deadlineMs: number,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      resultCallback({ code: ExportResultCode.SUCCESS });
    };
    const timer = setTimeout(() => {
      this.failed(new Error(`no answer within ${this.deadlineMs} ms`));
      answer();
    }, Math.max(1, this.deadlineMs - 100));
    const done = (result: ExportResult) => {
      if (answered) return;
      if (result.code === ExportResultCode.SUCCESS) this.succeeded();
      else this.failed(result.error);
      answer();
    };
    try {
      this.inner.export(nativeForPush(mergeScopes(metrics)), done);
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(describeError(error)) });
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.inner.selectAggregationTemporality?.(instrumentType) ?? AggregationTemporality.CUMULATIVE;
  }

  private failed(error: Error | undefined): void {
    this.failing = true;
    this.failuresSinceReport++;
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    const count = this.failuresSinceReport;
    this.failuresSinceReport = 0;
    this.lastReport = now;
    reportProblem(
      `otlp push to ${this.target}`,
      `OTLP metrics push to ${this.target} failed: ${error === undefined ? 'unknown error' : maskSecrets(describeError(error))}` +
        (count > 1 ? ` (${count} failed pushes since the last report)` : '') +
        '; cumulative totals will be complete once a push succeeds',
    );
  }

  private succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.failuresSinceReport = 0;
    this.lastReport = -Infinity;
    diag.info(`promptkit: OTLP metrics push to ${this.target} succeeds again`);
  }
}
