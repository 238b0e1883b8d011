// Test support only (not built, not exported): one loopback server and one event log per test file,
// and clients of the SDK under test, instrumented or not.
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientOptions } from '@anthropic-ai/sdk';
import { ServerHarness } from '../../../test/support/server-harness.js';
import { instrumentAnthropic, type InstrumentAnthropicOptions } from './index.js';
import { FakeAnthropicServer } from './test-server.js';

export { collect, rejection, untimed, wire } from '../../../test/support/recorded-events.js';

export class Harness extends ServerHarness<FakeAnthropicServer> {
  /** A client of `sdk` on the loopback server, without retries, with the SDK's own tracing as by default. */
  client(sdk: typeof Anthropic, options: ClientOptions = {}): Anthropic {
    // The SDK's spans stay on, as users have them; with no tracer provider registered they record
    // nothing and print nothing. instrument.test.ts also runs with them off and with them recording.
    return new sdk({ apiKey: 'test', baseURL: this.server.baseURL, maxRetries: 0, ...options });
  }

  /** The same, instrumented on this harness's bus. */
  instrumented(sdk: typeof Anthropic, { client, ...options }: Partial<InstrumentAnthropicOptions> & { client?: ClientOptions } = {}): Anthropic {
    return instrumentAnthropic(this.client(sdk, client), { eventBus: this.eventBus, ...options });
  }
}

/** Registers the hooks of a test file that talks to a fake Anthropic API; returns its harness. */
export function harness(): Harness {
  return new Harness(() => FakeAnthropicServer.start());
}
