/**
 * Loads the fused kernel once per thread that uses it, on one shared memory, with helper threads for
 * the other cores: recurrent-relaxed.wasm (relaxed SIMD: fused multiply-adds) where the runtime
 * compiles it (Electron; Node 20 once V8's flag is set), else recurrent.wasm (WebAssembly SIMD). `run` hands a list of jobs to all
 * threads, runs its share on the calling thread and returns when every job is done.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { KernelMemory } from './kernel-memory';
import { CONTROL_INTS, DONE, FAILED, GENERATION, MAX_JOBS, SHUTDOWN, SLOTS, SLOT_COUNT, claimAndRun, type KernelExports, type WorkerInit } from './kernel-protocol';

/** How long a dispatch may go without a finished job before its helper threads are given up. */
const STALL_MS = 120_000;

/** One job for the kernel: an entry point and the byte offset of its RnnArgs. */
export interface Job {
  fn: number;
  args: number;
}

/** The kernel and its threads. */
export class KernelRuntime {
  readonly threads: number;
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];

  constructor(
    /** Which build runs: 'relaxed' (fused multiply-adds) or 'simd'. */
    readonly build: KernelBuild,
    readonly kernel: KernelExports,
    readonly mem: KernelMemory,
    module: WebAssembly.Module,
    threads: number,
  ) {
    this.threads = threads;
    const shared = new SharedArrayBuffer(CONTROL_INTS * 4);
    this.control = new Int32Array(shared);
    for (let j = 0; j < MAX_JOBS; j++) this.control[SLOTS + 3 * j] = 1;
    const init: WorkerInit = { module, memory: mem.memory, control: shared };
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(path.join(__dirname, 'kernel-worker.js'), { workerData: init });
      worker.unref();
      worker.on('error', () => {}); // a dead helper only means fewer threads: the caller runs every job it leaves
      this.workers.push(worker);
    }
  }

  /** Runs `jobs` on all threads (the caller's included) and waits for them. */
  run(jobs: readonly Job[]): void {
    if (jobs.length > MAX_JOBS) throw new Error(`fused kernel: ${jobs.length} jobs, at most ${MAX_JOBS}`);
    const c = this.control;
    Atomics.store(c, DONE, 0);
    Atomics.store(c, FAILED, 0);
    jobs.forEach((job, j) => {
      c[SLOTS + 3 * j + 1] = job.fn;
      c[SLOTS + 3 * j + 2] = job.args;
    });
    Atomics.store(c, SLOT_COUNT, jobs.length);
    for (let j = 0; j < jobs.length; j++) Atomics.store(c, SLOTS + 3 * j, 0);
    if (jobs.length > 1 && this.workers.length > 0) {
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
    }
    claimAndRun(c, this.kernel);
    let waited = 0;
    for (let done = Atomics.load(c, DONE); done < jobs.length; done = Atomics.load(c, DONE)) {
      if (Atomics.wait(c, DONE, done, 50) === 'timed-out' && (waited += 50) > STALL_MS) {
        // A helper thread claimed a job and stopped (killed, out of memory): do without helpers from now on.
        this.close();
        this.workers.length = 0;
        throw new Error(`The fused kernel's helper thread stopped responding (no job finished for ${STALL_MS / 1000} s); it now runs on one thread. Train again.`);
      }
      if (Atomics.load(c, DONE) !== done) waited = 0;
    }
    if (Atomics.load(c, FAILED) !== 0) throw new Error('The fused kernel failed (a WebAssembly trap): this is a bug in LSTM Studio.');
  }

  /** Stops the helper threads. */
  close(): void {
    Atomics.store(this.control, SHUTDOWN, 1);
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
  }
}

let runtime: KernelRuntime | null | undefined;
let unavailable: string | null = null;

/** The kernel runtime of this thread, started on first use; null when the kernel cannot run here. */
export function kernelRuntime(): KernelRuntime | null {
  if (runtime !== undefined) return runtime;
  try {
    if (process.env.LSTM_STUDIO_FUSED === '0') throw new Error('turned off by LSTM_STUDIO_FUSED=0');
    const { build, module } = compileKernel();
    const mem = new KernelMemory();
    const kernel = new WebAssembly.Instance(module, { env: { memory: mem.memory } }).exports as unknown as KernelExports;
    mem.start(kernel.__heap_base.value as number);
    runtime = new KernelRuntime(build, kernel, mem, module, threadCount());
  } catch (err) {
    unavailable = (err as Error).message.split('\n')[0];
    runtime = null;
  }
  return runtime;
}

/** Why the kernel is not available (null when it is, or was not tried yet). */
export function kernelUnavailableReason(): string | null {
  return unavailable;
}

function threadCount(): number {
  const fromEnv = Number(process.env.LSTM_STUDIO_KERNEL_THREADS);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(8, Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : cores));
}

/** The kernel's builds: with relaxed SIMD's fused multiply-adds, or plain WebAssembly SIMD. */
export type KernelBuild = 'relaxed' | 'simd';

/**
 * The relaxed build when this runtime compiles it (Electron does; Node 20 after setting V8's
 * experimental flag, which its worker threads share), else the plain one. LSTM_STUDIO_KERNEL_BUILD=simd
 * forces the plain build (for comparisons).
 */
function compileKernel(): { build: KernelBuild; module: WebAssembly.Module } {
  if (process.env.LSTM_STUDIO_KERNEL_BUILD !== 'simd') {
    const bytes = fs.readFileSync(wasmFile('recurrent-relaxed.wasm'));
    for (const flag of [null, '--experimental-wasm-relaxed-simd']) {
      try {
        if (flag) v8.setFlagsFromString(flag);
        return { build: 'relaxed', module: new WebAssembly.Module(bytes) };
      } catch {
        // not supported here (yet): try the flag, then the plain build
      }
    }
  }
  return { build: 'simd', module: new WebAssembly.Module(fs.readFileSync(wasmFile('recurrent.wasm'))) };
}

/** A build of the kernel: copied into dist by the build (unpacked beside app.asar in a package), else the source tree's. */
function wasmFile(name: string): string {
  const inDist = path.join(__dirname, name);
  const unpacked = inDist.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  const candidates = [unpacked, inDist, path.resolve(__dirname, '..', '..', '..', '..', 'native', 'recurrent', name)];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`${name} is missing (looked in ${candidates.join(', ')}); rebuild LSTM Studio`);
  return found;
}
