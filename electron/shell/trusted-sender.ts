import { pathToFileURL } from 'node:url';

/** The file:// URL of the renderer's index.html: the only page allowed to call the back end. */
export function appIndexUrl(indexPath: string): string {
  return pathToFileURL(indexPath).href;
}

/** Schemes our index page may be served on: app:// (the app) and file:// (older builds, tests). */
const INDEX_SCHEMES = ['app:', 'file:'];

/**
 * True when `url` is our app's index page: an app:// or file:// URL with the same scheme, host and
 * path as `indexUrl`. The query and #fragment are ignored (the renderer may route with them);
 * anything else (another file, http(s), data:, about:blank, a malformed URL) is untrusted.
 */
export function isTrustedUrl(url: string | null | undefined, indexUrl: string, platform: string = process.platform): boolean {
  if (!url) return false;
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(indexUrl);
  } catch {
    return false;
  }
  if (actual.protocol !== expected.protocol || !INDEX_SCHEMES.includes(expected.protocol)) return false;
  if (actual.host !== expected.host) return false;
  // Windows paths are case-insensitive; Chromium may report a different drive-letter case.
  const norm = (p: string) => {
    const decoded = decodeURIComponent(p);
    return platform === 'win32' ? decoded.toLowerCase() : decoded;
  };
  try {
    return norm(actual.pathname) === norm(expected.pathname);
  } catch {
    return false; // malformed percent-encoding
  }
}

/** The part of an IPC event the check needs (Electron's IpcMainInvokeEvent has it). */
export interface IpcSenderInfo {
  senderFrame?: { url: string } | null;
}

/**
 * True when an IPC message comes from a frame showing our index page. A missing frame (navigated
 * away or destroyed while the message was in flight) is untrusted.
 */
export function isTrustedSender(event: IpcSenderInfo, indexUrl: string, platform: string = process.platform): boolean {
  let url: string | undefined;
  try {
    url = event.senderFrame?.url;
  } catch {
    return false; // accessing a destroyed frame throws
  }
  return isTrustedUrl(url, indexUrl, platform);
}
