/**
 * The preload: the renderer's only door to the back end. It exposes `window.studio`, one typed
 * method per contract operation and one listener per event stream (built by `buildApi`), and nothing
 * else: no ipcRenderer, no raw channel names. Runs sandboxed; esbuild bundles it into
 * dist/electron/preload.js because a sandboxed preload cannot require local files.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type StudioApi } from '../shared/api';
import { eventChannel, unwrapIpcResult } from './shell/ipc-protocol';

const api = buildApi({
  invoke: (op, req) => ipcRenderer.invoke(op, req).then(unwrapIpcResult),
  subscribe: (event, listener) => {
    const channel = eventChannel(event);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
}) satisfies StudioApi;

contextBridge.exposeInMainWorld('studio', api);
