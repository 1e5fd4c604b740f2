import type { ColumnRole, ColumnType } from '../dataset';
import { UserError, fmtInt } from '../errors';
import type { SniffResult } from './sniff';
import { isMissing, parseCommonTimestampAt, parseNumber, parseSimpleNumber, parseTimestamp } from './values';

/** A column as it is stored: its name, role, type and where its values come from in each record. */
export interface StoredColumn {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  /** Field index in the record. */
  source: number;
}

const SKIP = -1;
const ENTITY = -2;

/** Distinct text values a category column may hold before it is treated as a mistake. */
export const MAX_CATEGORIES = 10_000;

/**
 * Turns text records into numbers for storage, with errors that name the line, the column, the bad
 * value and what to do. Categories become integer codes; missing values become NaN.
 */
export class RecordDecoder {
  readonly stored: StoredColumn[];
  /** Index of the time column among the stored columns, or -1. */
  readonly timeIndex: number;
  /** Field index of the entity column, or -1. */
  readonly entitySource: number;
  /** Field index of the sequence label (wide format), or -1. */
  readonly labelSource: number;
  /** Category dictionaries by stored column index. */
  readonly categories: Map<string, number>[];
  readonly width: number;
  private readonly names: string[];
  private readonly decimal: '.' | ',';
  private readonly timeScale: number;
  private readonly textTime: boolean;
  /** Per field of a record: what decodeLine does with it (stored column index, or an ENTITY/SKIP mark). */
  private readonly fieldPlan: Int32Array;

  constructor(private readonly sniffed: SniffResult) {
    const o = sniffed.options;
    this.names = o.columns;
    this.width = o.columns.length;
    this.decimal = o.decimal;
    this.textTime = sniffed.timeUnit === 'text';
    this.timeScale = sniffed.timeUnit === 'epoch-s' ? 1000 : 1;
    this.entitySource = o.entityColumn ? o.columns.indexOf(o.entityColumn) : -1;
    this.labelSource = o.labelColumn ? o.columns.indexOf(o.labelColumn) : -1;
    if (o.format === 'wide') {
      this.stored = [{ name: 'value', role: 'feature', type: 'number', source: -1 }];
    } else {
      this.stored = o.columns
        .map((name, source): StoredColumn => ({
          name,
          source,
          type: sniffed.columnTypes[source],
          role: name === o.timeColumn ? 'time' : name === o.labelColumn ? 'label' : 'feature',
        }))
        .filter((c) => c.source !== this.entitySource);
    }
    this.timeIndex = this.stored.findIndex((c) => c.role === 'time');
    this.categories = this.stored.map(() => new Map());
    this.fieldPlan = new Int32Array(this.width).fill(SKIP);
    if (o.format !== 'wide') this.stored.forEach((c, j) => (this.fieldPlan[c.source] = j));
    if (this.entitySource >= 0) this.fieldPlan[this.entitySource] = ENTITY;
  }

  /**
   * The fast path of decode() for one line s[from, to) of a delimited file that has no quotes: fields
   * are found with indexOf and plain numbers and common timestamps are read without slicing them; any
   * other value goes through the same code as decode(), so results are decode()'s. Returns the entity
   * key, or null when the line needs the general path (a ragged row or a bad value: decode() reports it).
   */
  decodeLine(s: string, from: number, to: number, delimiter: string, line: number, out: Float64Array): string | null {
    try {
      return this.fastLine(s, from, to, delimiter, line, out);
    } catch {
      return null; // the general path reports it, naming what comes first (a ragged row, then the value)
    }
  }

  private fastLine(s: string, from: number, to: number, delimiter: string, line: number, out: Float64Array): string | null {
    const decimal = this.decimal.charCodeAt(0);
    let key = '';
    let a = from;
    for (let f = 0; f < this.width; f++) {
      let b = s.indexOf(delimiter, a);
      if (b === -1 || b > to) {
        if (f !== this.width - 1) return null;
        b = to;
      } else if (f === this.width - 1) return null;
      const j = this.fieldPlan[f];
      if (j === ENTITY) key = this.entityKey(s.slice(a, b), line);
      else if (j >= 0) {
        let v = NaN;
        if (j === this.timeIndex) v = this.textTime ? parseCommonTimestampAt(s, a, b) : parseSimpleNumber(s, a, b, decimal) * this.timeScale;
        else if (this.stored[j].type === 'number') v = parseSimpleNumber(s, a, b, decimal);
        out[j] = v === v ? v : this.field(j, s.slice(a, b), line);
      }
      a = b + 1;
    }
    return key;
  }

