/**
 * The front's side of the protocol (backend-protocol.ts): starts the back-end process, sends it the
 * operations, re-emits its events by name on a local bus, serves the platform hooks it asks for, and
 * restarts it when it dies (the calls it was running fail with a message that says so).
 */
import { OPERATION_NAMES, type EventName, type Handlers } from '../../shared/api';
import { deserializeError, serializeError, UserError } from '../../shared/errors';
import { EventBus } from '../app/event-bus';
import { HOOK_NAMES, SHUTDOWN_GRACE_MS, type BackendOptions, type CallOutcome, type FromBackend, type HookName, type MessageLink, type ToBackend } from './backend-protocol';
// Types only: the front must not load the handlers (and TensorFlow.js with them).
import type { PlatformHooks } from './handlers';

/** A started back-end process as its front sees it. */
export interface BackendProcess extends MessageLink<FromBackend, ToBackend> {
  /** Ends the process at once (when it does not close in time). */
  kill(): void;
}

/** How to start the back end, and what the front provides it. */
export interface BackendClientOptions {
  /** Starts one back-end process (called again after a crash). */
  spawn: () => BackendProcess;
  options: Omit<BackendOptions, 'hooks'>;
  /** The platform hooks this front serves (dialogs, the PDF printer, the file manager). */
  hooks?: PlatformHooks;
  /** Restarts allowed within a minute before the client gives up (default 3). */
  maxRestarts?: number;
  log?: (line: string) => void;
}

interface PendingCall {
  op: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

const RESTART_WINDOW_MS = 60_000;

/** A running back end: call operations, listen to its events, close it. */
export class BackendClient {
  /** Every event the back end pushes, re-emitted under its own name. */
  readonly events = new EventBus();
  private proc: BackendProcess | undefined;
  private ready: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, PendingCall>();
  private readonly hookAborts = new Map<number, AbortController>();
  private readonly crashes: number[] = [];
  private nextId = 1;
  private closing: Promise<void> | undefined;

  private constructor(private readonly opts: BackendClientOptions) {}

  /** Starts the back end and resolves once it has opened the home (and seeded the demo data, if asked). */
  static async start(opts: BackendClientOptions): Promise<BackendClient> {
    const client = BackendClient.launch(opts);
    await client.whenReady();
    return client;
  }

  /** Starts the back end without waiting: calls wait until it is ready; see {@link whenReady}. */
  static launch(opts: BackendClientOptions): BackendClient {
    const client = new BackendClient(opts);
    void client.launch();
    return client;
  }

  /** Resolves once the back end is ready; rejects with its error when it could not open the home. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Runs operation `op` in the back end; aborting `signal` cancels the job the call started. */
  async call(op: string, req: unknown, signal?: AbortSignal): Promise<unknown> {
    await this.ready;
    const proc = this.proc;
    if (this.closing || !proc) throw new UserError(`The back end is shutting down; ${op} was not run.`);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { op, resolve, reject });
      proc.send({ type: 'call', id, op, req });
      const cancel = () => this.pending.has(id) && proc.send({ type: 'cancel', id });
      if (signal?.aborted) cancel();
      else signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  /** One handler per contract operation, each a call to the back end (for the HTTP and IPC relays). */
  handlers(): Handlers {
    const remote: Record<string, (req: unknown) => Promise<unknown>> = {};
    for (const op of OPERATION_NAMES) remote[op] = (req) => this.call(op, req);
    return remote as Handlers;
  }

