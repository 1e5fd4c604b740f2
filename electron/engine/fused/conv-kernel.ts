/**
 * The temporal convolution ('same' padding, dilation) and batch normalization of the conv blocks on
 * the fused kernel, on plain Float32Arrays. A convolution runs one job per kernel thread, which
 * share the batch's samples; batch normalization runs on the calling thread. Nothing stays in the kernel's
 * memory between calls: the backward pass gets the forward's inputs again.
 */
import { structLayout } from './kernel-args';
import type { Block, KernelMemory } from './kernel-memory';
import type { KernelRuntime } from './kernel-runtime';

/** ConvArgs of native/recurrent/conv.h, field by field. */
const CONV = structLayout(['B0', 'B1', 'T', 'C', 'F', 'K', 'dilation', 'left', 'next', 'x', 'W', 'WT', 'bias', 'dout', 'out', 'dx', 'dW', 'db', 'work'] as const);
type ConvArgs = ReturnType<typeof CONV.empty>;
const FN = { forward: 4, backward: 5 } as const;

/** The shape of one convolution: x [B, T, C], kernel [K, C, F] with taps `dilation` steps apart. */
export interface ConvShape {
  B: number;
  T: number;
  C: number;
  F: number;
  K: number;
  dilation: number;
}

/** The gradients of one convolution. */
export interface ConvGradients {
  dx: Float32Array;
  dW: Float32Array;
  db: Float32Array;
}

/** Output [B, T, F] of x [B, T, C] convolved with W [K, C, F] plus bias [F]. */
export function convForward(rt: KernelRuntime, s: ConvShape, x: Float32Array, W: Float32Array, bias: Float32Array): Float32Array {
  const mem = rt.mem;
  const blocks = { x: mem.put(x), W: mem.put(W), bias: mem.put(bias), out: mem.alloc(s.B * s.T * s.F * 4) };
  try {
    dispatch(rt, s, FN.forward, () => ({ x: blocks.x.ptr, W: blocks.W.ptr, bias: blocks.bias.ptr, out: blocks.out.ptr }), () => null);
    return mem.read(blocks.out, s.B * s.T * s.F);
  } finally {
    releaseAll(mem, blocks);
  }
}

/** The gradients of x, W and bias for the output gradient `dout` [B, T, F]. */
export function convBackward(rt: KernelRuntime, s: ConvShape, x: Float32Array, W: Float32Array, dout: Float32Array): ConvGradients {
  const mem = rt.mem;
  const KC = s.K * s.C;
  const blocks = { x: mem.put(x), W: mem.put(W), WT: mem.alloc(KC * s.F * 4), dout: mem.put(dout), dx: mem.alloc(s.B * s.T * s.C * 4) };
  const partials: Block[] = [];
  try {
    rt.kernel.transpose_into(s.F, KC, blocks.W.ptr, blocks.WT.ptr);
    const jobs = dispatch(
      rt,
      s,
      FN.backward,
      () => ({ x: blocks.x.ptr, W: blocks.W.ptr, WT: blocks.WT.ptr, dout: blocks.dout.ptr, dx: blocks.dx.ptr }),
      () => {
        const dW = mem.alloc(KC * s.F * 4);
        const db = mem.alloc(s.F * 4);
        partials.push(dW, db);
        return { dW: dW.ptr, db: db.ptr };
      },
    );
    for (let k = 1; k < jobs; k++) {
      rt.kernel.add_into(partials[0].ptr, partials[2 * k].ptr, KC * s.F);
      rt.kernel.add_into(partials[1].ptr, partials[2 * k + 1].ptr, s.F);
    }
    // The jobs sum dW transposed ([F, K*C]); the WT block is free again and takes dW [K*C, F].
    rt.kernel.transpose_into(KC, s.F, partials[0].ptr, blocks.WT.ptr);
    return { dx: mem.read(blocks.dx, s.B * s.T * s.C), dW: mem.read(blocks.WT, KC * s.F), db: mem.read(partials[1], s.F) };
  } finally {
    releaseAll(mem, blocks);
    mem.release(...partials);
  }
}

