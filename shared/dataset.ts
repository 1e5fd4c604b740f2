/** Domain types for imported sensor datasets. Pure TypeScript: shared by the back end, the UI and the CLI. */

/** How rows are laid out in a file: one time step per row (long) or one labelled sequence per row (wide). */
export type DatasetFormat = 'long' | 'wide';

/** Kinds of file the importer reads. */
export type FileType = 'delimited' | 'json' | 'jsonl';

/** A delimiter, or `whitespace` for runs of spaces/tabs (NASA C-MAPSS style). */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

/** What a time column holds once parsed: calendar time (epoch ms, UTC) or a plain step index such as a cycle number. */
export type TimeKind = 'datetime' | 'index' | 'row';

/** The role a column plays in a dataset. */
export type ColumnRole = 'time' | 'feature' | 'label';

/** The value type of a stored column. */
export type ColumnType = 'number' | 'category' | 'datetime' | 'index';

/** Options that steer an import; anything left undefined is detected from the file. */
export interface ImportOptions {
  /** Dataset name; defaults to the file name without extension. */
  name?: string;
  fileType?: FileType;
  format?: DatasetFormat;
  delimiter?: Delimiter;
  /** Whether the first row names the columns; undefined = detect. */
  header?: boolean;
  /** Decimal separator of numbers; undefined = detect ("1,5" with `;` delimiters). */
  decimal?: '.' | ',';
  /** New names for the columns, in file order (required names `c1..cN` when there is no header). */
  columns?: string[];
  /** Time column name; null = none (row order); undefined = detect. */
  timeColumn?: string | null;
  /** Entity (asset/unit/machine) column name; null = one series; undefined = detect. */
  entityColumn?: string | null;
  /** Label column: the class of each sequence (wide) or of each row (long). */
  labelColumn?: string | null;
  /**
   * Skip a row that cannot be read (text in a numeric column, a ragged row, a missing or repeated
   * time) instead of refusing the file; each skipped row is listed in the dataset's warnings
   * (`Skipped line N: ...`). For scoring new data; training imports stay strict.
   */
  skipBadRows?: boolean;
}

/** How many rows a lenient import skipped, read back from its warnings (see ImportOptions.skipBadRows). */
export function skippedRows(warnings: readonly string[]): { count: number; examples: string[] } {
  const examples = warnings.filter((w) => w.startsWith(SKIPPED_LINE));
  const more = warnings.map((w) => /^Skipped ([\d,]+) more bad rows/.exec(w)).find((m) => m !== null);
  return { count: examples.length + (more ? Number(more[1].replace(/,/g, '')) : 0), examples };
}

/** The prefix of a skipped row's warning. */
export const SKIPPED_LINE = 'Skipped line ';
/** How many skipped rows are listed one by one (the rest are counted). */
export const SKIPPED_LISTED = 50;

/** What the importer detected from the start of a file, shown before importing. */
export interface ImportPreview {
  path: string;
  fileName: string;
  sizeBytes: number;
  /** Options as detected, with the user's choices applied; pass back to `datasets:import`. */
  options: Required<Pick<ImportOptions, 'fileType' | 'format' | 'header' | 'decimal'>> & ImportOptions & {
    delimiter?: Delimiter;
    timeColumn: string | null;
    entityColumn: string | null;
    labelColumn: string | null;
  };
  /** Column names in file order (after renaming). */
  columns: string[];
  /** Guessed type of each column from the sample. */
  columnTypes: ColumnType[];
  /** First rows as text, for a preview table. */
  sampleRows: string[][];
  /** Notes for the user about what was detected. */
  notes: string[];
}

/** Per-column profile computed while importing. */
export interface ColumnProfile {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  /** Non-missing values. */
  count: number;
  /** Missing values (empty, NA, NaN, null). */
  missing: number;
  missingPct: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  /** Category names, for category columns. */
  categories?: string[];
}

/** One asset/unit/sequence in a dataset. */
export interface EntityInfo {
  index: number;
  name: string;
  /** Class label of a sequence (wide format). */
  label: string | null;
  length: number;
  /** First and last time value (epoch ms or index). */
  start: number | null;
  end: number | null;
  /** Gaps: steps longer than 1.5 x the sampling interval. */
  gaps: number;
}

/** A gap in the time axis of one entity. */
export interface TimeGap {
  entity: string;
  from: number;
  to: number;
  /** Length in the time unit (ms for datetime). */
  length: number;
}

/** The short description of a dataset shown in lists. */
export interface DatasetSummary {
  id: number;
  name: string;
  format: DatasetFormat;
  rows: number;
  entities: number;
  timeColumn: string | null;
  timeKind: TimeKind;
  entityColumn: string | null;
  labelColumn: string | null;
  sourcePath: string | null;
  sizeBytes: number;
  /** SHA-256 of the source file's bytes. */
  fingerprint: string;
  createdAt: string;
}

/** Everything the Explore page shows about a dataset. */
export interface DatasetDetail {
  summary: DatasetSummary;
  columns: ColumnProfile[];
  entities: EntityInfo[];
  /** Detected sampling interval (most common step), in ms for datetime or steps for index; null if unknown. */
  interval: number | null;
  /** Share of steps equal to the interval (1 = perfectly regular). */
  regularity: number | null;
  gapCount: number;
  /** The largest gaps across entities, longest first. */
  largestGaps: TimeGap[];
  warnings: string[];
}

/** A request for chart data of some columns of one entity, downsampled to a point budget. */
export interface SeriesRequest {
  datasetId: number;
  /** Entity index (see EntityInfo.index); 0 when there is one series. */
  entity: number;
  columns: string[];
  /** Optional visible x range to zoom into. */
  range?: [number, number];
  /** Point budget per column (default 2,000). */
  maxPoints?: number;
}

/** One chart trace. */
export interface SeriesTrace {
  column: string;
  x: number[];
  /** null marks a missing value (a break in the line). */
  y: (number | null)[];
}

/** Chart data for a SeriesRequest. */
export interface SeriesResult {
  xKind: TimeKind;
  traces: SeriesTrace[];
  /** Points in the requested range before downsampling. */
  totalPoints: number;
  downsampled: boolean;
}
