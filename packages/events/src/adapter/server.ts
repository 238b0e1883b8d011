import type { CallOptions } from './provider-call.js';
import { text } from './wire.js';

const DEFAULT_PORTS: Record<string, number> = { 'https:': 443, 'http:': 80 };

/**
 * `serverAddress` (host name) and `serverPort` of a client's base URL (`https://api.anthropic.com`
 * → `api.anthropic.com`, 443), for the GenAI conventions' `server.address` and `server.port`. The
 * port is the URL's, else the scheme's default. Empty for anything that is not an absolute URL;
 * never throws.
 */
export function serverOf(baseUrl: unknown): Pick<CallOptions, 'serverAddress' | 'serverPort'> {
  const raw = text(baseUrl);
  if (raw === undefined || !URL.canParse(raw)) return {};
  const url = new URL(raw);
  // IPv6 literals keep their brackets in `hostname`; server.address is the bare address.
  const serverAddress = text(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (serverAddress === undefined) return {};
  const serverPort = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return serverPort === undefined ? { serverAddress } : { serverAddress, serverPort };
}
