/**
 * Writes the RnnArgs struct of native/recurrent/recurrent.h into the shared memory. The field order
 * here must match the C struct exactly (every field is 4 bytes).
 */
import type { KernelMemory } from './kernel-memory';

const FIELDS = [
  'B0', 'B1', 'T', 'I', 'H', 'reverse', 'seqOrder', 'returnSeq', 'outStride', 'outOffset',
  'x', 'W', 'U', 'bias', 'mask', 'out', 'gates', 'cs', 'hs', 'rh', 'work',
  'dout', 'UT', 'WT', 'dx', 'dW', 'dU', 'db',
] as const;

/** The struct's fields: sizes and flags as numbers, pointers as byte offsets (0 = none). */
export type RnnArgs = Record<(typeof FIELDS)[number], number>;

/** Size of one struct in bytes. */
export const ARGS_BYTES = FIELDS.length * 4;

/** A struct with every field 0. */
export function emptyArgs(): RnnArgs {
  return Object.fromEntries(FIELDS.map((f) => [f, 0])) as RnnArgs;
}

/** Writes `args` at byte offset `ptr`. */
export function writeArgs(mem: KernelMemory, ptr: number, args: RnnArgs): void {
  const i32 = mem.i32;
  const base = ptr >> 2;
  FIELDS.forEach((f, i) => {
    i32[base + i] = args[f] | 0;
  });
}
