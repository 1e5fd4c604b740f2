import type { RowBatch } from '../../shared/import/line-decoder';
import type { RunningStats } from '../../shared/stats/running-stats';
import type { EntityState, SeriesWriter } from './series-writer';

/** Name of the single series when a file has no entity column. */
export const SINGLE_ENTITY = 'all';

/** Runs `read` for a row of `line`; false when the row was skipped (a lenient import), else it throws. */
export type RowGuard = (line: number, read: () => void) => boolean;

/**
 * Stores the rows of a RowBatch in file order: each row goes to its entity in the SeriesWriter (which
 * checks its time), then the column profiles take the stored rows. A row the guard skips (a lenient
 * import) is left out of the profiles and the row count.
 */
export class RowStore {
  /** Rows stored so far. */
  rows = 0;
  private readonly entities: EntityState[] = [];

  constructor(
    private readonly writer: SeriesWriter,
    private readonly stats: RunningStats[],
    /** Entity keys by the batch's entity numbers ('' for the single entity). */
    private readonly keys: readonly string[],
    private readonly guard: RowGuard | null,
  ) {}

  /** Stores the batch's rows and empties it. */
  store(batch: RowBatch): void {
    const n = batch.n;
    if (n === 0) return;
    batch.n = 0;
    const { cols, entity, line } = batch;
    let skipped: Set<number> | null = null;
    for (let r = 0; r < n; r++) {
      const id = entity[r];
      const e = this.entities[id] ?? (this.entities[id] = this.writer.entity(this.keys[id] || SINGLE_ENTITY));
      if (this.guard === null) this.writer.append(e, cols, r, line[r]);
      else if (!this.guard(line[r], () => this.writer.append(e, cols, r, line[r]))) (skipped ??= new Set()).add(r);
    }
    const stats = this.stats;
    if (skipped === null) {
      for (let j = 0; j < stats.length; j++) stats[j].pushAll(cols[j], n);
      this.rows += n;
      return;
    }
    for (let r = 0; r < n; r++) if (!skipped.has(r)) for (let j = 0; j < stats.length; j++) stats[j].push(cols[j][r]);
    this.rows += n - skipped.size;
  }
}
