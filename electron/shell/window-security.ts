import type { Session, WebContents, WebPreferences } from 'electron';
import { isTrustedUrl } from './trusted-sender';

/**
 * The renderer's web preferences: isolated, sandboxed, no Node. Exported so a test can pin them.
 * Only the preload (bundled, sandboxed) bridges to the back end.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** True for links that may be handed to the system browser: http and https only. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** What to do when a page tries to navigate: stay only on our index page; web links go to the browser. */
export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** Decides a navigation (`will-navigate`, `will-redirect`) of the window away from `indexUrl`. */
export function decideNavigation(targetUrl: string, indexUrl: string, platform: string = process.platform): NavigationDecision {
  if (isTrustedUrl(targetUrl, indexUrl, platform)) return 'allow';
  return isExternalLink(targetUrl) ? 'open-external' : 'deny';
}

/**
 * Decides `will-frame-navigate` for a frame inside the page: frames may show only our index page and
 * never open anything outside (the main frame is decided by `will-navigate`).
 */
export function decideFrameNavigation(targetUrl: string, isMainFrame: boolean, indexUrl: string, platform: string = process.platform): NavigationDecision {
  if (isMainFrame) return decideNavigation(targetUrl, indexUrl, platform);
  return isTrustedUrl(targetUrl, indexUrl, platform) ? 'allow' : 'deny';
}

/** Decides `window.open` / target=_blank: never a new Electron window; web links go to the browser. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return isExternalLink(url) ? 'open-external' : 'deny';
}

/**
 * Permissions the renderer may use. Everything else (camera, microphone, geolocation, notifications,
 * clipboard reading, HID/serial/USB, ...) is denied. Writing text to the clipboard is harmless and
 * lets "Copy" buttons work.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** True when a permission request or check should be granted. */
export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** Denies every permission request and check except {@link ALLOWED_PERMISSIONS}, and all device access. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/** Opens a web link in the user's browser (Electron's `shell.openExternal`). */
export type OpenExternal = (url: string) => Promise<void>;

/** The question asked before a link leaves the app (Electron's MessageBoxOptions), showing the whole URL. */
export function externalLinkPrompt(url: string): { type: 'question'; buttons: string[]; defaultId: number; cancelId: number; title: string; message: string; detail: string; noLink: boolean } {
  return {
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Open a web link',
    message: 'Open this link in your web browser?',
    detail: url,
    noLink: true,
  };
}

/**
 * Hands a link to the system browser only when it is http(s) and the user confirms it in a dialog
 * showing the URL (Cancel is the default). Resolves true when it was opened.
 */
export async function openExternalConfirmed(
  url: string,
  ask: (prompt: ReturnType<typeof externalLinkPrompt>) => Promise<{ response: number }>,
  open: OpenExternal,
): Promise<boolean> {
  if (!isExternalLink(url)) return false;
  const { response } = await ask(externalLinkPrompt(url));
  if (response !== 0) return false;
  await open(url);
  return true;
}

/**
 * Locks down one web contents: navigation stays on our index page (frames included), no new
 * windows, no <webview>. http(s) links the user follows go to `openExternal` (in the app: after the
 * user confirms). Applied to every web contents the app creates (`app.on('web-contents-created')`),
 * so nothing slips through.
 */
export function hardenWebContents(contents: WebContents, options: { indexUrl: string; openExternal: OpenExternal }): void {
  const { indexUrl, openExternal } = options;
  const external = (url: string) => {
    openExternal(url).catch((err: unknown) => console.error(`Could not open ${url} in the browser:`, err));
  };
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url, indexUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') external(url);
    else console.warn(`Blocked navigation to ${url}`);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // will-navigate decides the page itself
    if (decideFrameNavigation(event.url, false, indexUrl) === 'allow') return;
    event.preventDefault();
    console.warn(`Blocked a frame's navigation to ${event.url}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') external(url);
    else console.warn(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    console.warn('Blocked a <webview>.');
  });
}
