/** Progress of a file upload in browser mode, published so the UI can show it. */

/** One upload's state; `done` is set once, when it finished or failed. */
export interface UploadProgress {
  name: string;
  loaded: number;
  total: number;
  done: boolean;
}

type Listener = (p: UploadProgress) => void;
const listeners = new Set<Listener>();

/** Subscribes to upload progress; returns a function that unsubscribes. */
export function onUploadProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Publishes upload progress to every subscriber (called by the browser bridge). */
export function emitUploadProgress(p: UploadProgress): void {
  for (const l of listeners) l(p);
}
