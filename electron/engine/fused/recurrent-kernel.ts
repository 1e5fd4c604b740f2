/**
 * Forward and backward through time of one recurrent layer call (one or two directions) on the
 * fused kernel, on plain Float32Arrays. The forward pass splits the batch into one job per thread
 * and direction; in training it keeps the gates and states in the shared memory for the backward
 * pass, which returns the gradients of the input and of every direction's weights.
 */
import { ARGS_BYTES, emptyArgs, writeArgs, type RnnArgs } from './kernel-args';
import type { Block, KernelMemory } from './kernel-memory';
import type { KernelRuntime } from './kernel-runtime';

export type CellKind = 'lstm' | 'gru';

/** Rows per block of the kernel's inference path (INFER_ROWS in recurrent.h). */
const INFER_ROWS = 32;
/** Jobs per kernel thread and direction: a thread that gets no core for a while leaves the rest to the others. */
const JOBS_PER_THREAD = 2;

const FN = { lstm: { forward: 0, backward: 1 }, gru: { forward: 2, backward: 3 } } as const;

/** The weights of one direction, in tfjs's layout: W [I, G*H], U [H, G*H], bias [G*H]. */
export interface DirectionWeights {
  W: Float32Array;
  U: Float32Array;
  bias: Float32Array;
  /** Processes time backwards (the backward layer of a bidirectional pair). */
  reverse: boolean;
}

/** One layer call. */
export interface RecurrentCall {
  cell: CellKind;
  B: number;
  T: number;
  I: number;
  H: number;
  /** [B, T, I] */
  x: Float32Array;
  /** [B, T], 0 for a masked step; null = no masking. */
  mask: Float32Array | null;
  /** One direction, or two whose outputs are concatenated (forward first). */
  dirs: DirectionWeights[];
  returnSequences: boolean;
  /** A returned sequence is in processing order (tfjs's goBackwards), not natural time order. */
  processingOrder: boolean;
  /** Keep what the backward pass needs. */
  save: boolean;
}

/** What a training forward pass keeps for its backward pass. */
export interface SavedCall {
  call: Omit<RecurrentCall, 'x' | 'mask' | 'dirs'>;
  x: Block;
  mask: Block | null;
  dirs: { W: Block; U: Block; bias: Block; gates: Block; cs: Block | null; hs: Block; rh: Block | null; reverse: boolean }[];
  released: boolean;
}

/** The gradients of one call. */
export interface CallGradients {
  dx: Float32Array;
  dirs: { dW: Float32Array; dU: Float32Array; db: Float32Array }[];
}

/** Number of gates: LSTM i, f, g, o; GRU z, r, h. */
export function gateCount(cell: CellKind): number {
  return cell === 'lstm' ? 4 : 3;
}

