/** The renderer's only way to the back end: the preload's API in Electron, else the HTTP bridge. */
import type { OperationName, Req, Res, StudioApi } from '../../../shared/api';
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


/** Calls one operation by name (what the query cache does for every read). */
export function callOperation<K extends OperationName>(op: K, req: Req<K>): Promise<Res<K>> {
  const [ns, method] = op.split(':') as [string, string];
  const namespace = (getApi() as unknown as Record<string, Record<string, (req: unknown) => Promise<unknown>>>)[ns];
  return namespace[method](req) as Promise<Res<K>>;
}
