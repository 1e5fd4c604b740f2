import type { TimeGap } from '../../shared/dataset';
import { UserError, fmtInt } from '../../shared/errors';
import { formatTimestamp } from '../../shared/import/values';
import { IntervalDetector, isGap } from '../../shared/stats/interval';
import type { SeriesChunks } from '../store/series-chunks';

/** Values per stored chunk of one column (64 KB of float64). */
export const CHUNK_VALUES = 8192;
/** Buffered values across all entities before everything is flushed, so memory stays flat (~32 MB). */
const BUFFER_BUDGET = 4_000_000;
const LARGEST_GAPS = 20;
/** A step back in time of 30 min to 2 h is a clock set back (daylight saving), not disorder. */
const MIN_SETBACK_MS = 30 * 60_000;
const MAX_SETBACK_MS = 2 * 3600_000;
/** Clock set-backs accepted per entity before its rows are treated as unordered and sorted. */
const MAX_SETBACKS = 10;

/** One entity (asset, unit or sequence) being written. */
export interface EntityState {
  idx: number;
  name: string;
  label: string | null;
  length: number;
  gaps: number;
  /** Earliest and latest time (Infinity and -Infinity before the first; numbers, so updating them allocates nothing). */
  start: number;
  end: number;
  sorted: boolean;
  setbacks: number;
  lastTime: number;
  lastLine: number;
  fill: number;
  chunk: number;
  cols: Float64Array[];
  /** The line of each row in file order (kept only when repeated times are skipped, see onRepeat). */
  lines: Uint32Array | null;
}

/**
 * Buffers decoded rows per entity and writes them as columnar chunks. Checks that each entity's
 * times are unique, notes entities that arrive out of order (sorted at the end) and feeds the
 * sampling-interval detector. Memory is bounded by BUFFER_BUDGET, not by file size.
 */
export class SeriesWriter {
  readonly entities: EntityState[] = [];
  readonly interval = new IntervalDetector();
  /** Notes for the user about accepted oddities (clock set-backs). */
  readonly warnings: string[] = [];
  private readonly byName = new Map<string, EntityState>();
  private buffered = 0;

  private readonly columnCount: number;
  private readonly timeIndex: number;
  private readonly timeIsDate: boolean;
  private readonly timeColumnName: string;
  private readonly hasEntities: boolean;
  private readonly onRepeat: ((line: number, err: UserError) => boolean) | null;
  /** Rows left out after they were appended (repeated times of a sorted entity, see onRepeat). */
  dropped = 0;

  /**
   * `onRepeat`, when given, is asked about a time repeated within an entity whose rows were out of
   * order (found only when the entity is sorted, after its rows were appended): true keeps the
   * refusal, false leaves out the later row in file order. The writer then keeps each row's line
   * (4 bytes a row) to name it.
   */
  constructor(
    private readonly chunks: SeriesChunks,
    o: { columnCount: number; timeIndex: number; timeIsDate: boolean; timeColumnName: string; hasEntities: boolean; onRepeat?: (line: number, err: UserError) => boolean },
  ) {
    this.onRepeat = o.onRepeat ?? null;
    this.columnCount = o.columnCount;
    this.timeIndex = o.timeIndex;
    this.timeIsDate = o.timeIsDate;
    this.timeColumnName = o.timeColumnName;
    this.hasEntities = o.hasEntities;
  }

  /** Finds or creates the entity with this name. */
  entity(name: string, label: string | null = null): EntityState {
    let e = this.byName.get(name);
    if (!e) {
      e = { idx: this.entities.length, name, label, length: 0, gaps: 0, start: Infinity, end: -Infinity, sorted: true, setbacks: 0, lastTime: NaN, lastLine: 0, fill: 0, chunk: 0, cols: [], lines: this.onRepeat && this.timeIndex >= 0 ? new Uint32Array(64) : null };
      for (let c = 0; c < this.columnCount; c++) e.cols.push(new Float64Array(64));
      this.entities.push(e);
      this.byName.set(name, e);
    }
    return e;
  }

  /** Appends row r of decoded columns (one array per stored column, as in a RowBatch) to an entity. */
  append(e: EntityState, cols: readonly Float64Array[], r: number, line: number): void {
    if (this.timeIndex >= 0) this.checkTime(e, cols[this.timeIndex], r, line);
    if (e.fill === e.cols[0].length) this.makeRoom(e);
    const fill = e.fill;
    const to = e.cols;
    for (let c = 0, n = this.columnCount; c < n; c++) to[c][fill] = cols[c][r];
    e.fill = fill + 1;
    if (e.lines) {
      if (e.length === e.lines.length) {
        const more = new Uint32Array(e.lines.length * 2);
        more.set(e.lines);
        e.lines = more;
      }
      e.lines[e.length] = line;
    }
    e.length++;
    if (++this.buffered >= BUFFER_BUDGET) this.flushAll();
  }

  /** Writes a whole sequence (wide format: one row of the file) as one entity of a single column. */
  appendSequence(name: string, label: string | null, values: Float64Array): void {
    const e = this.entity(name, label);
    for (let at = 0; at < values.length; at += CHUNK_VALUES) {
      this.chunks.write(e.idx, 0, e.chunk++, values.subarray(at, at + CHUNK_VALUES));
    }
    e.length = values.length;
    e.cols = [];
  }

  /** Flushes every buffer, sorts entities that arrived out of order and counts gaps. */
  finish(): void {
    this.flushAll();
    if (this.timeIndex < 0) return;
    for (const e of this.entities) if (!e.sorted) this.sortEntity(e);
  }

