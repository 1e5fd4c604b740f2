import type { ColumnType, DatasetFormat, Delimiter, FileType, ImportOptions } from '../dataset';
import { UserError, clip, fmtInt, listNames } from '../errors';
import { parseDelimited } from './delimited-parser';
import { JsonArraySplitter, JsonLinesSplitter, jsonFieldText } from './json-records';
import { isMissing, isNonFinite, numericTimeUnit, parseNumber, parseTimestamp, type NumericTimeUnit } from './values';

/** Import options with every choice made (detected or given). */
export interface ResolvedImportOptions {
  name?: string;
  fileType: FileType;
  format: DatasetFormat;
  delimiter?: Delimiter;
  header: boolean;
  decimal: '.' | ',';
  /** Final column names, in file order. */
  columns: string[];
  timeColumn: string | null;
  entityColumn: string | null;
  labelColumn: string | null;
}

/** What the start of a file tells about how to read all of it. */
export interface SniffResult {
  options: ResolvedImportOptions;
  /** Value type of each column, from the sample. */
  columnTypes: ColumnType[];
  /** How the time column is read: timestamps as text, or numbers as epoch ms / s / a step index. */
  timeUnit: 'text' | NumericTimeUnit | null;
  /** Record keys in column order, for JSON files. */
  jsonKeys: string[] | null;
  sampleRows: string[][];
  notes: string[];
}

const SAMPLE_RECORDS = 500;
/** Most columns a long-format file (one row per time step) may have: each column gets its own state. */
export const MAX_COLUMNS = 10_000;
/** Most values a row of a wide file (one labelled sequence per row, UCR style) may hold. */
export const MAX_SEQUENCE_VALUES = 100_000;
const DELIMITER_CANDIDATES: Delimiter[] = ['\t', ';', '|', ','];
const TIME_NAMES = /^(time|timestamp|ts|date|datetime|date_?time|epoch|unix_?time|time_?stamp)$/i;
const STEP_NAMES = /^(cycle|cycles|time_?cycles?|step|steps|t)$/i;
const ENTITY_NAMES =
  /^(entity|entity_?id|asset|asset_?id|unit|unit_?id|unit_?nr|unit_?number|machine|machine_?id|device|device_?id|engine|engine_?id|equipment|equipment_?id|sensor_?id|series_?id|well|well_?id|turbine|turbine_?id)$/i;

/** Label shown for a delimiter in messages. */
export function delimiterName(d: Delimiter | undefined): string {
  return d === '\t' ? 'tab' : d === 'whitespace' ? 'whitespace' : d === undefined ? 'none' : `"${d}"`;
}

/**
 * Reads the start of a file (`sample`, cut at a line end) and decides how to import it: file type,
 * delimiter, header, decimal separator, column names and types, time/entity/label columns and layout.
 * Given options win over detection; every detection the user may want to change is explained in `notes`.
 */
