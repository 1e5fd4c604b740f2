/** Where windows sit in each entity: their last input row, real length and target rows. */

/** A window of one entity: `end` is its last input row; `length` real steps end there (the rest is padding). */
export interface WindowRef {
  entity: number;
  end: number;
  length: number;
}

/** The geometry shared by all windows of a run. */
export interface WindowLayout {
  /** Steps per window. */
  window: number;
  /** First and last target row relative to `end` (forecast: 1..horizon; other tasks: 0..0). */
  firstTarget: number;
  lastTarget: number;
  /** Windows may start before an entity's first row, padded and masked (input.masking). */
  masking: boolean;
  /** One window per entity covering the whole sequence (wide classify). */
  whole: boolean;
}

/** Windows beyond this many in the training split make the stride grow. */
export const MAX_TRAIN_WINDOWS = 150_000;
/** Training inputs beyond this many floats (160 MB) make the stride grow too. */
export const MAX_TRAIN_VALUES = 40_000_000;

/**
 * The windows of one entity, oldest first. Ends are laid out from the last possible one backwards in
 * steps of `stride`, so the most recent data always forms a window whatever the stride.
 */
export function entityWindows(entity: number, length: number, layout: WindowLayout, stride: number): WindowRef[] {
  if (layout.whole) return length > 0 ? [{ entity, end: length - 1, length: Math.min(length, layout.window) }] : [];
  const first = layout.masking ? 0 : layout.window - 1;
  const last = length - 1 - layout.lastTarget;
  const out: WindowRef[] = [];
  for (let end = last; end >= first; end -= stride) out.push({ entity, end, length: Math.min(layout.window, end + 1) });
  return out.reverse();
}

/** The largest training split allowed for a window shape before the stride is raised. */
export function trainWindowCap(window: number, features: number): number {
  return Math.max(1, Math.min(MAX_TRAIN_WINDOWS, Math.floor(MAX_TRAIN_VALUES / (window * features))));
}

/** The stride that brings `count` windows at `stride` down to at most `cap`. */
export function cappedStride(stride: number, count: number, cap: number): number {
  return count <= cap ? stride : Math.ceil((stride * count) / cap);
}
