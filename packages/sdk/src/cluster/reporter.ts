import { randomUUID } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import type { SnapshotReader } from '@promptkit/meter-provider';
import type { ClusterMessage } from './protocol.js';

/** Sends one message; resolves true once it is written, false when it could not be. Never rejects. */
export type Send = (message: ClusterMessage) => Promise<boolean>;

/** `pending`, or false once `ms` have passed: shutting down never waits on a stuck channel. */
export function bounded(pending: Promise<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    void pending.then((result) => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}

/**
 * The side of a process that reports to an aggregating one (a cluster worker, a peer that was not
 * elected): says hello, answers each request with its collection, and sends a last one when it
 * shuts down. The channel is the caller's.
 */
export class Reporter {
  /** One per startMetrics() call: the aggregating process tells a restarted provider from a continued one. */
  readonly session = randomUUID();
  private asked = false;

  constructor(
    private readonly reader: SnapshotReader,
    private readonly send: Send,
    private readonly timeoutMs: number,
  ) {}

  /** Whether an aggregating process has asked for anything yet. */
  get heardFromAggregator(): boolean {
    return this.asked;
  }

  hello(): Promise<boolean> {
    return this.send({ type: 'hello', session: this.session, label: `pid ${process.pid}${threadId > 0 ? ` thread ${threadId}` : ''}` });
  }

  /** Answers a message from the aggregating process; never rejects. */
  async handle(message: ClusterMessage): Promise<void> {
    try {
      if (message.type === 'probe') {
        this.asked = true;
        await this.hello();
      } else if (message.type === 'collect') {
        this.asked = true;
        const body = await this.reader.snapshot(this.timeoutMs);
        await this.send({ type: 'snapshot', session: this.session, id: message.id, body });
      }
    } catch (error) {
      reportProblem('cluster report', `this process's metrics could not be sent to the aggregating process: ${describeError(error)}`);
    }
  }

  /** The last collection, so that what was recorded since the last request is not lost. */
  async bye(): Promise<void> {
    try {
      const body = await this.reader.snapshot(this.timeoutMs);
      await bounded(this.send({ type: 'bye', session: this.session, body }), this.timeoutMs);
    } catch (error) {
      reportProblem('cluster report', `the last collection could not be sent to the aggregating process: ${describeError(error)}`);
    }
  }
}
