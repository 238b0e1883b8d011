import type { Cluster, Worker } from 'node:cluster';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import type { ClusterAggregate, ClusterCollection } from '@promptkit/meter-provider';
import { Gatherer } from './gatherer.js';
import { envelope, openEnvelope, type ClusterMessage } from './protocol.js';

/** Sends over a worker's IPC channel; a closed channel is an answer (false), never an 'error' event. */
export function sendTo(worker: Worker, message: ClusterMessage): boolean {
  if (!worker.isConnected()) return false;
  try {
    worker.send(envelope(message), (error: Error | null) => {
      if (error) reportProblem('cluster send', `a message to worker ${worker.id} was not delivered: ${describeError(error)}`);
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The primary of Node's `cluster` module: asks every worker that runs `startMetrics({ cluster: true })`
 * for its collection whenever one of its own readers collects, and retires a worker's totals when
 * the worker exits. It only listens: the primary's listeners keep nothing alive.
 */
export class ClusterPrimary implements ClusterCollection {
  readonly aggregating = true;
  private readonly gatherer: Gatherer;
  private readonly sessionsByWorker = new Map<number, Set<string>>();

  constructor(
    private readonly cluster: Cluster,
    readonly aggregate: ClusterAggregate,
    answerTimeoutMs: number,
  ) {
    this.gatherer = new Gatherer(aggregate, answerTimeoutMs);
  }

  start(): void {
    this.cluster.on('message', this.onMessage);
    this.cluster.on('exit', this.onExit);
    // Workers forked before this call said hello to nobody: ask them again.
    for (const worker of Object.values(this.cluster.workers ?? {})) if (worker !== undefined) sendTo(worker, { type: 'probe' });
  }

  stop(): void {
    this.cluster.off('message', this.onMessage);
    this.cluster.off('exit', this.onExit);
  }

  gather(): Promise<void> {
    return this.gatherer.gather();
  }

  private readonly onMessage = (worker: Worker, raw: unknown): void => {
    const message = openEnvelope(raw);
    if (message === undefined) return;
    try {
      this.handle(worker, message);
    } catch (error) {
      reportProblem('cluster message', `a message from worker ${worker.id} could not be handled: ${describeError(error)}`);
    }
  };

  private handle(worker: Worker, message: ClusterMessage): void {
    switch (message.type) {
      case 'hello': {
        if (this.gatherer.has(message.session)) return;
        let sessions = this.sessionsByWorker.get(worker.id);
        if (sessions === undefined) this.sessionsByWorker.set(worker.id, (sessions = new Set()));
        // A new session of the same worker (startMetrics() called again) starts its counters at zero.
        for (const old of sessions) this.gatherer.retire(old);
        sessions.clear();
        sessions.add(message.session);
        this.gatherer.add({ session: message.session, label: `worker ${worker.id} (${message.label})`, ask: (id) => sendTo(worker, { type: 'collect', id }) });
        return;
      }
      case 'snapshot':
        this.gatherer.answer(message.session, message.id, message.body);
        return;
      case 'bye':
        this.gatherer.answer(message.session, Infinity, message.body);
        this.gatherer.retire(message.session);
        this.sessionsByWorker.get(worker.id)?.delete(message.session);
        return;
      default:
        return;
    }
  }

  private readonly onExit = (worker: Worker): void => {
    for (const session of this.sessionsByWorker.get(worker.id) ?? []) this.gatherer.retire(session);
    this.sessionsByWorker.delete(worker.id);
  };
}