/** Runs the forward pass; returns the output ([B, T, D*H] or [B, D*H]) and, with `save`, the saved state. */
export function recurrentForward(rt: KernelRuntime, c: RecurrentCall): { out: Float32Array; saved: SavedCall | null } {
  const mem = rt.mem;
  const G = gateCount(c.cell) * c.H;
  const S = c.dirs.length * c.H;
  const outCount = c.returnSequences ? c.B * c.T * S : c.B * S;
  const x = mem.put(c.x);
  const mask = c.mask ? mem.put(c.mask) : null;
  const out = mem.alloc(outCount * 4);
  const state = (n: number) => mem.alloc(c.B * c.T * n * 4);
  const dirs = c.dirs.map((d) => {
    // Inference reads [W; U] as one matrix: U right after W.
    const WU = c.save ? null : mem.put(concat(d.W, d.U));
    return {
      W: WU ?? mem.put(d.W),
      U: WU ? null : mem.put(d.U),
      Uptr: 0,
      bias: mem.put(d.bias),
      gates: c.save ? state(G) : null,
      cs: c.save && c.cell === 'lstm' ? state(c.H) : null,
      hs: c.save ? state(c.H) : null,
      rh: c.save && c.cell === 'gru' ? state(c.H) : null,
      reverse: d.reverse,
    };
  });
  for (const d of dirs) d.Uptr = d.U ? d.U.ptr : d.W.ptr + c.I * G * 4;
  const jobs = planJobs(rt, c.B, c.dirs.length, c.save ? 4 : INFER_ROWS);
  const scratch = jobScratch(mem, jobs, (rows) => (c.save ? 4 * rows * c.H : INFER_ROWS * (c.I + 6 * c.H)));
  try {
    jobs.forEach((j, k) => {
      const d = dirs[j.dir];
      const a: RnnArgs = { ...shapeArgs(c, j, S, d.reverse), x: x.ptr, W: d.W.ptr, U: d.Uptr, bias: d.bias.ptr, mask: mask?.ptr ?? 0, out: out.ptr, gates: d.gates?.ptr ?? 0, cs: d.cs?.ptr ?? 0, hs: d.hs?.ptr ?? 0, rh: d.rh?.ptr ?? 0, work: scratch.work[k].ptr };
      writeArgs(mem, scratch.args.ptr + k * ARGS_BYTES, a);
    });
    rt.run(jobs.map((_j, k) => ({ fn: FN[c.cell].forward, args: scratch.args.ptr + k * ARGS_BYTES })));
    const result = mem.read(out, outCount);
    if (!c.save) return { out: result, saved: null };
    const call = { cell: c.cell, B: c.B, T: c.T, I: c.I, H: c.H, returnSequences: c.returnSequences, processingOrder: c.processingOrder, save: true };
    const keep = dirs.map((d) => ({ W: d.W, U: d.U as Block, bias: d.bias, gates: d.gates as Block, cs: d.cs, hs: d.hs as Block, rh: d.rh, reverse: d.reverse }));
    return { out: result, saved: { call, x, mask, dirs: keep, released: false } };
  } finally {
    mem.release(out, scratch.args, ...scratch.work);
    if (!c.save) {
      mem.release(x, mask);
      for (const d of dirs) mem.release(d.W, d.U, d.bias);
    }
  }
}

/** Runs the backward pass for `dout` (shaped like the forward's output) and frees the saved state. */
export function recurrentBackward(rt: KernelRuntime, saved: SavedCall, dout: Float32Array): CallGradients {
  if (saved.released) throw new Error('fused kernel: the backward pass of a layer call ran twice; this is a bug in LSTM Studio.');
  const mem = rt.mem;
  const c = saved.call;
  const G = gateCount(c.cell) * c.H;
  const S = saved.dirs.length * c.H;
  const d = mem.put(dout);
  const jobs = planJobs(rt, c.B, saved.dirs.length, 4);
  const scratch = jobScratch(mem, jobs, (rows) => 4 * rows * c.H);
  const perDir = saved.dirs.map((s) => {
    const UT = mem.alloc(G * c.H * 4);
    const WT = mem.alloc(G * c.I * 4);
    rt.kernel.transpose_into(G, c.H, s.U.ptr, UT.ptr);
    rt.kernel.transpose_into(G, c.I, s.W.ptr, WT.ptr);
    return { UT, WT, dx: mem.alloc(c.B * c.T * c.I * 4) };
  });
  const partials = jobs.map(() => ({ dW: mem.alloc(c.I * G * 4), dU: mem.alloc(c.H * G * 4), db: mem.alloc(G * 4) }));
  try {
    jobs.forEach((j, k) => {
      const s = saved.dirs[j.dir];
      const p = perDir[j.dir];
      const a: RnnArgs = {
        ...shapeArgs(c, j, S, s.reverse),
        x: saved.x.ptr, W: s.W.ptr, U: s.U.ptr, bias: s.bias.ptr, mask: saved.mask?.ptr ?? 0, gates: s.gates.ptr, cs: s.cs?.ptr ?? 0, hs: s.hs.ptr, rh: s.rh?.ptr ?? 0,
        work: scratch.work[k].ptr, dout: d.ptr, UT: p.UT.ptr, WT: p.WT.ptr, dx: p.dx.ptr, dW: partials[k].dW.ptr, dU: partials[k].dU.ptr, db: partials[k].db.ptr,
      };
      writeArgs(mem, scratch.args.ptr + k * ARGS_BYTES, a);
    });
    rt.run(jobs.map((_j, k) => ({ fn: FN[c.cell].backward, args: scratch.args.ptr + k * ARGS_BYTES })));
    const sum = (pick: (k: number) => Block, dir: number, count: number): Float32Array => {
      const mine = jobs.map((j, k) => (j.dir === dir ? k : -1)).filter((k) => k >= 0);
      for (const k of mine.slice(1)) rt.kernel.add_into(pick(mine[0]).ptr, pick(k).ptr, count);
      return mem.read(pick(mine[0]), count);
    };
    for (const p of perDir.slice(1)) rt.kernel.add_into(perDir[0].dx.ptr, p.dx.ptr, c.B * c.T * c.I);
    return {
      dx: mem.read(perDir[0].dx, c.B * c.T * c.I),
      dirs: saved.dirs.map((_, dir) => ({
        dW: sum((k) => partials[k].dW, dir, c.I * G),
        dU: sum((k) => partials[k].dU, dir, c.H * G),
        db: sum((k) => partials[k].db, dir, G),
      })),
    };
  } finally {
    mem.release(d, scratch.args, ...scratch.work);
    for (const p of perDir) mem.release(p.UT, p.WT, p.dx);
    for (const p of partials) mem.release(p.dW, p.dU, p.db);
    releaseSaved(mem, saved);
  }
}

