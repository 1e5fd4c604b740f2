/**
 * Writes the argument structs of the kernel's jobs into the shared memory: RnnArgs of
 * native/recurrent/recurrent.h here, ConvArgs of conv.h in conv-kernel.ts. A struct's field list
 * must match the C struct exactly (every field is 4 bytes).
 */
import type { KernelMemory } from './kernel-memory';

/** A C struct of 4-byte fields (sizes and flags as numbers, pointers as byte offsets, 0 = none). */
export interface StructLayout<F extends string> {
  /** Size of one struct in bytes. */
  bytes: number;
  /** A struct with every field 0. */
  empty(): Record<F, number>;
  /** Writes `args` at byte offset `ptr`. */
  write(mem: KernelMemory, ptr: number, args: Record<F, number>): void;
}

/** The layout of a struct whose fields are `fields`, in order. */
export function structLayout<F extends string>(fields: readonly F[]): StructLayout<F> {
  return {
    bytes: fields.length * 4,
    empty: () => Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>,
    write: (mem, ptr, args) => {
      const i32 = mem.i32;
      const base = ptr >> 2;
      fields.forEach((f, i) => {
        i32[base + i] = args[f] | 0;
      });
    },
  };
}

const RNN = structLayout([
  'B0', 'B1', 'T', 'I', 'H', 'reverse', 'seqOrder', 'returnSeq', 'outStride', 'outOffset',
  'x', 'W', 'U', 'bias', 'mask', 'out', 'gates', 'cs', 'hs', 'rh', 'work',
  'dout', 'UT', 'WT', 'dx', 'dW', 'dU', 'db',
] as const);

/** The RnnArgs struct's fields. */
export type RnnArgs = ReturnType<typeof RNN.empty>;

/** Size of one RnnArgs in bytes. */
export const ARGS_BYTES = RNN.bytes;

/** An RnnArgs with every field 0. */
export function emptyArgs(): RnnArgs {
  return RNN.empty();
}

/** Writes `args` at byte offset `ptr`. */
export function writeArgs(mem: KernelMemory, ptr: number, args: RnnArgs): void {
  RNN.write(mem, ptr, args);
}
