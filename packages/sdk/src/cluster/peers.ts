import { createServer, connect, type Server, type Socket } from 'node:net';
import { diag } from '@opentelemetry/api';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import { fromWire, toWire, type ClusterAggregate, type ClusterCollection, type Legacy, type SnapshotReader } from '@promptkit/meter-provider';
import { readFrames, writeFrame } from './frames.js';
import { Gatherer } from './gatherer.js';
import type { ClusterMessage } from './protocol.js';
import { bounded, Reporter } from './reporter.js';

export interface PeerOptions {
  /** The loopback port of the election (127.0.0.1). */
  port: number;
  answerTimeoutMs: number;
  aggregate: ClusterAggregate;
  /** This process's own collections, for the leader while it follows. */
  reader: SnapshotReader;
  /** Called once this process is elected: start serving (the Prometheus server). */
  onElected: () => Promise<void>;
}

/** A legacy as it arrived from another process, or undefined when it cannot be read. */
function legacyFromWire(body: unknown): Legacy | undefined {
  const { base, sources } = (body ?? {}) as { base?: unknown; sources?: unknown };
  const baseScopes = fromWire(base);
  if (baseScopes === undefined || !Array.isArray(sources)) return undefined;
  const out: Legacy = { base: baseScopes, sources: [] };
  for (const entry of sources as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const scopes = fromWire(entry[1]);
    if (scopes !== undefined) out.sources.push([entry[0], scopes]);
  }
  return out;
}

/**
 * One of several processes that share one set of metrics without a primary of their own (PM2's
 * cluster mode, `worker_threads`). The first to bind the peer port on 127.0.0.1, exclusively, leads:
 * it serves the aggregate and asks the others over that port; the others report to it. When the
 * leader's connection closes, the others hold the election again.
 *
 * A leader that dies takes with it what only it held: its own totals and the totals of processes
 * that left before it. So it sends every follower, with each collection, all it serves (its legacy:
 * those totals, and each follower's last collection), and whoever leads next starts from the newest
 * legacy it was given, the followers' collections standing in for them until they report again:
 * the aggregate does not go backwards, except by what the old leader recorded since the collection
 * before its last one.
 */
export class PeerMember implements ClusterCollection {
  aggregating = false;
  readonly aggregate: ClusterAggregate;
  private readonly gatherer: Gatherer;
  private readonly reporter: Reporter;
  private server: Server | undefined;
  private leader: Socket | undefined;
  private readonly followers = new Set<Socket>();
  /** A follower's newest legacy from its leader. */
  private legacy: { from: string; body: unknown } | undefined;
  /** The leaders whose legacy this leader started from. */
  private readonly seededFrom = new Set<string>();
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private reportedJoin = false;

  constructor(private readonly options: PeerOptions) {
    this.aggregate = options.aggregate;
    this.gatherer = new Gatherer(options.aggregate, options.answerTimeoutMs);
    this.reporter = new Reporter(options.reader, (message) => (this.leader ? writeFrame(this.leader, message) : Promise.resolve(false)), options.answerTimeoutMs);
  }

  /** Resolves once this process leads or follows (or, with neither possible yet, keeps trying in the background). */
  start(): Promise<void> {
    return this.join();
  }

  gather(): Promise<void> {
    if (!this.aggregating) return Promise.resolve();
    void this.sendLegacy();
    return this.gatherer.gather();
  }

  /** Before shutting down: a leader hands its legacy on as of now; a follower sends its last collection. */
  async handOver(): Promise<void> {
    if (!this.aggregating) return this.reporter.bye();
    try {
      this.aggregate.merge((await this.options.reader.collect({ timeoutMillis: this.options.answerTimeoutMs })).resourceMetrics);
      await bounded(this.sendLegacy().then(() => true), this.options.answerTimeoutMs);
    } catch (error) {
      reportProblem('cluster peers', `the last totals could not be handed to the other peers: ${describeError(error)}`);
    }
  }

