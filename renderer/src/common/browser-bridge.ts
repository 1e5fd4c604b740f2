/**
 * Browser mode: the StudioApi over HTTP. Operations are POSTs to /api/op/<name>, events arrive on one
 * Server-Sent Events stream, and the file dialog is an <input type=file> whose file is uploaded.
 */
import { buildApi, type AppInfo, type EventName, type OperationName, type StudioApi, type Transport } from '../../../shared/api';
import { deserializeError, UserError, type SerializedError } from '../../../shared/errors';
import { uploadTooLargeMessage } from '../../../shared/format';
import { emitUploadProgress } from './upload-progress';

const TOKEN_KEY = 'lstm-studio.token';
const TOKEN_HEADER = 'X-Studio-Token';
/** What the file choosers offer: data files to import, and model export files. */
const DATA_FILES = '.csv,.tsv,.txt,.dat,.data,.json,.jsonl,.ndjson,text/csv,text/plain,application/json';
const MODEL_FILES = '.lsmodel';

/** Reads the access token from `?token=` (then hides it from the address bar) or from this tab's session. */
export function readToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** Turns an HTTP answer into the operation's value, or throws the back end's error as written. */
function parseEnvelope(status: number, text: string): unknown {
  let body: Envelope | undefined;
  try {
    body = JSON.parse(text) as Envelope;
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object' && 'ok' in body) {
    if (body.ok) return body.value;
    throw deserializeError(body.error);
  }
  if (status === 401 || status === 403) {
    throw new Error(
      'This page is not authorised to use the LSTM Studio server. Open the link printed by `lstm-studio serve` (it carries an access token).',
    );
  }
  throw new Error(`The LSTM Studio server answered HTTP ${status} with something unexpected. Check the terminal running \`lstm-studio serve\`.`);
}

function unreachable(): Error {
  return new Error('Cannot reach the LSTM Studio server. Is `lstm-studio serve` still running in its terminal?');
}

/** The HTTP transport: POST for operations, one lazily opened EventSource for events. */
class HttpTransport implements Transport {
  private source: EventSource | null = null;
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  constructor(private readonly token: string | null) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.token ? { [TOKEN_HEADER]: this.token, ...extra } : extra;
  }

  invoke(op: OperationName, req: unknown): Promise<unknown> {
    if (op === 'dialog:openFile') return this.pickAndUpload(DATA_FILES);
    if (op === 'dialog:openModelFile') return this.pickAndUpload(MODEL_FILES);
    return this.post(op, req);
  }

  private async post(op: OperationName, req: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`/api/op/${op}`, {
        method: 'POST',
        headers: this.headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ req: req ?? null }),
      });
    } catch {
      throw unreachable();
    }
    return parseEnvelope(res.status, await res.text());
  }

  subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      this.eventSource().addEventListener(event, (e) => this.dispatch(event, (e as MessageEvent<string>).data));
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private eventSource(): EventSource {
    if (!this.source) {
      const q = this.token ? `?token=${encodeURIComponent(this.token)}` : '';
      this.source = new EventSource(`/api/events${q}`);
    }
    return this.source;
  }

  private dispatch(event: EventName, data: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      console.warn(`Ignored a malformed ${event} event from the server.`);
      return;
    }
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  /** Shows the browser's file chooser; uploads the chosen file; resolves null when the user cancels. */
  private pickAndUpload(accept: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.style.display = 'none';
      input.setAttribute('data-testid', 'file-input');
      const cleanup = () => input.remove();
      input.addEventListener('cancel', () => {
        cleanup();
        resolve(null);
      });
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        cleanup();
        if (!file) return resolve(null);
        this.upload(file).then(resolve, reject);
      });
      document.body.appendChild(input);
      input.click();
    });
  }

  /** Refuses a file over the server's upload limit before sending a byte (the server would answer 413). */
  private async upload(file: File): Promise<unknown> {
    const { uploadLimitBytes } = (await this.post('app:info', null)) as AppInfo;
    if (file.size > uploadLimitBytes) throw new UserError(uploadTooLargeMessage(file.name, uploadLimitBytes));
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
      for (const [k, v] of Object.entries(this.headers({ 'Content-Type': 'application/octet-stream' }))) xhr.setRequestHeader(k, v);
      const report = (loaded: number, done: boolean) =>
        emitUploadProgress({ name: file.name, loaded, total: file.size, done });
      report(0, false);
      xhr.upload.onprogress = (e) => report(e.loaded, false);
      xhr.onload = () => {
        report(file.size, true);
        try {
          resolve(parseEnvelope(xhr.status, xhr.responseText));
        } catch (err) {
          reject(err);
        }
      };
      xhr.onerror = () => {
        report(0, true);
        reject(unreachable());
      };
      xhr.onabort = () => {
        report(0, true);
        resolve(null);
      };
      xhr.send(file);
    });
  }
}

/** Builds the StudioApi for browser mode from the page's token. */
export function createBrowserApi(): StudioApi {
  return buildApi(new HttpTransport(readToken()));
}
