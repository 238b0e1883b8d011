import { diag } from '@opentelemetry/api';
import { reportProblem } from '@promptkit/events/adapter';
import { fromWire, type ClusterAggregate } from '@promptkit/meter-provider';

/** A process that reports to this one, and how to ask it for a collection. */
export interface Source {
  /** The reporting session (one per startMetrics() call in that process). */
  readonly session: string;
  /** For messages: e.g. `worker 3 (pid 4711)`. */
  readonly label: string;
  /** Sends request `id`; false when the channel is closed. Never throws. */
  ask(id: number): boolean;
}

interface SourceState extends Source {
  /** The newest request answered: older answers that arrive late are not used. */
  answered: number;
  late: boolean;
}

interface Round {
  id: number;
  pending: Set<string>;
  done: () => void;
}

/**
 * Asks every reporting process for its collection, at most once at a time (concurrent scrapes and
 * pushes share one round), and waits at most `answerTimeoutMs`. A process that has not answered by
 * then is served from its last answer, and `diag` says so once, until it answers again.
 */
export class Gatherer {
  private readonly sources = new Map<string, SourceState>();
  private current: Promise<void> | undefined;
  private round: Round | undefined;
  private nextId = 1;

  constructor(
    readonly aggregate: ClusterAggregate,
    private readonly answerTimeoutMs: number,
  ) {}

  add(source: Source): void {
    if (!this.sources.has(source.session)) this.sources.set(source.session, { ...source, answered: 0, late: false });
  }

  has(session: string): boolean {
    return this.sources.has(session);
  }

  /** A collection from `session`: the answer to request `id`, or its last one (`id` Infinity). */
  answer(session: string, id: number, body: unknown): void {
    const source = this.sources.get(session);
    if (source === undefined || id <= source.answered) return;
    const scopes = fromWire(body);
    if (scopes === undefined) {
      reportProblem('cluster unreadable', `${source.label} sent a collection that cannot be read (another PromptKit version?); its last readable one is served`);
      return;
    }
    source.answered = id;
    this.aggregate.update(session, scopes);
    if (source.late) {
      source.late = false;
      diag.info(`promptkit: ${source.label} answers again`);
    }
    const round = this.round;
    if (round !== undefined && id >= round.id && round.pending.delete(session) && round.pending.size === 0) round.done();
  }

  /** The session is gone for good: its totals are folded into the retired ones. */
  retire(session: string): void {
    this.sources.delete(session);
    this.aggregate.retire(session);
    this.round?.pending.delete(session);
    if (this.round?.pending.size === 0) this.round.done();
  }

  /** The session's connection closed, but it may come back: its totals stay for a while (see ClusterAggregate.depart). */
  depart(session: string): void {
    this.sources.delete(session);
    this.aggregate.depart(session);
    this.round?.pending.delete(session);
    if (this.round?.pending.size === 0) this.round.done();
  }

  /** Collects from every source, within the answer bound; never rejects. */
  gather(): Promise<void> {
    this.current ??= this.runRound().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private runRound(): Promise<void> {
    if (this.sources.size === 0) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      const pending = new Set<string>();
      const done = () => {
        clearTimeout(timer);
        if (this.round === round) this.round = undefined;
        resolve();
      };
      const round: Round = { id, pending, done };
      const timer = setTimeout(() => {
        for (const session of pending) this.late(session);
        done();
      }, this.answerTimeoutMs);
      timer.unref();
      this.round = round;
      for (const source of [...this.sources.values()]) if (source.ask(id)) pending.add(source.session);
      if (pending.size === 0) done();
    });
  }

  private late(session: string): void {
    const source = this.sources.get(session);
    if (source === undefined || source.late) return;
    source.late = true;
    reportProblem(
      'cluster late',
      `${source.label} did not answer within ${this.answerTimeoutMs} ms; its last answer is served until it answers again`,
    );
  }
}