export function sniff(sample: string, given: ImportOptions): SniffResult {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const notes: string[] = [];
  const fileType = given.fileType ?? detectFileType(text);
  let records: string[][];
  let rawNames: string[] | null = null;
  let jsonKeys: string[] | null = null;
  let delimiter: Delimiter | undefined;
  if (fileType === 'delimited') {
    delimiter = given.delimiter ?? detectDelimiter(text);
    records = parseDelimited(text, delimiter).slice(0, SAMPLE_RECORDS + 1).map((r) => r.fields);
  } else {
    const json = sampleJson(text, fileType);
    jsonKeys = json.keys;
    rawNames = json.keys;
    records = json.records;
  }
  if (records.length === 0 && rawNames === null) throw new UserError('The file has no rows to import.');

  const decimal = given.decimal ?? (fileType === 'delimited' && delimiter !== ',' ? detectDecimal(records) : '.');
  let header = fileType === 'delimited' ? (given.header ?? detectHeader(records, decimal)) : true;
  if (fileType === 'delimited' && header) rawNames = records.shift()!.map((n) => n.trim());
  const width = rawNames?.length ?? records[0]?.length ?? 0;
  const names = resolveNames(rawNames, width, given.columns);
  if (fileType !== 'delimited') header = true;

  const kinds = names.map((_, c) => columnKind(records, c, decimal));
  const detected = detectRoles(names, records, kinds, given, header, notes);
  // Checked before any per-column state is made (a 14 MB file of 1,000,000 columns would take gigabytes).
  if (names.length > (detected.format === 'wide' ? MAX_SEQUENCE_VALUES : MAX_COLUMNS)) throw tooManyColumns(names.length, detected.format === 'wide');
  const timeColumn = detected.timeColumn;
  const timeIdx = timeColumn === null ? -1 : names.indexOf(timeColumn);
  let timeUnit: SniffResult['timeUnit'] = null;
  if (timeIdx >= 0) {
    if (kinds[timeIdx] === 'datetime') timeUnit = 'text';
    else if (kinds[timeIdx] === 'number') timeUnit = numericTimeUnit(minOf(records, timeIdx, decimal));
    else throw new UserError(`Column \`${clip(timeColumn!)}\` cannot be the time column: values such as '${clip(firstValue(records, timeIdx))}' are neither dates nor numbers. Choose another time column or none.`);
  }
  const columnTypes: ColumnType[] = names.map((n, c) => {
    if (c === timeIdx) return timeUnit === 'index' ? 'index' : 'datetime';
    if (n === detected.entityColumn || n === detected.labelColumn) return 'category';
    return kinds[c] === 'datetime' ? 'category' : kinds[c];
  });
  if (fileType === 'delimited') notes.unshift(`Delimiter ${delimiterName(delimiter)}, ${header ? 'first row is the header' : 'no header row (columns named c1..cN)'}, decimal "${decimal}".`);
  const nonFinite = countNonFinite(records, columnTypes, decimal);
  if (nonFinite.count > 0) {
    notes.push(`The first rows hold ${nonFinite.count} non-finite number${nonFinite.count === 1 ? '' : 's'} (Inf, -Inf or beyond ±1.8e308, e.g. in \`${names[nonFinite.column]}\`): ${nonFinite.count === 1 ? 'it' : 'they'} will be read as missing values, and counted in the import's warnings.`);
  }
  if (timeUnit === 'epoch-s' || timeUnit === 'epoch-ms') notes.push(`Time column \`${timeColumn}\` holds epoch ${timeUnit === 'epoch-s' ? 'seconds' : 'milliseconds'}.`);
  return {
    options: {
      name: given.name,
      fileType,
      format: detected.format,
      delimiter,
      header,
      decimal,
      columns: names,
      timeColumn,
      entityColumn: detected.entityColumn,
      labelColumn: detected.labelColumn,
    },
    columnTypes,
    timeUnit,
    jsonKeys,
    sampleRows: records.slice(0, 20),
    notes,
  };
}

/** The refusal of a file with more columns than `format` takes, with the limits and what to do. */
function tooManyColumns(width: number, wide: boolean): UserError {
  if (wide) {
    return new UserError(`The file has ${fmtInt(width)} values per row; a wide file (one sequence per row) may have at most ${fmtInt(MAX_SEQUENCE_VALUES)}. Split the sequences into shorter ones, or store them one value per row (long format).`);
  }
  const asWide = width <= MAX_SEQUENCE_VALUES ? `, or, if each row is one sequence, import it as wide (format "wide", up to ${fmtInt(MAX_SEQUENCE_VALUES)} values per row)` : '';
  return new UserError(`The file has ${fmtInt(width)} columns; a file with one row per time step may have at most ${fmtInt(MAX_COLUMNS)}. Keep only the columns you need${asWide}.`);
}

function detectFileType(text: string): FileType {
  const first = text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'delimited';
}

/** Picks the delimiter that splits the first lines into the same number (>1) of fields. */
function detectDelimiter(text: string): Delimiter {
  const head = text.split('\n', 60).join('\n');
  for (const d of DELIMITER_CANDIDATES) {
    if (consistentWidth(parseDelimited(head, d).map((r) => r.fields.length))) return d;
  }
  const ws = head.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).map((l) => l.split(/[ \t]+/).length);
  if (consistentWidth(ws)) return 'whitespace';
  return ',';
}

