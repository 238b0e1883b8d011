/** Where the exporter listens and serves. */
export interface ListenAddress {
  /** Interface to bind; undefined binds every interface. */
  host: string | undefined;
  /** Port; 0 picks a free one. */
  port: number;
  /** Path that serves the metrics, e.g. `/metrics`. */
  endpoint: string;
}

export const DEFAULT_PORT = 9464;
export const DEFAULT_ENDPOINT = '/metrics';

/**
 * Parses a Go-style address: `':9090'` (every interface), `'127.0.0.1:0'`, `'[::1]:9090'`,
 * `'localhost:9090'`. Throws a clear error for anything else.
 */
export function parseAddress(address: string): { host: string | undefined; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(address.trim());
  if (!match) {
    const hint = /^\d{1,5}$/.test(address.trim()) ? ` (did you mean ':${address.trim()}', or the number ${address.trim()}?)` : '';
    throw new Error(
      `invalid listen address '${address}': expected 'host:port' or ':port' (e.g. ':9090', '127.0.0.1:0', '[::1]:9090')${hint}`,
    );
  }
  const host = match[1] ?? match[2];
  return { host: host === '' ? undefined : host, port: checkPort(Number(match[3]), address) };
}

export function checkPort(port: unknown, source: string = String(port)): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port in '${source}': expected an integer from 0 to 65535`);
  }
  return port;
}

export function checkEndpoint(endpoint: string): string {
  if (!endpoint.startsWith('/') || /[\s?#]/.test(endpoint)) {
    throw new Error(`invalid endpoint '${endpoint}': expected a path such as '/metrics'`);
  }
  return endpoint;
}

/** `host:port` as a person would type it, for messages. */
export function formatHostPort(host: string | undefined, port: number): string {
  if (host === undefined) return `:${port}`;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A host a client on this machine can reach the server at. */
export function reachableHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
