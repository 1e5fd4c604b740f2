/** The renderer's only way to the back end: the preload's API in Electron, else the HTTP bridge. */
import type { StudioApi } from '../../../shared/api';
import { createBrowserApi } from './browser-bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    studio?: StudioApi;
  }
}

let api: StudioApi | undefined;

/** Returns the StudioApi: `window.studio` when running in Electron, else the browser-mode bridge. */
export function getApi(): StudioApi {
  api ??= window.studio ?? createBrowserApi();
  return api;
}

