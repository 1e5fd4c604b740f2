/**
 * The renderer is served from a custom `app://studio/` protocol instead of file://: a page on it has
 * a real origin, gets none of file://'s extra privileges, and can load only the files of the
 * renderer's build folder (checked here, links resolved), each with the Content-Security-Policy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Protocol, CustomScheme } from 'electron';
import { contentType, resolveStaticPath } from '../server/static-files';
import { CONTENT_SECURITY_POLICY } from './csp';

/** The scheme and host of the app's pages. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';

/** The URL the window loads: the renderer's index page. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** How the scheme is registered before the app is ready: a standard, secure origin that may fetch its own files. */
export const APP_SCHEME_REGISTRATION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The file of `rootDir` an app:// URL names, or null: another scheme or host, an encoded slash or
 * backslash, a NUL, or a path that leaves the folder (the same rule as browser mode's static
 * files). `/` is the index page. Pure (no disk access).
 */
export function resolveAppPath(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (/%(2f|5c|00)/i.test(parsed.pathname)) return null;
  return resolveStaticPath(rootDir, parsed.pathname);
}

/** The file to serve for a URL, after resolving links: a regular file inside the folder, or null. */
export function appFileFor(url: string, rootDir: string): string | null {
  const file = resolveAppPath(url, rootDir);
  if (!file) return null;
  try {
    const real = fs.realpathSync(file);
    const root = fs.realpathSync(rootDir);
    return real.startsWith(root + path.sep) && fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The answer to one app:// request: the file with its type and the CSP, or 404. */
export async function appResponse(url: string, rootDir: string): Promise<Response> {
  const file = appFileFor(url, rootDir);
  if (!file) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const body = await fs.promises.readFile(file);
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': contentType(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
  });
}

/** Serves the renderer's build folder on app:// (call once the app is ready). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rootDir));
}
