import { ENTITY_FIELD, SKIP_FIELD, type RecordDecoder } from './record-decoder';
import type { ByteLineHook } from './delimited-parser';
import { compileFields, ENTITY, NUMBER, OTHER, SKIP, TIME_NUMBER, TIME_TEXT, type CompiledFields } from './compiled-fields';
import { readCommonTimestampAt, readSimpleNumber } from './values';

/** Decoded rows waiting to be stored, column by column: values, entity numbers and line numbers. */
export interface RowBatch {
  n: number;
  readonly capacity: number;
  /** One array per stored column (RecordDecoder.stored), `capacity` long. */
  readonly cols: Float64Array[];
  /** Per row: the entity's number, an index into ByteLineDecoder.keys. */
  readonly entity: Int32Array;
  readonly line: Float64Array;
}

/** Turns text bytes b[from, to) into a string, in the file's encoding. */
export type BytesToText = (b: Uint8Array, from: number, to: number) => string;

/**
 * The importer's fast path for the lines of a long-format delimited file in an ASCII-compatible
 * encoding (UTF-8, Windows-1252): reads a line's bytes straight into a RowBatch without making
 * strings. Plain decimals and common timestamps are read from the bytes (readSimpleNumber,
 * readCommonTimestampAt); entities are found by their bytes; any other value is turned into text
 * and goes through RecordDecoder.field, so every value is the general path's to the last bit. A line
 * it cannot take (ragged, a bad value, an empty entity) is left to the general path, which reports it.
 */
export class ByteLineDecoder {
  /** The batch rows go to (the caller may swap in an empty one, see newBatch). */
  batch: RowBatch;
  /** Entity keys by number, in order of first appearance ('' when the file has no entity column). */
  readonly keys: string[] = [];
  private readonly kinds: Uint8Array;
  private readonly targets: Int32Array;
  /** decodeFields compiled for this file's plan (compiled-fields.ts); null where eval is forbidden. */
  private readonly compiled: CompiledFields | null;
  private readonly delimiter: number;
  private readonly decimal: number;
  private readonly timeScale: number;
  /** Entity number by the hash of its key's bytes (the first key with that hash). */
  private readonly byHash = new Map<number, number>();
  private readonly keyBytes: Uint8Array[] = [];
  private readonly byKey = new Map<string, number>();
  /** Per entity: the entity of the row that followed it last time. */
  private readonly following: number[] = [];
  private lastEntity = -1;
  /** Where the field read last ended (entityAt). */
  end = 0;

  /** A row decoded by the general path, before it goes to the batch. */
  private readonly row: Float64Array;

  /**
   * `capacity`: rows per batch; `shared`: the batch in shared memory (see newBatch); `compile` false
   * keeps the loop (tests compare the two).
   */
  constructor(
    private readonly rec: RecordDecoder,
    delimiter: string,
    private readonly text: BytesToText,
    { capacity = 4096, shared = false, compile = true }: { capacity?: number; shared?: boolean; compile?: boolean } = {},
  ) {
    const width = rec.width;
    this.delimiter = delimiter.charCodeAt(0);
    // A decimal separator that is also the delimiter never occurs inside a field (split() semantics).
    this.decimal = rec.decimalCode === this.delimiter ? -1 : rec.decimalCode;
    this.timeScale = rec.timeScale;
    this.kinds = new Uint8Array(width);
    this.targets = new Int32Array(width);
    for (let f = 0; f < width; f++) {
      const j = rec.fieldPlan[f];
      this.targets[f] = j;
      if (j === SKIP_FIELD) this.kinds[f] = SKIP;
      else if (j === ENTITY_FIELD) this.kinds[f] = ENTITY;
      else if (j === rec.timeIndex) this.kinds[f] = rec.textTime ? TIME_TEXT : TIME_NUMBER;
      else this.kinds[f] = rec.stored[j].type === 'number' ? NUMBER : OTHER;
    }
    this.compiled = compile ? compileFields({ kinds: this.kinds, targets: this.targets, delimiter: this.delimiter, decimal: this.decimal, timeScale: this.timeScale, timeMin: rec.timeMin, timeMax: rec.timeMax }) : null;
    if (rec.entitySource < 0) this.lastEntity = this.entityNumber(''); // every row is entity 0
    this.row = new Float64Array(rec.stored.length);
    this.batch = newBatch(rec.stored.length, capacity, shared);
  }