/** Frees a saved state (after its backward pass, or when it will never run). */
export function releaseSaved(mem: KernelMemory, saved: SavedCall): void {
  if (saved.released) return;
  saved.released = true;
  mem.release(saved.x, saved.mask);
  for (const d of saved.dirs) mem.release(d.W, d.U, d.bias, d.gates, d.cs, d.hs, d.rh);
}

interface PlannedJob {
  dir: number;
  b0: number;
  b1: number;
}

/**
 * Splits the batch of each direction into row ranges, about two jobs per thread in all (a thread
 * that gets no core for a while leaves its second job to the others), each at least `minRows`.
 */
function planJobs(rt: KernelRuntime, B: number, directions: number, minRows: number): PlannedJob[] {
  const perDir = Math.max(1, Math.min(Math.round((JOBS_PER_THREAD * rt.threads) / directions), Math.floor(B / minRows)));
  const jobs: PlannedJob[] = [];
  for (let dir = 0; dir < directions; dir++) {
    for (let k = 0; k < perDir; k++) {
      // Row ranges in multiples of 4 where possible (the matrix products work on 4 rows at a time).
      const b0 = Math.min(B, Math.round((B * k) / perDir / 4) * 4);
      const b1 = k === perDir - 1 ? B : Math.min(B, Math.round((B * (k + 1)) / perDir / 4) * 4);
      if (b1 > b0) jobs.push({ dir, b0, b1 });
    }
  }
  return jobs;
}

function jobScratch(mem: KernelMemory, jobs: PlannedJob[], floats: (rows: number) => number): { args: Block; work: Block[] } {
  return { args: mem.alloc(jobs.length * ARGS_BYTES), work: jobs.map((j) => mem.alloc(floats(j.b1 - j.b0) * 4)) };
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function shapeArgs(c: SavedCall['call'], j: PlannedJob, S: number, reverse: boolean): RnnArgs {
  return {
    ...emptyArgs(),
    B0: j.b0,
    B1: j.b1,
    T: c.T,
    I: c.I,
    H: c.H,
    reverse: reverse ? 1 : 0,
    seqOrder: c.processingOrder ? 1 : 0,
    returnSeq: c.returnSequences ? 1 : 0,
    outStride: S,
    outOffset: j.dir * c.H,
  };
}
