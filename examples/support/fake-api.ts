import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake API server on 127.0.0.1: its base URL (with `path` appended) and a way to close it. */
export interface FakeApi {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves `respond` on an ephemeral loopback port, for the examples that run without an API key.
 * `close()` ends open connections (a stream in flight included) and waits for the server to close.
 */
export async function startFakeApi(respond: (request: IncomingMessage, response: ServerResponse) => Promise<void> | void, path = ''): Promise<FakeApi> {
  const server = createServer((request, response) => void respond(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
