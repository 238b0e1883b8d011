// One fake provider server per test file or suite, beside the events each test publishes.
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import type { FakeProviderServer, StreamTiming } from './fake-provider-server.js';
import { RecordedEvents } from './recorded-events.js';

/**
 * Starts a server before the tests (of the file, or of the `describe` it is made in) and closes it
 * after them; each test starts with no recorded requests and no events.
 */
export class ServerHarness<Server extends FakeProviderServer<StreamTiming>> extends RecordedEvents {
  private started: Server | undefined;

  constructor(start: () => Promise<Server>) {
    super();
    before(async () => {
      this.started = await start();
    });
    after(() => this.started?.close());
    beforeEach(() => {
      if (this.started) this.started.requests.length = 0;
    });
  }

  get server(): Server {
    assert.ok(this.started, 'the server has started');
    return this.started;
  }
}
