// Test support only (not built, not exported): one loopback server and one event log per test file,
// and clients of the SDK under test, instrumented or not.
import type { GoogleGenAI, GoogleGenAIOptions } from '@google/genai';
import { ServerHarness } from '../../../test/support/server-harness.js';
import { instrumentGoogleGenAI, type InstrumentGoogleGenAIOptions } from './index.js';
import { FakeGeminiServer } from './test-server.js';

export { collect, rejection, untimed, wire } from '../../../test/support/recorded-events.js';

export class Harness extends ServerHarness<FakeGeminiServer> {
  /** A Gemini API client of `sdk` on the loopback server (`options` are merged in). */
  client(sdk: typeof GoogleGenAI, options: GoogleGenAIOptions = {}): GoogleGenAI {
    return new sdk({ apiKey: 'test', ...options, httpOptions: { baseUrl: this.server.baseUrl, ...options.httpOptions } });
  }

  /** The same, instrumented on this harness's bus. */
  instrumented(sdk: typeof GoogleGenAI, { client, ...options }: Partial<InstrumentGoogleGenAIOptions> & { client?: GoogleGenAIOptions } = {}): GoogleGenAI {
    return instrumentGoogleGenAI(this.client(sdk, client), { eventBus: this.eventBus, ...options });
  }
}

/** Registers the hooks of a test file that talks to a fake Gemini API; returns its harness. */
export function harness(): Harness {
  return new Harness(() => FakeGeminiServer.start());
}