  /** Counts gaps (steps longer than 1.5 x the interval) per entity, streaming each time column. */
  gaps(interval: number | null): { count: number; largest: TimeGap[] } {
    const largest: TimeGap[] = [];
    let count = 0;
    if (this.timeIndex < 0 || interval === null) return { count, largest };
    for (const e of this.entities) {
      let prev = NaN;
      for (const chunk of this.chunks.chunks(e.idx, this.timeIndex)) {
        for (let i = 0; i < chunk.length; i++) {
          const t = chunk[i];
          if (isGap(t - prev, interval)) {
            e.gaps++;
            count++;
            pushLargest(largest, { entity: e.name, from: prev, to: t, length: t - prev });
          }
          prev = t;
        }
      }
    }
    return { count, largest };
  }

  /** Checks time times[r] of a row of `line` (read here: a double passed to a call may be boxed). */
  private checkTime(e: EntityState, times: Float64Array, r: number, line: number): void {
    const t = times[r];
    if (e.length > 0) {
      if (t === e.lastTime) this.duplicate(e, t, `lines ${fmtInt(e.lastLine)} and ${fmtInt(line)}`);
      if (t < e.lastTime) this.stepBack(e, t, line);
      else if (e.sorted) this.interval.push(t - e.lastTime);
    }
    e.lastTime = t;
    e.lastLine = line;
    if (t < e.start) e.start = t;
    if (t > e.end) e.end = t;
  }

  /**
   * A short step back in calendar time is a clock set back, as when a logger writes local time at the
   * end of daylight saving: the rows stay in file order (repeated times allowed) and the user is told.
   * Anything else means the rows are not in time order: the entity is sorted at the end.
   */
  private stepBack(e: EntityState, t: number, line: number): void {
    const back = e.lastTime - t;
    if (e.sorted && this.timeIsDate && back >= MIN_SETBACK_MS && back <= MAX_SETBACK_MS && e.setbacks < MAX_SETBACKS) {
      e.setbacks++;
      const who = this.hasEntities ? ` of entity \`${e.name}\`` : '';
      this.warnings.push(
        `Line ${fmtInt(line)}: the clock${who} goes back from ${formatTimestamp(e.lastTime)} to ${formatTimestamp(t)} (as at a daylight-saving change). Rows were kept in file order.`,
      );
      return;
    }
    e.sorted = false;
  }

  private duplicate(e: EntityState, t: number, where: string): never {
    throw this.duplicateError(e, t, where);
  }

  private duplicateError(e: EntityState, t: number, where: string): UserError {
    const when = this.timeIsDate ? formatTimestamp(t) : String(t);
    const who = this.hasEntities ? ` for entity \`${e.name}\`` : '';
    return new UserError(
      `Column \`${this.timeColumnName}\`: the time ${when} appears twice${who} (${where}). Each time may appear once per entity: remove the duplicate rows, or choose the entity column if several assets share the file.`,
    );
  }

  /** Grows a small buffer (short series stay small) or flushes a full chunk. */
  private makeRoom(e: EntityState): void {
    const size = e.cols[0].length;
    if (size < CHUNK_VALUES) {
      e.cols = e.cols.map((c) => {
        const bigger = new Float64Array(Math.min(size * 4, CHUNK_VALUES));
        bigger.set(c);
        return bigger;
      });
    } else this.flush(e);
  }

  private flush(e: EntityState): void {
    if (e.fill === 0) return;
    for (let c = 0; c < this.columnCount; c++) this.chunks.write(e.idx, c, e.chunk, e.cols[c].subarray(0, e.fill));
    e.chunk++;
    this.buffered -= e.fill;
    e.fill = 0;
  }

  private flushAll(): void {
    for (const e of this.entities) this.flush(e);
    this.buffered = 0;
  }

  /** Reads an out-of-order entity back, sorts its rows by time, checks for duplicates and rewrites it. */
  private sortEntity(e: EntityState): void {
    const cols = Array.from({ length: this.columnCount }, (_, c) => this.chunks.readColumn(e.idx, c, e.length));
    const time = cols[this.timeIndex];
    let order = new Uint32Array(e.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    // By time, then file order: of two rows with one time, the later one is the repeat.
    order.sort((a, b) => time[a] - time[b] || a - b);
    let kept = 1;
    for (let i = 1; i < order.length; i++) {
      const d = time[order[i]] - time[order[kept - 1]];
      if (d === 0) {
        const lines = e.lines;
        const where = lines ? `lines ${fmtInt(lines[order[kept - 1]])} and ${fmtInt(lines[order[i]])}` : 'rows out of time order';
        const err = this.duplicateError(e, time[order[i]], where);
        if (!lines || !this.onRepeat || this.onRepeat(lines[order[i]], err)) throw err;
        continue;
      }
      this.interval.push(d);
      order[kept++] = order[i];
    }
    if (order.length > 0 && kept < order.length) {
      this.dropped += order.length - kept;
      order = order.subarray(0, kept);
      e.length = kept;
    }
    this.chunks.deleteEntity(e.idx);
    const sorted = new Float64Array(e.length);
    e.chunk = 0;
    for (let at = 0; at < e.length; at += CHUNK_VALUES) {
      const end = Math.min(at + CHUNK_VALUES, e.length);
      for (let c = 0; c < this.columnCount; c++) {
        const src = cols[c];
        for (let i = at; i < end; i++) sorted[i] = src[order[i]];
        this.chunks.write(e.idx, c, e.chunk, sorted.subarray(at, end));
      }
      e.chunk++;
    }
    e.sorted = true;
    e.lines = null;
  }
}

function pushLargest(list: TimeGap[], gap: TimeGap): void {
  if (list.length === LARGEST_GAPS && gap.length <= list[list.length - 1].length) return;
  list.push(gap);
  list.sort((a, b) => b.length - a.length);
  if (list.length > LARGEST_GAPS) list.pop();
}
