import type { Session } from 'electron';

/**
 * The app's Content-Security-Policy: only our own scripts, no eval, no remote content, no plugins.
 * The renderer's index.html carries the same policy in a meta tag (which is what applies to file://
 * pages); the header below covers anything the session loads over a protocol with headers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

type Headers = Record<string, string | string[]>;

/** Returns response headers with our CSP replacing any Content-Security-Policy the response had. */
export function withCsp(headers: Headers | undefined, policy = CONTENT_SECURITY_POLICY): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** Adds the CSP header to every response the session receives. */
export function installCsp(session: Pick<Session, 'webRequest'>, policy = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, policy) });
  });
}
