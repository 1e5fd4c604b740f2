/**
 * Chooses and starts the TensorFlow.js backend: tfjs-node ('tensorflow') when it loads, else the
 * WebAssembly backend, else the pure-JavaScript 'cpu' backend. Each candidate is verified with a tiny
 * op before it is kept, and the engine reports which one runs and why a faster one does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import type { BackendName, EngineInfo } from '../../shared/model/training';

/** The TensorFlow.js module type used across the engine. */
export type Tfjs = typeof TF;

const ORDER: BackendName[] = ['tensorflow', 'wasm', 'cpu'];
let tfjs: Tfjs | null = null;
let starting: Promise<EngineInfo> | null = null;

/**
 * The one TensorFlow.js module the engine uses. tfjs-node re-exports this same package, and the wasm
 * backend registers into the same tfjs-core, so tensors, layers and backends all share one engine.
 */
export function tf(): Tfjs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!tfjs) tfjs = require('@tensorflow/tfjs') as Tfjs;
  return tfjs;
}

export interface InitEngineOptions {
  /**
   * Use this backend or a slower one (e.g. 'cpu' to rule out a wasm problem). Defaults to the
   * LSTM_STUDIO_BACKEND environment variable, else the fastest that works.
   */
  prefer?: BackendName;
}

/**
 * Starts the fastest working backend once and returns its facts; later calls return the same
 * answer (whatever they prefer). Throws only when not even the built-in 'cpu' backend works.
 */
export function initEngine(options: InitEngineOptions = {}): Promise<EngineInfo> {
  if (!starting) starting = start(options.prefer ?? preferenceFromEnv());
  return starting;
}

function preferenceFromEnv(): BackendName | undefined {
  const v = process.env.LSTM_STUDIO_BACKEND;
  return v && (ORDER as string[]).includes(v) ? (v as BackendName) : undefined;
}

async function start(prefer: BackendName | undefined): Promise<EngineInfo> {
  const t = tf();
  // Only silences tfjs's console advice ("install tfjs-node"); the UI shows the backend and `note` instead.
  t.enableProdMode();
  const reasons: string[] = [];
  const candidates = ORDER.slice(prefer ? ORDER.indexOf(prefer) : 0);
  if (prefer && prefer !== 'tensorflow') reasons.push(`faster backends skipped: LSTM_STUDIO_BACKEND or options chose '${prefer}'`);
  for (const name of candidates) {
    const problem = await tryBackend(t, name);
    if (problem === null) {
      return { backend: name, tfjsVersion: t.version.tfjs, note: reasons.length > 0 ? reasons.join('; ') : null };
    }
    reasons.push(problem);
  }
  // Unreachable in practice: the cpu backend ships inside @tensorflow/tfjs.
  throw new Error(`No TensorFlow.js backend works: ${reasons.join('; ')}. Reinstall LSTM Studio.`);
}

/** Registers and verifies one backend; returns null when it runs, else why it does not. */
async function tryBackend(t: Tfjs, name: BackendName): Promise<string | null> {
  try {
    const notLoaded = name === 'tensorflow' ? loadTfjsNode(t) : name === 'wasm' ? loadWasm(t) : null;
    if (notLoaded) return notLoaded;
    if (!(await t.setBackend(name))) return `the ${name} backend did not start`;
    await t.ready();
    return verify(t) ? null : `the ${name} backend gave a wrong answer to a test sum`;
  } catch (err) {
    return `the ${name} backend failed to start (${(err as Error).message.split('\n')[0]})`;
  }
}

function loadTfjsNode(t: Tfjs): string | null {
  try {
    // Only for its side effect: it registers the 'tensorflow' backend into @tensorflow/tfjs-core.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const node = require('@tensorflow/tfjs-node') as { engine?: () => unknown };
    if (node.engine && node.engine() !== t.engine()) {
      return '@tensorflow/tfjs-node uses its own copy of @tensorflow/tfjs-core; reinstall so both are version ' + t.version.tfjs;
    }
  } catch (err) {
    const missing = (err as { code?: string }).code === 'MODULE_NOT_FOUND' && (err as Error).message.includes("'@tensorflow/tfjs-node'");
    return missing
      ? '@tensorflow/tfjs-node is not installed (native TensorFlow is the fastest backend)'
      : `@tensorflow/tfjs-node is installed but did not load (${(err as Error).message.split('\n')[0]})`;
  }
  return t.findBackendFactory('tensorflow') ? null : '@tensorflow/tfjs-node loaded but registered no backend';
}

function loadWasm(t: Tfjs): string | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths: (prefix: string) => void };
  if (!t.findBackendFactory('wasm')) return '@tensorflow/tfjs-backend-wasm registered no backend';
  // In Node the backend reads prefix + file name from disk, so the prefix is a folder path ending in a separator.
  // In a packaged app the .wasm files are unpacked beside app.asar (electron-builder.yml asarUnpack).
  const folder = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const unpacked = folder.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  wasm.setWasmPaths((fs.existsSync(unpacked) ? unpacked : folder) + path.sep);
  return null;
}

function verify(t: Tfjs): boolean {
  return t.tidy(() => {
    const sum = t.tensor1d([1, 2, 3]).square().sum().dataSync()[0];
    return Math.abs(sum - 14) < 1e-6;
  });
}
