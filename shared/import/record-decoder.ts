import type { ColumnRole, ColumnType } from '../dataset';
import { UserError, clip, fmtInt, listNames } from '../errors';
import { MAX_SEQUENCE_VALUES, type SniffResult } from './sniff';
import { DATE_RANGE_MS, formatTimestamp, isMissing, isNonFinite, parseNumber, parseTimestamp } from './values';

/** A column as it is stored: its name, role, type and where its values come from in each record. */
export interface StoredColumn {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  /** Field index in the record. */
  source: number;
}

/** fieldPlan marks: a field that is not stored, and the entity field. */
export const SKIP_FIELD = -1;
export const ENTITY_FIELD = -2;

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
  /** Per field of a record: its stored column index, or ENTITY_FIELD / SKIP_FIELD. */
  readonly fieldPlan: Int32Array;
  /** The decimal separator's char code. */
  readonly decimalCode: number;
  /** Whether the time column holds text timestamps (else numbers, times timeScale). */
  readonly textTime: boolean;
  /** Factor from the file's numeric times to stored ones (1000 for epoch seconds). */
  readonly timeScale: number;
  /** Stored times must fall in [timeMin, timeMax): the years 1900-2200 for dates, anything for a step index. */
  readonly timeMin: number;
  readonly timeMax: number;
  /** Non-finite numbers (Inf, 1e999) read as missing: how many, and the first one's line and column. */
  readonly nonFinite = { count: 0, line: 0, column: '' };

  constructor(private readonly sniffed: SniffResult) {
    const o = sniffed.options;
    this.names = o.columns;
    this.width = o.columns.length;
    this.decimal = o.decimal;
    this.decimalCode = o.decimal.charCodeAt(0);
    this.textTime = sniffed.timeUnit === 'text';
    this.timeScale = sniffed.timeUnit === 'epoch-s' ? 1000 : 1;
    const dates = this.textTime || sniffed.timeUnit === 'epoch-s' || sniffed.timeUnit === 'epoch-ms';
    [this.timeMin, this.timeMax] = dates ? DATE_RANGE_MS : [-Infinity, Infinity];
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
    this.fieldPlan = new Int32Array(this.width).fill(SKIP_FIELD);
    if (o.format !== 'wide') this.stored.forEach((c, j) => (this.fieldPlan[c.source] = j));
    if (this.entitySource >= 0) this.fieldPlan[this.entitySource] = ENTITY_FIELD;
  }

  /** Decodes a long-format record into `out` (one value per stored column); returns the entity key. */
  decode(fields: string[], line: number, out: Float64Array): string {
    if (fields.length !== this.width) this.raggedRow(fields.length, line);
    for (let j = 0; j < this.stored.length; j++) out[j] = this.field(j, fields[this.stored[j].source], line);
    return this.entitySource < 0 ? '' : this.entityKey(fields[this.entitySource], line);
  }

  /** The stored value of text `s` for stored column j; throws a UserError naming the line for a bad value. */
  field(j: number, s: string, line: number): number {
    const col = this.stored[j];
    if (j === this.timeIndex) return this.time(s, line, col.name);
    if (col.type === 'number') return this.number(s, line, col.name);
    return isMissing(s) ? NaN : this.code(j, s.trim(), line, col.name);
  }

  /** The entity key of text `s` (trimmed); throws a UserError naming the line when it is empty. */
  entityKey(s: string, line: number): string {
    const key = s.trim();
    if (key.length === 0) {
      throw new UserError(`Line ${fmtInt(line)}, column \`${clip(this.names[this.entitySource], 40)}\`: the entity (asset) is empty. Every row needs one: fill it in or choose another entity column.`);
    }
    return key;
  }

  /** Decodes a wide-format record: the label and the sequence's values (trailing missing values trimmed). */
  decodeSequence(fields: string[], line: number): { label: string | null; values: Float64Array } {
    if (fields.length > MAX_SEQUENCE_VALUES + 1) {
      throw new UserError(`Line ${fmtInt(line)} holds ${fmtInt(fields.length)} values; a sequence may have at most ${fmtInt(MAX_SEQUENCE_VALUES)}. Split it into shorter sequences.`);
    }
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
      throw new UserError(`Line ${fmtInt(line)}, column \`${clip(this.names[this.labelSource], 40)}\`: the label is empty. Every sequence needs a class label.`);
    }
    return { label, values: Float64Array.from(values.slice(0, n)) };
  }

  /** Counts the non-finite numbers another decoder of the same file met (a parse worker's). */
  addNonFinite(other: { count: number; line: number; column: string }): void {
    if (other.count === 0) return;
    if (this.nonFinite.count === 0 || other.line < this.nonFinite.line) Object.assign(this.nonFinite, { line: other.line, column: other.column });
    this.nonFinite.count += other.count;
  }

  /** The import's warning about non-finite numbers read as missing, or null when there were none. */
  nonFiniteWarning(): string | null {
    const n = this.nonFinite;
    if (n.count === 0) return null;
    return `${fmtInt(n.count)} non-finite number${n.count === 1 ? ' (Inf, -Inf or beyond ±1.8e308) was' : 's (Inf, -Inf or beyond ±1.8e308) were'} read as missing, the first at line ${fmtInt(n.line)}, column \`${n.column}\`.`;
  }

  private number(s: string | undefined, line: number, column: string): number {
    if (s === undefined) return NaN;
    const v = parseNumber(s, this.decimal);
    if (v === v) return v;
    if (isMissing(s)) return NaN;
    if (isNonFinite(s, this.decimal)) {
      if (this.nonFinite.count++ === 0 || line < this.nonFinite.line) Object.assign(this.nonFinite, { line, column });
      return NaN;
    }
    const hint = this.decimal === '.' && /^[+-]?\d+,\d+$/.test(s.trim()) ? ' It looks like a decimal comma: import with decimal ",".' : '';
    throw new UserError(`Line ${fmtInt(line)}, column \`${clip(column, 40)}\`: '${clip(s)}' is not a number.${hint} Fix the value, or leave it empty (or NA) to mark it missing.`);
  }

  private time(s: string, line: number, column: string): number {
    if (isMissing(s)) {
      throw new UserError(`Line ${fmtInt(line)}, column \`${clip(column, 40)}\`: the time is empty. Every row needs a time: fill it in, remove the row, or import without a time column.`);
    }
    const v = this.textTime ? parseTimestamp(s) : parseNumber(s, this.decimal) * this.timeScale;
    if (Number.isNaN(v)) {
      const expected = this.textTime ? 'a date/time (ISO 8601 such as 2024-01-31T12:00:00Z, or YYYY-MM-DD HH:mm:ss)' : 'a number (epoch seconds or milliseconds, or a step count)';
      throw new UserError(`Line ${fmtInt(line)}, column \`${clip(column, 40)}\`: '${clip(s)}' is not ${expected}. Fix the value or choose another time column.`);
    }
    if (!(v >= this.timeMin && v < this.timeMax)) {
      const read = this.textTime ? '' : ` (read as epoch ${this.timeScale === 1000 ? 'seconds' : 'milliseconds'}${Math.abs(v) < 8.64e15 ? `: ${formatTimestamp(v)}` : ''})`;
      throw new UserError(`Line ${fmtInt(line)}, column \`${clip(column, 40)}\`: '${clip(s)}'${read} is outside the years 1900-2200. Fix the value or choose another time column.`);
    }
    return v;
  }

  private code(j: number, s: string, line: number, column: string): number {
    const dict = this.categories[j];
    let code = dict.get(s);
    if (code === undefined) {
      if (dict.size >= MAX_CATEGORIES) {
        throw new UserError(`Line ${fmtInt(line)}, column \`${clip(column, 40)}\`: more than ${fmtInt(MAX_CATEGORIES)} distinct text values. If it is an asset id, choose it as the entity column; if it should be numeric, fix values such as '${clip(s)}'.`);
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
      `Line ${fmtInt(line)} has ${n} field${n === 1 ? '' : 's'} but the file has ${this.width} columns (${listNames(this.names)}). Check that line for a missing or extra ${sep}, or a ${sep} inside an unquoted value.`,
    );
  }
}
