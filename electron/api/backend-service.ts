/**
 * The back end's side of the protocol (backend-protocol.ts): opens the app context on `start`, runs
 * each `call` through the shared handlers, pushes every event of the bus, asks the front for the
 * platform hooks it serves, and closes the database on `shutdown` or when the front goes away.
 */
import { EVENT_METHODS, isOperationName, type EventName, type Handlers, type PickedFile } from '../../shared/api';
import { deserializeError, serializeError, UserError } from '../../shared/errors';
import type { AppContext } from '../app/context';
import { openHomeContext } from '../app/open-home';
import { ensureDemoData } from '../data/demo-seed';
import { SHUTDOWN_GRACE_MS, type BackendOptions, type CallOutcome, type FromBackend, type HookName, type MessageLink, type ToBackend } from './backend-protocol';
import { createHandlers, type PlatformHooks } from './handlers';

type Link = MessageLink<ToBackend, FromBackend>;

/** Serves the protocol on `link` until shutdown; `exit` ends the process (a test passes its own). */
export function serveBackend(link: Link, exit: (code: number) => void): void {
  let open: { ctx: AppContext; handlers: Handlers } | undefined;
  let closing: Promise<void> | undefined;
  const calls = new Map<number, unknown>();
  const hookCalls = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextHookId = 1;

  /** Asks the front to run a platform hook; `signal` withdraws the question. */
  const callHook = (name: HookName, args: unknown[], signal?: AbortSignal): Promise<unknown> => {
    const id = nextHookId++;
    return new Promise((resolve, reject) => {
      hookCalls.set(id, { resolve, reject });
      signal?.addEventListener('abort', () => link.send({ type: 'hook-cancel', id }), { once: true });
      link.send({ type: 'hook', id, name, args });
    });
  };

  const start = async (options: BackendOptions): Promise<void> => {
    try {
      const ctx = openHomeContext(options.home, options.mode);
      open = { ctx, handlers: createHandlers(ctx, remoteHooks(options.hooks, callHook)) };
      for (const name of Object.keys(EVENT_METHODS) as EventName[]) {
        ctx.events.on(name, (payload) => link.send({ type: 'event', name, payload }));
      }
      if (options.seedDemo) await ensureDemoData(ctx).catch((err: unknown) => console.error('Could not create the demo data (the app works without it):', err));
      link.send({ type: 'ready' });
    } catch (err) {
      link.send({ type: 'failed', error: serializeError(err) });
      exit(1);
    }
  };

  const call = async (id: number, op: string, req: unknown): Promise<void> => {
    calls.set(id, req);
    let outcome: CallOutcome;
    try {
      if (!open) throw new Error(`The back end was asked for ${op} before it started.`);
      if (!isOperationName(op)) throw new UserError(`Unknown operation "${String(op).slice(0, 80)}".`);
      outcome = { ok: true, value: await (open.handlers[op] as (req: unknown) => Promise<unknown>)(req) };
    } catch (err) {
      outcome = { ok: false, error: serializeError(err) };
    } finally {
      calls.delete(id);
    }
    link.send({ type: 'result', id, outcome });
  };

  /** Cancels the job a call started (the `jobId` or, for training, the `runId` of its request). */
  const cancel = (id: number): void => {
    const req = calls.get(id) as { jobId?: unknown; runId?: unknown } | undefined;
    const jobId = req?.jobId ?? req?.runId;
    if (open && typeof jobId === 'string') open.ctx.jobs.cancel(jobId);
  };

  const shutdown = (): Promise<void> => {
    closing ??= (async () => {
      const timer = setTimeout(() => exit(1), SHUTDOWN_GRACE_MS);
      timer.unref();
      await open?.ctx.close().catch((err: unknown) => console.error('Could not close the project cleanly:', err));
      clearTimeout(timer);
    })();
    return closing;
  };

  link.onMessage((message) => {
    switch (message.type) {
      case 'start':
        if (!open && !closing) void start(message.options);
        return;
      case 'call':
        void call(message.id, message.op, message.req);
        return;
      case 'cancel':
        return cancel(message.id);
      case 'hook-result': {
        const pending = hookCalls.get(message.id);
        hookCalls.delete(message.id);
        if (message.outcome.ok) pending?.resolve(message.outcome.value);
        else pending?.reject(deserializeError(message.outcome.error));
        return;
      }
      case 'shutdown':
        void shutdown().then(() => {
          link.send({ type: 'closed' });
          exit(0);
        });
        return;
    }
  });
  // The front died or dropped the link: nobody is left to answer, so close cleanly and exit.
  link.onClose(() => void shutdown().then(() => exit(0)));
}

/** The platform hooks `names`, each a question to the front over the link; the others stay absent. */
function remoteHooks(names: readonly HookName[], callHook: (name: HookName, args: unknown[], signal?: AbortSignal) => Promise<unknown>): PlatformHooks {
  const has = (name: HookName) => names.includes(name);
  const hooks: PlatformHooks = {};
  if (has('pickFile')) hooks.pickFile = () => callHook('pickFile', []) as Promise<PickedFile | null>;
  if (has('pickModelFile')) hooks.pickModelFile = () => callHook('pickModelFile', []) as Promise<PickedFile | null>;
  if (has('printPdf')) hooks.printPdf = async (htmlFile, pdfFile, signal) => void (await callHook('printPdf', [htmlFile, pdfFile], signal));
  if (has('showFile')) hooks.showFile = (file) => void callHook('showFile', [file]).catch((err: unknown) => console.error('Could not show the file:', err));
  return hooks;
}
