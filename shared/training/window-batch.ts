/** Turns window positions into the engine's typed arrays: x, y, mask, meta and restore values. */
import type { EntityFrame } from './entity-frames';
import type { WindowBatch } from './prepared';
import type { WindowRef } from './window-plan';
import { needsRestore, outputCount, windowStats, writeTargets, type TargetSpec } from './window-targets';

/** How windows are laid out. */
export interface BatchSpec extends TargetSpec {
  window: number;
  padding: 'pre' | 'post';
  /** Emit a mask (1 = real step, 0 = padding). */
  mask: boolean;
  /** Per feature: normalise it by the window's own mean and standard deviation (instance norm); null = off. */
  instanceNorm: boolean[] | null;
}

/**
 * Builds one split's batch from scaled frames. x is n x window x features, row-major; padding steps
 * are 0 (before the real steps for 'pre', after them for 'post'). meta.end is the time (or row) of
 * the last real input step.
 */
export function buildBatch(frames: readonly EntityFrame[], windows: readonly WindowRef[], spec: BatchSpec): WindowBatch {
  const n = windows.length;
  const W = spec.window;
  const F = frames[0]?.features.length ?? 0;
  const T = frames[0]?.targets.length ?? 0;
  const restore = needsRestore(spec);
  const out = {
    x: new Float32Array(n * W * F),
    y: new Float32Array(n * outputCount(spec, T)),
    mask: spec.mask ? new Float32Array(n * W) : null,
    base: restore.base ? new Float32Array(n * T) : null,
    scale: restore.scale ? new Float32Array(n * T) : null,
    last: spec.task === 'forecast' ? new Float32Array(n * T) : null,
  };
  const meta: WindowBatch['meta'] = [];
  windows.forEach((w, i) => {
    const frame = frames[w.entity];
    const start = w.end - w.length + 1;
    const pos0 = spec.padding === 'pre' ? W - w.length : 0;
    for (let f = 0; f < F; f++) {
      const col = frame.features[f];
      const norm = spec.instanceNorm?.[f] ? windowStats(col, start, w.end) : { mean: 0, std: 1 };
      for (let k = 0; k < w.length; k++) out.x[(i * W + pos0 + k) * F + f] = (col[start + k] - norm.mean) / norm.std;
    }
    if (out.mask) out.mask.fill(1, i * W + pos0, i * W + pos0 + w.length);
    writeTargets(frame, w, i, spec, out);
    if (out.last) for (let t = 0; t < T; t++) out.last[i * T + t] = frame.filledTargets[t][w.end];
    meta.push({ entity: frame.name, end: frame.time ? frame.time[w.end] : w.end, row: w.end });
  });
  return { n, x: out.x, y: out.y, mask: out.mask, meta, restore: { base: out.base, scale: out.scale }, lastTarget: out.last };
}