function consistentWidth(widths: number[]): boolean {
  if (widths.length === 0) return false;
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  const [mode, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return mode > 1 && n / widths.length >= 0.9;
}

const COMMA_DECIMAL = /^[+-]?\d+,\d+$/;
const DOT_DECIMAL = /^[+-]?\d*\.\d+([eE][+-]?\d+)?$/;

function detectDecimal(records: string[][]): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const r of records.slice(1)) {
    for (const f of r) {
      if (COMMA_DECIMAL.test(f)) comma++;
      else if (DOT_DECIMAL.test(f)) dot++;
    }
  }
  return comma > 0 && dot === 0 ? ',' : '.';
}

type Kind = 'number' | 'datetime' | 'category';

function valueKind(s: string, decimal: '.' | ','): Kind | null {
  if (isMissing(s) || isNonFinite(s, decimal)) return null;
  if (!Number.isNaN(parseNumber(s, decimal))) return 'number';
  if (!Number.isNaN(parseTimestamp(s))) return 'datetime';
  return 'category';
}

/**
 * A column's kind from the sample: numbers or dates when most values are, so that a stray text value
 * ('n/a') is reported at its line during the import instead of silently turning the column into text.
 */
function columnKind(records: string[][], c: number, decimal: '.' | ','): Kind {
  const counts = { number: 0, datetime: 0, category: 0 };
  for (const r of records) {
    const k = valueKind(r[c] ?? '', decimal);
    if (k !== null) counts[k]++;
  }
  const total = counts.number + counts.datetime + counts.category;
  if (total === 0) return 'number';
  if (counts.number >= total / 2) return 'number';
  if (counts.datetime > total / 2) return 'datetime';
  return 'category';
}

/** A header row is text where the rows below hold numbers or dates, or all text with unique names. */
function detectHeader(records: string[][], decimal: '.' | ','): boolean {
  if (records.length === 0) return false;
  const first = records[0];
  const firstKinds = first.map((f) => valueKind(f, decimal));
  if (firstKinds.some((k) => k === 'number' || k === 'datetime')) return false;
  if (records.length === 1) return true;
  const rest = records.slice(1);
  const restKinds = first.map((_, c) => columnKind(rest, c, decimal));
  if (restKinds.some((k, c) => k !== 'category' && firstKinds[c] === 'category')) return true;
  return new Set(first).size === first.length && first.every((f) => f.trim().length > 0);
}

function resolveNames(raw: string[] | null, width: number, rename: string[] | undefined): string[] {
  let names = raw ?? Array.from({ length: width }, (_, i) => `c${i + 1}`);
  if (rename && rename.length > 0) {
    if (rename.length !== names.length) {
      throw new UserError(`You gave ${rename.length} column names but the file has ${names.length} columns: name all of them, in file order.`);
    }
    names = rename.map((n) => n.trim());
  }
  const seen = new Map<string, number>();
  return names.map((n, i) => {
    const base = n.length > 0 ? n : `c${i + 1}`;
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    return k === 0 ? base : `${base}_${k + 1}`;
  });
}

function requireColumn(names: string[], col: string, what: string): void {
  if (!names.includes(col)) {
    throw new UserError(`The ${what} column \`${clip(col)}\` is not in the file. Its columns are: ${listNames(names)}.`);
  }
}

interface Roles {
  format: DatasetFormat;
  timeColumn: string | null;
  entityColumn: string | null;
  labelColumn: string | null;
}