  /** Leaves the election: closes the peer port or the connection to the leader. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    // Destroyed, not ended: a follower that does not close its side must not hold the server open.
    for (const socket of this.followers) socket.destroy();
    this.leader?.end();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.aggregating = false;
  }

  private async join(): Promise<void> {
    if (this.stopped) return;
    if (await this.elect()) return this.lead();
    if (await this.follow()) return;
    this.rejoinSoon();
  }

  private rejoinSoon(): void {
    if (this.stopped || this.retry !== undefined) return;
    // A little randomness keeps the peers of a dead leader from colliding in step.
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.join();
    }, 20 + Math.random() * 100);
    this.retry.unref();
  }

  private elect(): Promise<boolean> {
    return new Promise((resolve) => {
      const server = createServer((socket) => this.onFollower(socket));
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') this.reportJoin(`the peer port 127.0.0.1:${this.options.port} cannot be bound (${describeError(error)})`);
        resolve(false);
      });
      // Exclusive: in a cluster worker (PM2) a shared handle would let every peer bind it.
      server.listen({ host: '127.0.0.1', port: this.options.port, exclusive: true }, () => {
        server.unref();
        server.on('error', (error) => reportProblem('cluster peers', `the peer port failed: ${describeError(error)}`));
        this.server = server;
        resolve(true);
      });
    });
  }

  private async lead(): Promise<void> {
    this.aggregating = true;
    if (this.legacy !== undefined) this.inherit(this.legacy.from, this.legacy.body);
    diag.info(`promptkit: this process (pid ${process.pid}) leads its peers on 127.0.0.1:${this.options.port} and serves their metrics`);
    try {
      await this.options.onElected();
    } catch (error) {
      reportProblem('cluster peers', `elected to serve the peers' metrics, but the server did not start: ${describeError(error)}`);
    }
  }

  private inherit(from: string, body: unknown): void {
    if (this.seededFrom.has(from) || from === this.reporter.session) return;
    const legacy = legacyFromWire(body);
    if (legacy === undefined) return;
    this.aggregate.inherit(legacy, this.reporter.session);
    this.seededFrom.add(from);
  }

  private async sendLegacy(): Promise<void> {
    if (this.followers.size === 0) return;
    const { base, sources } = this.aggregate.legacy();
    const body = { base: toWire(base), sources: sources.map(([source, scopes]) => [source, toWire(scopes)]) };
    await Promise.all([...this.followers].map((socket) => writeFrame(socket, { type: 'legacy', from: this.reporter.session, body })));
  }

  private onFollower(socket: Socket): void {
    socket.unref();
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    this.followers.add(socket);
    let session: string | undefined;
    readFrames(socket, (message) => {
      try {
        session = this.fromFollower(socket, message) ?? session;
      } catch (error) {
        reportProblem('cluster message', `a message from a peer could not be handled: ${describeError(error)}`);
      }
    });
    socket.on('close', () => {
      this.followers.delete(socket);
      if (session !== undefined) this.gatherer.depart(session);
    });
  }

  /** Handles a follower's message; returns its session once it said hello. */
  private fromFollower(socket: Socket, message: ClusterMessage): string | undefined {
    switch (message.type) {
      case 'hello':
        this.gatherer.add({
          session: message.session,
          label: `peer ${message.label}`,
          ask: (id) => !socket.destroyed && (void writeFrame(socket, { type: 'collect', id }), true),
        });
        return message.session;
      case 'snapshot':
        this.gatherer.answer(message.session, message.id, message.body);
        return undefined;
      case 'bye':
        this.gatherer.answer(message.session, Infinity, message.body);
        this.gatherer.retire(message.session);
        return undefined;
      case 'legacy':
        // A follower that held a legacy this leader did not get (it joined the old leader later).
        this.inherit(message.from, message.body);
        return undefined;
      default:
        return undefined;
    }
  }

  private follow(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: this.options.port });
      // After the connection is made, a reset ends it through 'close'.
      socket.on('error', () => resolve(false));
      socket.once('connect', () => {
        socket.unref();
        socket.setNoDelay(true);
        this.leader = socket;
        readFrames(socket, (message) => {
          if (message.type === 'legacy') this.legacy = { from: message.from, body: message.body };
          else void this.reporter.handle(message);
        });
        void this.reporter.hello();
        if (this.legacy !== undefined) void writeFrame(socket, { type: 'legacy', from: this.legacy.from, body: this.legacy.body });
        resolve(true);
      });
      socket.once('close', () => {
        if (this.leader !== socket) return;
        this.leader = undefined;
        this.rejoinSoon();
      });
    });
  }

  private reportJoin(message: string): void {
    if (this.reportedJoin) return;
    this.reportedJoin = true;
    reportProblem('cluster peers', `${message}; this process keeps trying to join its peers`);
  }
}
