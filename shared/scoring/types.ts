/** Types of batch scoring: a dataset scored by a model version, its stored results and what was skipped. */
import type { PredictionRow, ReliabilityCounts } from '../evaluation/analysis-types';

/** What `scoring:run` asks for. */
export interface ScoreRequest {
  jobId?: string;
  /** NAME, NAME@VERSION or NAME:ALIAS. */
  model: string;
  datasetId: number;
  /** Score every N-th window, counted back from each entity's latest row (default 1: all). */
  stride?: number;
}

/** An entity that gave no prediction, and why. */
export interface SkippedEntity {
  entity: string;
  rows: number;
  reason: string;
}

/** A finished batch-scoring run as listed. */
export interface ScoringRunSummary {
  id: string;
  model: { name: string; version: number };
  /** The reference as asked for (e.g. pumps:production), which resolved to `model`. */
  requested: string;
  dataset: { id: number; name: string; rows: number };
  at: string;
  durationMs: number;
  windows: number;
  /** Entities scored, and those skipped. */
  entities: number;
  skippedEntities: SkippedEntity[];
  /** Rows the lenient import left out (with the first of them, as the import described them). */
  skippedRows: { count: number; examples: string[] };
  reliability: ReliabilityCounts;
  /** The stored results: a CSV file in the home's scores folder. */
  file: string;
  bytes: number;
}

/** A run with its CSV header and first rows, for the page and the CLI. */
export interface ScoringRun extends ScoringRunSummary {
  columns: string[];
  entityColumn: string | null;
  preview: PredictionRow[];
  notes: string[];
}