/**
 * Writes one ConvArgs per thread (each job claims samples from one shared counter until none is
 * left) with the pointers of `shared` and of `perJob`, runs them and returns how many there were.
 */
function dispatch(rt: KernelRuntime, s: ConvShape, fn: number, shared: () => Partial<ConvArgs>, perJob: () => Partial<ConvArgs> | null): number {
  const mem = rt.mem;
  const jobs = Math.max(1, Math.min(rt.threads, s.B));
  const span = s.dilation * (s.K - 1);
  const args = mem.alloc(jobs * CONV.bytes + 4);
  const next = args.ptr + jobs * CONV.bytes;
  const work = Array.from({ length: jobs }, () => mem.alloc((2 * s.T * s.K * s.C + s.T * s.F) * 4));
  try {
    mem.i32[next >> 2] = 0;
    work.forEach((w, k) => {
      const a: ConvArgs = { ...CONV.empty(), B0: 0, B1: s.B, T: s.T, C: s.C, F: s.F, K: s.K, dilation: s.dilation, left: Math.floor(span / 2), next, ...shared(), ...perJob(), work: w.ptr };
      CONV.write(mem, args.ptr + k * CONV.bytes, a);
    });
    rt.run(work.map((_, k) => ({ fn, args: args.ptr + k * CONV.bytes })));
    return jobs;
  } finally {
    mem.release(args, ...work);
  }
}

/** Batch normalization in training over x [N, F]: the output, and the batch's mean and (biased) variance per column. */
export function batchNormForward(rt: KernelRuntime, N: number, F: number, x: Float32Array, gamma: Float32Array, beta: Float32Array, epsilon: number): { out: Float32Array; mean: Float32Array; variance: Float32Array } {
  const mem = rt.mem;
  const b = { x: mem.put(x), gamma: mem.put(gamma), beta: mem.put(beta), out: mem.alloc(N * F * 4), mean: mem.alloc(F * 4), variance: mem.alloc(F * 4), work: mem.alloc(4 * F * 4) };
  try {
    rt.kernel.bn_forward(N, F, b.x.ptr, b.gamma.ptr, b.beta.ptr, epsilon, b.out.ptr, b.mean.ptr, b.variance.ptr, b.work.ptr);
    return { out: mem.read(b.out, N * F), mean: mem.read(b.mean, F), variance: mem.read(b.variance, F) };
  } finally {
    releaseAll(mem, b);
  }
}

/** The gradients of x, gamma and beta of a training batch normalization, given its batch statistics. */
export function batchNormBackward(
  rt: KernelRuntime,
  N: number,
  F: number,
  saved: { x: Float32Array; gamma: Float32Array; mean: Float32Array; variance: Float32Array; epsilon: number },
  dy: Float32Array,
): { dx: Float32Array; dgamma: Float32Array; dbeta: Float32Array } {
  const mem = rt.mem;
  const b = { x: mem.put(saved.x), dy: mem.put(dy), gamma: mem.put(saved.gamma), mean: mem.put(saved.mean), variance: mem.put(saved.variance), dx: mem.alloc(N * F * 4), dgamma: mem.alloc(F * 4), dbeta: mem.alloc(F * 4), work: mem.alloc(4 * F * 4) };
  try {
    rt.kernel.bn_backward(N, F, b.x.ptr, b.dy.ptr, b.gamma.ptr, b.mean.ptr, b.variance.ptr, saved.epsilon, b.dx.ptr, b.dgamma.ptr, b.dbeta.ptr, b.work.ptr);
    return { dx: mem.read(b.dx, N * F), dgamma: mem.read(b.dgamma, F), dbeta: mem.read(b.dbeta, F) };
  } finally {
    releaseAll(mem, b);
  }
}

function releaseAll(mem: KernelMemory, blocks: Record<string, Block>): void {
  mem.release(...Object.values(blocks));
}
