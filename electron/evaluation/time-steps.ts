/** The spacing of an entity's time axis, for placing forecasts in time. */

/** The median difference between consecutive times (1 for row or step axes without times). */
export function medianStep(time: Float64Array | null): number {
  if (!time || time.length < 2) return 1;
  const n = Math.min(time.length - 1, 5000);
  const diffs: number[] = [];
  for (let i = time.length - n; i < time.length; i++) diffs.push(time[i] - time[i - 1]);
  diffs.sort((x, y) => x - y);
  const mid = diffs[Math.floor(diffs.length / 2)];
  return mid > 0 ? mid : 1;
}