  /**
   * Decodes a record split by the general path (RecordDecoder.decode, which throws a UserError naming
   * the line for a bad value) into the next row of the batch; the caller empties a full batch.
   */
  addRecord(fields: string[], line: number): void {
    const key = this.rec.decode(fields, line, this.row);
    const batch = this.batch;
    const r = batch.n;
    for (let j = 0; j < this.row.length; j++) batch.cols[j][r] = this.row[j];
    batch.entity[r] = this.entityNumber(key);
    batch.line[r] = line;
    batch.n = r + 1;
  }

  /** The record stream's hook for lines read from their bytes: decode() each, then `onFull` when the batch is full. */
  hook(onFull: () => void): ByteLineHook {
    return (b, from, to, line) => {
      if (!this.decode(b, from, to, line)) return false;
      if (this.batch.n === this.batch.capacity) onFull();
      return true;
    };
  }

  /**
   * Decodes the line b[from, to) (no line break, not blank) into the next row of the batch; false
   * (and the batch unchanged) when the general path must take the line. The caller empties a full batch.
   */
  decode(b: Uint8Array, from: number, to: number, line: number): boolean {
    // Two lines joined by a lone CR (DelimitedParser splits them when this declines) have too many
    // fields, except in a file of one column: there the CR is looked for.
    if (this.kinds.length === 1 && b.subarray(from, to).includes(13)) return false;
    try {
      return this.compiled === null ? this.decodeFields(b, from, to, line) : this.compiled(b, from, to, line);
    } catch {
      return false; // the general path reports it, naming what comes first (a ragged row, then the value)
    }
  }

  /** The loop compileFields unrolls: reads the fields of b[from, to) into the next row of the batch. */
  private decodeFields(b: Uint8Array, from: number, to: number, line: number): boolean {
    const batch = this.batch;
    const r = batch.n;
    const cols = batch.cols;
    const kinds = this.kinds;
    const last = kinds.length - 1;
    const d = this.delimiter;
    let entity = this.lastEntity;
    let a = from;
    for (let f = 0; f <= last; f++) {
      const kind = kinds[f];
      // Values go straight into their column (a double returned from a call would be boxed).
      const col = kind >= NUMBER ? cols[this.targets[f]] : null;
      let e: number;
      if (kind === NUMBER || kind === TIME_NUMBER) e = readSimpleNumber(b, a, to, d, this.decimal, col!, r);
      else if (kind === TIME_TEXT) {
        // Common timestamps are 19 or 20 characters long: look there for the field's end first.
        if (a + 19 < to && b[a + 19] === d) e = a + 19;
        else if ((a + 20 < to && b[a + 20] === d) || a + 20 === to) e = a + 20;
        else e = a + 19;
        if (e > to || (e < to && b[e] !== d)) e = this.fieldEnd(b, a, to);
        readCommonTimestampAt(b, a, e, col!, r);
        if (col![r] !== col![r]) e = this.fieldEnd(b, a, to); // a shorter field may have been read past its end
      } else if (kind === ENTITY) {
        entity = this.entityAt(b, a, to, line);
        if (entity < 0) return false;
        e = this.end;
      } else {
        e = this.fieldEnd(b, a, to);
        if (col) col[r] = NaN; // OTHER: read as text below
      }
      if ((e === to) !== (f === last)) return false; // too few or too many fields
      if (col) {
        if (kind === TIME_NUMBER) {
          col[r] *= this.timeScale;
          if (!(col[r] >= this.rec.timeMin && col[r] < this.rec.timeMax)) col[r] = NaN; // the general path reports it
        }
        if (col[r] !== col[r]) col[r] = this.rec.field(this.targets[f], this.text(b, a, e), line);
      }
      a = e + 1;
    }
    batch.entity[r] = entity;
    batch.line[r] = line;
    batch.n = r + 1;
    return true;
  }

