/**
 * Detects the sampling interval of a time column from a stream of consecutive time differences,
 * in bounded memory, so the importer can report "hourly, 99.8% regular, 3 gaps" on huge files.
 */

/** The detected sampling interval and the share of steps that match it. */
export interface IntervalResult {
  /** Most common positive difference, or null when no positive difference was seen. */
  interval: number | null;
  /** Share (0..1) of all differences equal to `interval`, or null when there is no interval. */
  regularity: number | null;
}

/** Default cap on distinct differences kept in the histogram. */
export const DEFAULT_MAX_DISTINCT_DIFFS = 10_000;

/**
 * Histogram of time differences with a cap on distinct keys: differences first seen after the cap
 * is reached are only counted as "other", so memory stays bounded on tens of millions of rows.
 * Runs of equal differences (the usual case) are counted without touching the map.
 */
export class IntervalDetector {
  private readonly counts = new Map<number, number>();
  private readonly maxDistinct: number;
  private total = 0;
  private other = 0;
  private nonPositiveCount = 0;
  private runDiff = NaN;
  private runLength = 0;

  /** `maxDistinct` bounds the histogram size (default 10,000 keys). */
  constructor(maxDistinct = DEFAULT_MAX_DISTINCT_DIFFS) {
    this.maxDistinct = Math.max(1, Math.floor(maxDistinct));
  }

  /** Adds one difference between consecutive times; NaN (a missing time) is ignored. */
  push(diff: number): void {
    if (diff !== diff) return;
    this.total++;
    if (diff <= 0) {
      this.nonPositiveCount++;
      return;
    }
    if (diff === this.runDiff) {
      this.runLength++;
      return;
    }
    this.flushRun();
    this.runDiff = diff;
    this.runLength = 1;
  }

  /** The most common positive difference and its share of all differences. */
  result(): IntervalResult {
    this.flushRun();
    let interval: number | null = null;
    let best = 0;
    for (const [diff, count] of this.counts) {
      if (count > best || (count === best && interval !== null && diff < interval)) {
        best = count;
        interval = diff;
      }
    }
    return { interval, regularity: interval === null ? null : best / this.total };
  }

  /** Number of differences pushed (NaN excluded). */
  get count(): number {
    return this.total;
  }

  /** Differences that were zero or negative: duplicate or out-of-order times. */
  get nonPositive(): number {
    return this.nonPositiveCount;
  }

  /** Positive differences that did not fit in the capped histogram. */
  get uncounted(): number {
    this.flushRun();
    return this.other;
  }

  /** Number of distinct differences held in the histogram (at most the cap). */
  get distinct(): number {
    this.flushRun();
    return this.counts.size;
  }

  /** Moves the pending run of equal differences into the histogram. */
  private flushRun(): void {
    if (this.runLength === 0) return;
    const known = this.counts.get(this.runDiff);
    if (known !== undefined) this.counts.set(this.runDiff, known + this.runLength);
    else if (this.counts.size < this.maxDistinct) this.counts.set(this.runDiff, this.runLength);
    else this.other += this.runLength;
    this.runLength = 0;
  }
}

/** Whether a step between consecutive times is a gap: longer than 1.5 times the interval. */
export function isGap(diff: number, interval: number | null): boolean {
  return interval !== null && interval > 0 && diff > 1.5 * interval;
}
