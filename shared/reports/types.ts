/**
 * Types of reports an analyst can hand over: one self-contained HTML file or a PDF, of a model
 * version on a dataset, a fleet-risk run or a drift check, and the tables in them (each also
 * exported as CSV and JSON). Pure types.
 */
import type { TimeKind } from '../dataset';
import type { AlarmLimit } from '../evaluation/analysis-types';

/** What a report is about. */
export type ReportKind = 'model' | 'risk' | 'drift';
export const REPORT_KINDS: readonly ReportKind[] = ['model', 'risk', 'drift'];

/** The file a report is written as. */
export type ReportFormat = 'html' | 'pdf';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf'];

/** The request of `reports:create`. */
export interface ReportRequest {
  /** Follow with job:progress and cancel with jobs:cancel. */
  jobId?: string;
  kind: ReportKind;
  /** NAME, NAME@VERSION or NAME:ALIAS. */
  model: string;
  datasetId: number;
  format: ReportFormat;
  /** Alarm limits: required for a fleet-risk report of a forecast model; a model report of one shows its risk table when given. */
  limits?: AlarmLimit[];
  /** Interval coverage, 0.5-0.99 (default 0.9). */
  coverage?: number;
  /** Model report of a forecast model: the entities to forecast (default: up to the first 3). */
  entities?: string[];
  /** Drift report: a recorded check to report (default: a new check is run and recorded). */
  driftCheckId?: number;
  /** Where to write the file; its extension must match the format (default: `<home>/reports/<kind>-<model>-v<version>-<dataset>-<time>.<format>`). */
  path?: string;
  /** Also write every table as `<id>.csv` and `<id>.json` into this folder (created when missing). */
  tablesDir?: string;
}

/** A table of a report, as listed in the result. */
export interface ReportTableInfo {
  id: string;
  title: string;
  rows: number;
}

/** Where a report was written, and what is in it. */
export interface ReportResult {
  path: string;
  bytes: number;
  kind: ReportKind;
  format: ReportFormat;
  title: string;
  model: { name: string; version: number };
  dataset: { id: number; name: string };
  createdAt: string;
  sections: string[];
  tables: ReportTableInfo[];
  /** The CSV and JSON files written with `tablesDir`. */
  tableFiles: string[];
}

/** How a cell is shown (CSV and JSON keep the raw value). */
export type CellKind = 'text' | 'number' | 'count' | 'percent' | 'time' | 'flag';

/** One column of a report table: its key in JSON and CSV, its header, how its cells read. */
export interface ReportColumn {
  key: string;
  label: string;
  kind: CellKind;
  /** `export`: only in CSV and JSON (raw parts of a shown column); `display`: only in the HTML/PDF. Default: both. */
  show?: 'export' | 'display';
}

/** A raw cell: numbers in full precision, times as numbers on the table's time axis. */
export type Cell = string | number | boolean | null;

/** A table of a report: shown formatted in the HTML, exported raw as CSV and JSON. */
export interface ReportTable {
  /** File-safe name: `metrics`, `per-step`, `risk`, `forecast-pump_3`... */
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** How `time` cells read (epoch ms for datetime). */
  timeKind?: TimeKind;
}

/** Where a report was made: the app, its engine backend and the machine. */
export interface ReportEnvironment {
  appVersion: string;
  /** The TensorFlow.js backend the analyses ran on (tensorflow, wasm or cpu). */
  backend: string;
  tfjsVersion: string;
  /** desktop, browser or cli. */
  mode: string;
  os: string;
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  /** Set when made inside the desktop app. */
  electron: string | null;
  createdAt: string;
}