  /** Decodes a long-format record into `out` (one value per stored column); returns the entity key. */
  decode(fields: string[], line: number, out: Float64Array): string {
    if (fields.length !== this.width) this.raggedRow(fields.length, line);
    for (let j = 0; j < this.stored.length; j++) out[j] = this.field(j, fields[this.stored[j].source], line);
    return this.entitySource < 0 ? '' : this.entityKey(fields[this.entitySource], line);
  }

  /** The stored value of text `s` for stored column j. */
  private field(j: number, s: string, line: number): number {
    const col = this.stored[j];
    if (j === this.timeIndex) return this.time(s, line, col.name);
    if (col.type === 'number') return this.number(s, line, col.name);
    return isMissing(s) ? NaN : this.code(j, s.trim(), line, col.name);
  }

  private entityKey(s: string, line: number): string {
    const key = s.trim();
    if (key.length === 0) {
      throw new UserError(`Line ${fmtInt(line)}, column \`${this.names[this.entitySource]}\`: the entity (asset) is empty. Every row needs one: fill it in or choose another entity column.`);
    }
    return key;
  }

  /** Decodes a wide-format record: the label and the sequence's values (trailing missing values trimmed). */
  decodeSequence(fields: string[], line: number): { label: string | null; values: Float64Array } {
    const values: number[] = [];
    for (let c = 0; c < fields.length; c++) {
      if (c === this.labelSource) continue;
      values.push(this.number(fields[c], line, this.names[c] ?? `c${c + 1}`));
    }
    let n = values.length;
    while (n > 0 && Number.isNaN(values[n - 1])) n--;
    if (n === 0) throw new UserError(`Line ${fmtInt(line)}: the sequence has no values. Remove the line or fill it in.`);
    const label = this.labelSource >= 0 ? (fields[this.labelSource] ?? '').trim() : null;
    if (this.labelSource >= 0 && !label) {
      throw new UserError(`Line ${fmtInt(line)}, column \`${this.names[this.labelSource]}\`: the label is empty. Every sequence needs a class label.`);
    }
    return { label, values: Float64Array.from(values.slice(0, n)) };
  }

  private number(s: string | undefined, line: number, column: string): number {
    if (s === undefined) return NaN;
    const v = parseNumber(s, this.decimal);
    if (v === v) return v;
    if (isMissing(s)) return NaN;
    const hint = this.decimal === '.' && /^[+-]?\d+,\d+$/.test(s.trim()) ? ' It looks like a decimal comma: import with decimal ",".' : '';
    throw new UserError(`Line ${fmtInt(line)}, column \`${column}\`: '${clip(s)}' is not a number.${hint} Fix the value, or leave it empty (or NA) to mark it missing.`);
  }

  private time(s: string, line: number, column: string): number {
    if (isMissing(s)) {
      throw new UserError(`Line ${fmtInt(line)}, column \`${column}\`: the time is empty. Every row needs a time: fill it in, remove the row, or import without a time column.`);
    }
    const v = this.textTime ? parseTimestamp(s) : parseNumber(s, this.decimal) * this.timeScale;
    if (Number.isNaN(v)) {
      const expected = this.textTime ? 'a date/time (ISO 8601 such as 2024-01-31T12:00:00Z, or YYYY-MM-DD HH:mm:ss)' : 'a number (epoch seconds or milliseconds, or a step count)';
      throw new UserError(`Line ${fmtInt(line)}, column \`${column}\`: '${clip(s)}' is not ${expected}. Fix the value or choose another time column.`);
    }
    return v;
  }

  private code(j: number, s: string, line: number, column: string): number {
    const dict = this.categories[j];
    let code = dict.get(s);
    if (code === undefined) {
      if (dict.size >= MAX_CATEGORIES) {
        throw new UserError(`Line ${fmtInt(line)}, column \`${column}\`: more than ${fmtInt(MAX_CATEGORIES)} distinct text values. If it is an asset id, choose it as the entity column; if it should be numeric, fix values such as '${clip(s)}'.`);
      }
      code = dict.size;
      dict.set(s, code);
    }
    return code;
  }

  private raggedRow(n: number, line: number): never {
    const o = this.sniffed.options;
    const sep = o.delimiter === '\t' ? 'tab' : o.delimiter === 'whitespace' ? 'space' : `"${o.delimiter ?? ','}"`;
    throw new UserError(
      `Line ${fmtInt(line)} has ${n} field${n === 1 ? '' : 's'} but the file has ${this.width} columns (${this.names.join(', ')}). Check that line for a missing or extra ${sep}, or a ${sep} inside an unquoted value.`,
    );
  }
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}
