import { reportProblem } from '@promptkit/events/adapter';
import type { SnapshotReader } from '@promptkit/meter-provider';
import { envelope, openEnvelope, type ClusterMessage } from './protocol.js';
import { Reporter } from './reporter.js';

/** How long a worker waits for a primary that aggregates before it says that none does. */
const NO_PRIMARY_AFTER_MS = 15_000;

interface Channel {
  refCounted?(): void;
  unrefCounted?(): void;
}

function channel(): Channel | undefined {
  return (process as { channel?: Channel }).channel;
}

/** `process.send`, as a promise of whether the message was written; never rejects, never emits 'error'. */
function sendToPrimary(message: ClusterMessage, timeoutMs: number): Promise<boolean> {
  const send = process.send?.bind(process);
  if (send === undefined || !process.connected) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
    try {
      send(envelope(message), undefined, undefined, (error: Error | null) => {
        clearTimeout(timer);
        resolve(error === null);
      });
    } catch {
      clearTimeout(timer);
      resolve(false);
    }
  });
}

/**
 * A worker of Node's `cluster` module (or any process forked with an IPC channel) reporting to its
 * primary. Listening for the primary's messages does not keep the worker alive: Node holds an IPC
 * channel open while it has 'message' listeners, so the hold our listener adds is given back (the
 * application's own listeners keep theirs).
 */
export class ClusterWorker {
  private readonly reporter: Reporter;
  private listening = false;
  private readonly silence: NodeJS.Timeout;

  constructor(reader: SnapshotReader, timeoutMs: number) {
    this.reporter = new Reporter(reader, (message) => sendToPrimary(message, timeoutMs), timeoutMs);
    this.silence = setTimeout(() => {
      if (this.listening && !this.reporter.heardFromAggregator) {
        reportProblem(
          'cluster no primary',
          `no primary has asked for this worker's metrics within ${NO_PRIMARY_AFTER_MS / 1000} s: call startMetrics({ cluster: true }) in the cluster's primary too, ` +
            "or, where the primary runs no code of yours (PM2's cluster mode), use cluster: 'peers'",
        );
      }
    }, NO_PRIMARY_AFTER_MS);
    this.silence.unref();
  }

  start(): void {
    if (process.send === undefined) return;
    process.on('message', this.onMessage);
    // Node takes a hold on the channel for each 'message' listener (on the next tick): give ours back.
    process.nextTick(() => channel()?.unrefCounted?.());
    this.listening = true;
    void this.reporter.hello();
  }

  /** Sends the last collection, then stops listening. */
  async stop(): Promise<void> {
    clearTimeout(this.silence);
    if (!this.listening) return;
    await this.reporter.bye();
    this.listening = false;
    channel()?.refCounted?.();
    process.off('message', this.onMessage);
  }

  private readonly onMessage = (raw: unknown): void => {
    const message = openEnvelope(raw);
    if (message !== undefined) void this.reporter.handle(message);
  };
}
