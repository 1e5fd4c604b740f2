/**
 * Who may talk to the browser-mode server: requests for this server's own host name and port
 * (no DNS rebinding) that carry the launch's secret token in a header, the query or a cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Request header that carries the token (used by the browser bridge's fetch and XHR calls). */
export const TOKEN_HEADER = 'x-studio-token';
/** Cookie set when the page is opened with `?token=`, so its scripts and styles load. */
export const TOKEN_COOKIE = 'studio_token';

/** A new random token for one launch of the server. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Checks Host, Origin and token of requests to a server listening on 127.0.0.1:`port`. */
export class AccessGuard {
  private readonly digest: Buffer;
  private readonly hosts: Set<string>;

  constructor(token: string, port: number) {
    this.digest = sha256(token);
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  /** True when the Host header names this server (a rebinding attack uses the attacker's host name). */
  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  /** True when the request has no Origin (same-origin GETs) or comes from this server's own origin. */
  originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    const m = /^http:\/\/(.+)$/.exec(origin.toLowerCase());
    return m !== null && this.hosts.has(m[1]);
  }

  /** True when `candidate` is the token (compared in constant time). */
  matches(candidate: string | null | undefined): boolean {
    return typeof candidate === 'string' && candidate.length > 0 && timingSafeEqual(sha256(candidate), this.digest);
  }

  /** True when the request carries the token as header, `?token=` or cookie. */
  authorized(req: IncomingMessage, url: URL): boolean {
    const header = req.headers[TOKEN_HEADER];
    return (
      this.matches(typeof header === 'string' ? header : undefined) ||
      this.matches(url.searchParams.get('token')) ||
      this.matches(readCookie(req.headers.cookie, TOKEN_COOKIE))
    );
  }
}

/** The `Set-Cookie` value that lets the page's own requests (scripts, styles, images) carry the token. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Reads one cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