/** Chooses time, entity and label columns and the layout, honouring what the user gave. */
function detectRoles(names: string[], records: string[][], kinds: Kind[], given: ImportOptions, header: boolean, notes: string[]): Roles {
  for (const [col, what] of [[given.timeColumn, 'time'], [given.entityColumn, 'entity'], [given.labelColumn, 'label']] as const) {
    if (col) requireColumn(names, col, what);
  }
  if (given.format === 'wide' || (given.format === undefined && !header && looksWide(records, kinds))) {
    const labelColumn = given.labelColumn === undefined ? (given.format === 'wide' ? null : names[0]) : given.labelColumn;
    if (given.format === undefined) notes.push(`Each row looks like one labelled sequence (label in \`${labelColumn}\`): imported as wide, one sequence per row. Choose "long" if each row is one time step.`);
    return { format: 'wide', timeColumn: null, entityColumn: null, labelColumn };
  }
  let timeColumn = given.timeColumn;
  let entityColumn = given.entityColumn;
  if (entityColumn === undefined) {
    entityColumn = names.find((n, c) => ENTITY_NAMES.test(n) && kinds[c] !== 'datetime') ?? null;
    if (!entityColumn && !header) {
      const cm = cmapssColumns(records, kinds);
      if (cm) {
        entityColumn = names[0];
        if (timeColumn === undefined) timeColumn = names[1];
        notes.push(`\`${names[0]}\` looks like a unit id and \`${names[1]}\` like a cycle counter (C-MAPSS style): used as entity and time.`);
      }
    }
    if (entityColumn) notes.push(`Entity (asset) column: \`${entityColumn}\`; each of its values is its own series.`);
  }
  if (timeColumn === undefined) {
    timeColumn =
      names.find((n, c) => kinds[c] === 'datetime' && n !== entityColumn) ??
      names.find((n, c) => kinds[c] === 'number' && (TIME_NAMES.test(n) || STEP_NAMES.test(n)) && n !== entityColumn) ??
      null;
    notes.push(timeColumn ? `Time column: \`${timeColumn}\`.` : 'No time column found: rows are taken in file order.');
  }
  return { format: 'long', timeColumn, entityColumn, labelColumn: given.labelColumn ?? null };
}

/** Wide UCR-style rows: many numeric columns, the first a small set of integer class labels that change often. */
function looksWide(records: string[][], kinds: Kind[]): boolean {
  if (kinds.length < 10 || records.length < 2 || !kinds.every((k) => k === 'number')) return false;
  const labels = records.map((r) => r[0]);
  if (!labels.every((l) => /^[+-]?\d+(\.0+)?$/.test(l.trim()))) return false;
  if (new Set(labels).size > 20) return false;
  return averageRun(labels) < 3;
}

/** C-MAPSS-like long rows: integer unit ids in long runs, and a counter that rises within each run. */
function cmapssColumns(records: string[][], kinds: Kind[]): boolean {
  if (kinds.length < 3 || kinds[0] !== 'number' || kinds[1] !== 'number' || records.length < 10) return false;
  const ids = records.map((r) => r[0]);
  if (!ids.every((v) => /^\d+$/.test(v)) || averageRun(ids) < 5) return false;
  for (let i = 1; i < records.length; i++) {
    if (ids[i] === ids[i - 1] && !(Number(records[i][1]) > Number(records[i - 1][1]))) return false;
  }
  return true;
}

function averageRun(values: string[]): number {
  let runs = 1;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) runs++;
  return values.length / runs;
}

/** Non-finite numbers in the sample's numeric columns, and the first column holding one. */
function countNonFinite(records: string[][], types: ColumnType[], decimal: '.' | ','): { count: number; column: number } {
  let count = 0;
  let column = -1;
  for (const r of records) {
    for (let c = 0; c < types.length; c++) {
      if (types[c] === 'number' && isNonFinite(r[c] ?? '', decimal)) {
        count++;
        if (column < 0) column = c;
      }
    }
  }
  return { count, column };
}

function minOf(records: string[][], c: number, decimal: '.' | ','): number {
  let m = Infinity;
  for (const r of records) {
    const v = parseNumber(r[c] ?? '', decimal);
    if (v < m) m = v;
  }
  return m;
}

function firstValue(records: string[][], c: number): string {
  return records.find((r) => !isMissing(r[c] ?? ''))?.[c] ?? '';
}

/** Parses the complete records in a JSON sample, collecting keys in order of first appearance. */
function sampleJson(text: string, fileType: 'json' | 'jsonl'): { keys: string[]; records: string[][] } {
  const objects: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const sink = (r: unknown, line: number) => {
    if (objects.length < SAMPLE_RECORDS) {
      objects.push(r as Record<string, unknown>);
      lines.push(line);
    }
  };
  try {
    if (fileType === 'json') new JsonArraySplitter().push(text, sink);
    else {
      // The sample is cut at a line end, so every line is complete.
      const s = new JsonLinesSplitter();
      s.push(text, sink);
      s.end(sink);
    }
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    for (const k of Object.keys(o)) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  if (keys.length === 0) throw new UserError('The JSON file holds no records with fields: expected [{"time": ..., "value": ...}, ...].');
  return { keys, records: objects.map((o, i) => keys.map((k) => jsonFieldText(o[k], k, lines[i]))) };
}