  /** Where the field that starts at `a` ends: the next delimiter, or `to`. */
  private fieldEnd(b: Uint8Array, a: number, to: number): number {
    const d = this.delimiter;
    let e = a;
    while (e < to && b[e] !== d) e++;
    return e;
  }

  /**
   * The number of the entity whose key starts at `a` (its end in this.end); -1 when it is empty (the
   * general path reports it). Rows usually follow the order of the rows before them (grouped by
   * entity, or assets in turn), so the entity that followed the previous row's last time is tried first.
   */
  private entityAt(b: Uint8Array, a: number, to: number, line: number): number {
    const d = this.delimiter;
    const prev = this.lastEntity;
    if (prev >= 0) {
      const guess = this.following[prev];
      if (guess >= 0 && this.isKeyAt(guess, b, a, to, d)) return (this.lastEntity = guess);
      if (this.isKeyAt(prev, b, a, to, d)) return prev;
    }
    const e = this.fieldEnd(b, a, to);
    this.end = e;
    const id = this.lookUp(b, a, e, line);
    if (prev >= 0 && id >= 0) this.following[prev] = id;
    if (id >= 0) this.lastEntity = id;
    return id;
  }

  /** Whether entity `id`'s key bytes are the whole field at `a` (then this.end is its end). */
  private isKeyAt(id: number, b: Uint8Array, a: number, to: number, d: number): boolean {
    const key = this.keyBytes[id];
    const n = key.length;
    const e = a + n;
    if (n === 0 || e > to || (e < to && b[e] !== d)) return false;
    for (let i = 0; i < n; i++) if (key[i] !== b[a + i]) return false;
    this.end = e;
    return true;
  }

  private lookUp(b: Uint8Array, a: number, e: number, line: number): number {
    // The same bytes are the same text: a key seen before is found by its bytes.
    let h = 0x811c9dc5;
    for (let i = a; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const known = this.byHash.get(h);
    if (known !== undefined && sameBytes(this.keyBytes[known], b, a, e)) return known;
    const text = this.text(b, a, e);
    if (text.trim().length === 0 || text.includes('\r')) return -1; // a CR: two lines joined (see decode)
    const id = this.entityNumber(this.rec.entityKey(text, line));
    if (known === undefined) {
      this.byHash.set(h, id);
      this.keyBytes[id] = new Uint8Array(b.subarray(a, e)); // a copy: the chunk is reused
    }
    return id;
  }

  /** The number of the entity with this (trimmed) key, given one if it is new: for rows of the general path. */
  entityNumber(key: string): number {
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.keyBytes.push(EMPTY);
      this.following.push(-1);
      this.byKey.set(key, id);
    }
    return id;
  }
}

/**
 * An empty batch of `capacity` rows of `columns` stored columns; `shared` puts it in shared memory, to
 * be handed between threads without a transfer (a transfer detaches the sender's buffers, and the
 * first detach in a thread throws away all of its optimised typed-array code).
 */
export function newBatch(columns: number, capacity: number, shared = false): RowBatch {
  const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return batchOf(
    Array.from({ length: columns }, () => new Float64Array(memory(capacity * 8))),
    new Int32Array(memory(capacity * 4)),
    new Float64Array(memory(capacity * 8)),
  );
}

/**
 * An empty batch over these arrays, e.g. those of a batch that came back from another thread: a
 * structured clone has another hidden class, which would make the decoder's hot loop polymorphic.
 */
export function batchOf(cols: readonly Float64Array[], entity: Int32Array, line: Float64Array): RowBatch {
  return { n: 0, capacity: entity.length, cols: [...cols], entity, line };
}

const EMPTY = new Uint8Array(0);

/** Whether key is b[a, e) (and not empty). */
function sameBytes(key: Uint8Array, b: Uint8Array, a: number, e: number): boolean {
  const n = key.length;
  if (n !== e - a || n === 0) return false;
  for (let i = 0; i < n; i++) if (key[i] !== b[a + i]) return false;
  return true;
}
