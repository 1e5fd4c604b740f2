/**
 * The control block shared by the kernel's threads (an Int32Array over a SharedArrayBuffer).
 * A dispatch publishes job slots (fn, args) and bumps GENERATION; every thread, the caller included,
 * claims free slots with compareExchange (a claim is valid in whatever generation it happens), runs
 * the job and counts it DONE. No slot is ever run twice and no thread waits on a late one.
 */
export const GENERATION = 0;
export const DONE = 1;
export const FAILED = 2;
export const SHUTDOWN = 3;
export const SLOT_COUNT = 4;
/** Slots start here: [state, fn, argsPtr] each (state 0 = published, 1 = claimed). */
export const SLOTS = 16;
export const MAX_JOBS = 64;
export const CONTROL_INTS = SLOTS + 3 * MAX_JOBS;

/** What a kernel thread needs to run jobs. */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
}

/** The exports of recurrent.wasm. */
export interface KernelExports {
  run_job(fn: number, args: number): void;
  transpose_into(rows: number, cols: number, src: number, dst: number): void;
  add_into(dst: number, src: number, n: number): void;
  bn_forward(N: number, F: number, x: number, gamma: number, beta: number, eps: number, out: number, mean: number, variance: number, work: number): void;
  bn_backward(N: number, F: number, x: number, dy: number, gamma: number, mean: number, variance: number, eps: number, dx: number, dgamma: number, dbeta: number, work: number): void;
  gemm_test(M: number, N: number, K: number, A: number, aRs: number, aCs: number, B: number, ldb: number, C: number, ldc: number, acc: number): void;
  __heap_base: WebAssembly.Global;
}

/** Claims and runs published slots until none is left; returns how many this thread ran. */
export function claimAndRun(control: Int32Array, kernel: KernelExports): number {
  let ran = 0;
  const count = Atomics.load(control, SLOT_COUNT);
  for (let j = 0; j < count; j++) {
    const at = SLOTS + 3 * j;
    if (Atomics.compareExchange(control, at, 0, 1) !== 0) continue;
    try {
      kernel.run_job(control[at + 1], control[at + 2]);
    } catch {
      Atomics.store(control, FAILED, 1);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
    ran++;
  }
  return ran;
}
