/**
 * A kernel thread: instantiates recurrent.wasm on the shared memory and runs the jobs the caller
 * publishes (see kernel-protocol.ts) until told to shut down. Sleeps in Atomics.wait between jobs.
 */
import { workerData } from 'node:worker_threads';
import { GENERATION, SHUTDOWN, claimAndRun, type KernelExports, type WorkerInit } from './kernel-protocol';

const init = workerData as WorkerInit;
const control = new Int32Array(init.control);
const kernel = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports as unknown as KernelExports;

let seen = Atomics.load(control, GENERATION);
for (;;) {
  Atomics.wait(control, GENERATION, seen);
  seen = Atomics.load(control, GENERATION);
  if (Atomics.load(control, SHUTDOWN) === 1) break;
  claimAndRun(control, kernel);
}
