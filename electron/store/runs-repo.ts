/**
 * Training runs in the project database: one row per run, written by the main process as the run
 * goes (started, each epoch's history, then completed / cancelled / failed). Runs keep the dataset's
 * name so the history still reads well after the dataset is deleted (no foreign key on purpose).
 */
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import type { BackendName, EpochRecord, ModelRef, RunDetail, RunStatus, RunSummary, SplitInfo } from '../../shared/model/training';
import type { Task, VariantConfig } from '../../shared/model/variant';

interface RunRow {
  id: string;
  dataset_id: number;
  dataset_name: string;
  task: Task;
  preset: string | null;
  status: RunStatus;
  config_json: string;
  fingerprint: string;
  split_json: string | null;
  history_json: string;
  started_at: string;
  duration_ms: number | null;
  backend: BackendName | null;
  metrics_json: string;
  model_name: string | null;
  model_version: number | null;
  error: string | null;
  owner_pid: number | null;
  model_path: string | null;
}

/** What is known about a run when it starts. */
export interface NewRun {
  id: string;
  datasetId: number;
  datasetName: string;
  task: Task;
  preset: string | null;
  config: VariantConfig;
  fingerprint: string;
  startedAt: string;
}

/** How a run ended. */
export interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  durationMs: number;
  backend: BackendName | null;
  metrics: Record<string, number>;
  history: EpochRecord[];
  model: { name: string; version: number } | null;
  error: string | null;
}

const SELECT = `SELECT r.*, m.path AS model_path FROM runs r
  LEFT JOIN models m ON m.name = r.model_name AND m.version = r.model_version`;

function toSummary(r: RunRow): RunSummary {
  const history = JSON.parse(r.history_json) as EpochRecord[];
  const model: ModelRef | null =
    r.model_name !== null && r.model_version !== null ? { name: r.model_name, version: r.model_version, path: r.model_path ?? '' } : null;
  return {
    id: r.id,
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    task: r.task,
    preset: r.preset,
    status: r.status,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    backend: r.backend,
    epochs: history.length,
    model,
    metrics: JSON.parse(r.metrics_json) as Record<string, number>,
    error: r.error,
  };
}

/** True when a run with this id is already recorded (run ids are chosen by clients). */
export function runExists(db: Database.Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id) !== undefined;
}

/** Records a run as `running`, owned by this process (so a crashed app's runs can be found later). */
export function insertRun(db: Database.Database, run: NewRun): void {
  db.prepare(
    `INSERT INTO runs (id, dataset_id, dataset_name, task, preset, status, config_json, fingerprint, started_at, owner_pid)
     VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
  ).run(run.id, run.datasetId, run.datasetName, run.task, run.preset, JSON.stringify(run.config), run.fingerprint, run.startedAt, process.pid);
}

/** Stores how the data was split (known once the worker has prepared the windows). */
export function setRunSplit(db: Database.Database, id: string, split: SplitInfo, fingerprint: string): void {
  db.prepare('UPDATE runs SET split_json = ?, fingerprint = ? WHERE id = ?').run(JSON.stringify(split), fingerprint, id);
}

/** Replaces the run's per-epoch history (the whole list, so a missed write is repaired by the next). */
export function setRunHistory(db: Database.Database, id: string, history: EpochRecord[]): void {
  db.prepare('UPDATE runs SET history_json = ? WHERE id = ?').run(JSON.stringify(history), id);
}

/** Marks a run as ended, with its duration, backend, metrics, history and saved model (if any). */
export function finishRun(db: Database.Database, id: string, end: RunEnd): void {
  db.prepare(
    `UPDATE runs SET status = ?, duration_ms = ?, backend = ?, metrics_json = ?, history_json = ?, model_name = ?, model_version = ?, error = ?
     WHERE id = ?`,
  ).run(
    end.status,
    Math.round(end.durationMs),
    end.backend,
    JSON.stringify(end.metrics),
    JSON.stringify(end.history),
    end.model?.name ?? null,
    end.model?.version ?? null,
    end.error,
    id,
  );
}

/**
 * Marks runs still `running` whose owning process is gone (the app crashed or was killed while
 * training) as failed, so the history never shows a run that can no longer finish.
 */
export function failOrphanedRuns(db: Database.Database, isAlive: (pid: number) => boolean): number {
  const rows = db.prepare("SELECT id, owner_pid FROM runs WHERE status = 'running'").all() as { id: string; owner_pid: number | null }[];
  const orphans = rows.filter((r) => r.owner_pid === null || !isAlive(r.owner_pid));
  const mark = db.prepare(
    "UPDATE runs SET status = 'failed', error = 'LSTM Studio stopped while this run was training; no model was saved.' WHERE id = ? AND status = 'running'",
  );
  for (const r of orphans) mark.run(r.id);
  return orphans.length;
}

/** Runs, newest first, optionally of one dataset. */
export function listRuns(db: Database.Database, datasetId?: number): RunSummary[] {
  const rows =
    datasetId === undefined
      ? (db.prepare(`${SELECT} ORDER BY r.started_at DESC, r.rowid DESC`).all() as RunRow[])
      : (db.prepare(`${SELECT} WHERE r.dataset_id = ? ORDER BY r.started_at DESC, r.rowid DESC`).all(datasetId) as RunRow[]);
  return rows.map(toSummary);
}

/** One run with its config, fingerprint, split and history. */
export function getRun(db: Database.Database, id: string): RunDetail {
  const r = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
  if (!r) throw new UserError(`There is no training run with id ${id}. Pick one from the run history.`);
  return {
    ...toSummary(r),
    config: JSON.parse(r.config_json) as VariantConfig,
    fingerprint: r.fingerprint,
    split: r.split_json === null ? null : (JSON.parse(r.split_json) as SplitInfo),
    history: JSON.parse(r.history_json) as EpochRecord[],
  };
}
