import { timingSafeEqual } from 'node:crypto';

/** What a request must present in `Authorization`, if anything. */
export interface Credentials {
  bearerToken: string | undefined;
  basicAuth: { username: string; password: string } | undefined;
}

function sameSecret(expected: Buffer, given: string): boolean {
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/**
 * Checks `Authorization` headers against the configured credentials. The scheme (`Bearer`,
 * `Basic`) matches in any case, as HTTP auth schemes are case-insensitive; the credentials are
 * compared in constant time.
 */
export class Authorization {
  private readonly bearer: Buffer | undefined;
  private readonly basic: Buffer | undefined;

  constructor(credentials: Credentials) {
    this.bearer = credentials.bearerToken === undefined ? undefined : Buffer.from(credentials.bearerToken);
    const basic = credentials.basicAuth;
    this.basic = basic === undefined ? undefined : Buffer.from(Buffer.from(`${basic.username}:${basic.password}`).toString('base64'));
  }

  get required(): boolean {
    return this.bearer !== undefined || this.basic !== undefined;
  }

  /** The `WWW-Authenticate` challenge of a 401 answer. */
  get challenge(): string {
    return this.basic !== undefined ? 'Basic realm="metrics"' : 'Bearer realm="metrics"';
  }

  allows(header: string | undefined): boolean {
    if (!this.required) return true;
    if (header === undefined) return false;
    const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(header);
    if (match === null) return false;
    const scheme = match[1]!.toLowerCase();
    const value = match[2]!;
    if (scheme === 'bearer' && this.bearer !== undefined) return sameSecret(this.bearer, value);
    if (scheme === 'basic' && this.basic !== undefined) return sameSecret(this.basic, value);
    return false;
  }
}