  /** Asks the back end to cancel its jobs and close the database, then waits for it to exit (killing it after a grace period). */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const proc = this.proc;
      if (!proc) return resolve();
      const timer = setTimeout(() => proc.kill(), SHUTDOWN_GRACE_MS + 2_000);
      proc.onClose(() => {
        clearTimeout(timer);
        resolve();
      });
      proc.send({ type: 'shutdown' });
    });
    return this.closing;
  }

  private launch(): Promise<void> {
    const proc = this.opts.spawn();
    this.proc = proc;
    const hooks = HOOK_NAMES.filter((name) => this.opts.hooks?.[name] !== undefined);
    let started = false;
    this.ready = new Promise<void>((resolve, reject) => {
      proc.onMessage((message) => {
        if (message.type === 'ready') {
          started = true;
          resolve();
        } else if (message.type === 'failed') reject(deserializeError(message.error));
        else this.receive(proc, message);
      });
      proc.onClose((why) => {
        reject(new Error(`The back end stopped before it was ready (${why}).`));
        this.lost(proc, why, started);
      });
    });
    this.ready.catch(() => undefined); // the error reaches callers of call(); never unhandled here
    proc.send({ type: 'start', options: { ...this.opts.options, hooks } });
    return this.ready;
  }

  private receive(proc: BackendProcess, message: FromBackend): void {
    switch (message.type) {
      case 'result': {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.outcome.ok) call?.resolve(message.outcome.value);
        else call?.reject(deserializeError(message.outcome.error));
        return;
      }
      case 'event':
        return this.events.emit(message.name as EventName, message.payload as never);
      case 'hook':
        return void this.serveHook(proc, message.id, message.name, message.args);
      case 'hook-cancel':
        return this.hookAborts.get(message.id)?.abort();
      default:
        return;
    }
  }

  /**
   * The process ended: fail its calls with a message that says so, and start a new one unless
   * closing, crashing too often, or it never started (then its own error stands).
   */
  private lost(proc: BackendProcess, why: string, started: boolean): void {
    if (proc !== this.proc) return;
    this.proc = undefined;
    for (const abort of this.hookAborts.values()) abort.abort();
    this.hookAborts.clear();
    if (this.closing || !started) {
      for (const call of this.pending.values()) call.reject(new UserError(`The back end was shut down while running ${call.op}.`));
      this.pending.clear();
      return;
    }
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > RESTART_WINDOW_MS) this.crashes.shift();
    const restart = this.crashes.length <= (this.opts.maxRestarts ?? 3);
    const next = restart
      ? 'It has been restarted: try again.'
      : 'It stopped too often within a minute and was not restarted: save your work and restart LSTM Studio.';
    for (const call of this.pending.values()) {
      call.reject(new UserError(`The back end stopped unexpectedly (${why}) while running ${call.op}; what it was doing is lost. ${next}`));
    }
    this.pending.clear();
    (this.opts.log ?? ((line) => process.stderr.write(`${line}\n`)))(`LSTM Studio: the back end stopped unexpectedly (${why}). ${next}`);
    if (restart) {
      this.launch().catch(() => undefined);
    } else {
      this.ready = Promise.reject(new UserError(`The back end stopped (${why}). ${next}`));
      this.ready.catch(() => undefined);
    }
  }

  /** Runs a platform hook the back end asked for and sends it the outcome. */
  private async serveHook(proc: BackendProcess, id: number, name: HookName, args: unknown[]): Promise<void> {
    const hooks = this.opts.hooks ?? {};
    const abort = new AbortController();
    this.hookAborts.set(id, abort);
    let outcome: CallOutcome;
    try {
      const file = (i: number) => {
        if (typeof args[i] !== 'string') throw new Error(`The back end asked for ${name} without a file path.`);
        return args[i] as string;
      };
      let value: unknown = null;
      if (name === 'printPdf' && hooks.printPdf) await hooks.printPdf(file(0), file(1), abort.signal);
      else if (name === 'showFile' && hooks.showFile) hooks.showFile(file(0));
      else if ((name === 'pickFile' || name === 'pickModelFile') && hooks[name]) value = await hooks[name]!();
      else throw new Error(`This front does not provide ${name}.`);
      outcome = { ok: true, value };
    } catch (err) {
      outcome = { ok: false, error: serializeError(err) };
    } finally {
      this.hookAborts.delete(id);
    }
    if (proc === this.proc) proc.send({ type: 'hook-result', id, outcome });
  }
}
