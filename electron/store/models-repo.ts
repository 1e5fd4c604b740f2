/**
 * The model registry: every saved model version by (name, version), where its folder is, what it
 * was trained on and how well it did. Versions count up per name (max + 1, inside the caller's
 * write transaction so two saves never take the same number).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { UserError, clip } from '../../shared/errors';
import type { DriftReference } from '../../shared/drift/types';
import type { ModelSummary } from '../../shared/model/training';
import type { Task } from '../../shared/model/variant';

interface ModelRow {
  name: string;
  version: number;
  path: string;
  task: Task;
  run_id: string;
  dataset_id: number;
  dataset_name: string;
  created_at: string;
  metrics_json: string;
  parameters: number;
  source: ModelSummary['source'];
  tags_json: string;
  /** Comma-joined aliases pointing at the version (from model_aliases). */
  alias_list: string | null;
}

/** A model version to register. */
export interface NewModel {
  name: string;
  version: number;
  path: string;
  task: Task;
  runId: string;
  datasetId: number;
  datasetName: string;
  createdAt: string;
  metrics: Record<string, number>;
  parameters: number;
  /** Trained here unless said otherwise. */
  source?: ModelSummary['source'];
  tags?: string[];
  notes?: string;
  /** Imported versions: their lineage as recorded where they were trained (config, history, ...). */
  lineage?: object;
  /** The training reference for drift checks (per-column statistics and samples of the training split). */
  reference?: DriftReference;
}

function toSummary(r: ModelRow): ModelSummary {
  return {
    name: r.name,
    version: r.version,
    path: r.path,
    task: r.task,
    runId: r.run_id,
    datasetName: r.dataset_name,
    createdAt: r.created_at,
    metrics: JSON.parse(r.metrics_json) as Record<string, number>,
    parameters: r.parameters,
    source: r.source,
    tags: JSON.parse(r.tags_json) as string[],
    aliases: r.alias_list ? r.alias_list.split(',').sort() : [],
  };
}

/** Model rows with the aliases that point at each. */
const SELECT = `SELECT m.*, (SELECT group_concat(a.alias) FROM model_aliases a WHERE a.name = m.name AND a.version = m.version) AS alias_list
  FROM models m`;

/** Checks a model name chosen by the user: 1-100 printable characters. Returns it trimmed. */
export function checkModelName(name: string): string {
  const clean = name.trim();
  // eslint-disable-next-line no-control-regex
  if (clean.length === 0 || clean.length > 100 || /[\u0000-\u001f\u007f]/.test(clean)) {
    throw new UserError(`The model name "${clip(name)}" cannot be used: give 1 to 100 printable characters, e.g. --name pump-temperature.`);
  }
  return clean;
}

/**
 * The folder name of a model: its name with anything but letters, digits, `.`, `_` and `-`
 * replaced; names that had to change (or have capitals, which clash on case-insensitive disks)
 * get a short hash so two different names never share a folder.
 */
export function modelFolderName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 60) || 'model';
  if (safe === name && name === name.toLowerCase()) return safe;
  return `${safe}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/** Where version `version` of model `name` lives: `<home>/models/<safe name>/v<version>`. */
export function modelDir(home: string, name: string, version: number): string {
  return path.join(home, 'models', modelFolderName(name), `v${version}`);
}

/** The next free version of a model name (1 for a new name). Call inside a write transaction. */
export function nextModelVersion(db: Database.Database, name: string): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM models WHERE name = ?').get(name) as { v: number | null };
  return (row.v ?? 0) + 1;
}

/** Registers a saved model version. */
export function insertModel(db: Database.Database, m: NewModel): void {
  db.prepare(
    `INSERT INTO models (name, version, path, task, run_id, dataset_id, dataset_name, created_at, metrics_json, parameters, source, tags_json, notes, lineage_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.name,
    m.version,
    m.path,
    m.task,
    m.runId,
    m.datasetId,
    m.datasetName,
    m.createdAt,
    JSON.stringify(m.metrics),
    m.parameters,
    m.source ?? 'trained',
    JSON.stringify(m.tags ?? []),
    m.notes ?? '',
    m.lineage ? JSON.stringify(m.lineage) : null,
  );
  if (m.reference) {
    db.prepare('INSERT INTO model_references (name, version, reference_json) VALUES (?, ?, ?)').run(m.name, m.version, JSON.stringify(m.reference));
  }
}

/** Every model version, newest first. */
export function listModels(db: Database.Database): ModelSummary[] {
  return (db.prepare(`${SELECT} ORDER BY m.created_at DESC, m.name, m.version DESC`).all() as ModelRow[]).map(toSummary);
}

/** One model version (the latest when `version` is omitted). */
export function getModel(db: Database.Database, name: string, version?: number): ModelSummary {
  const row = (
    version === undefined
      ? db.prepare(`${SELECT} WHERE m.name = ? ORDER BY m.version DESC LIMIT 1`).get(name)
      : db.prepare(`${SELECT} WHERE m.name = ? AND m.version = ?`).get(name, version)
  ) as ModelRow | undefined;
  if (!row) {
    throw new UserError(`There is no model ${clip(name)}${version === undefined ? '' : ` version ${version}`}. Run \`lstm-studio models list\` to see the saved models.`);
  }
  return toSummary(row);
}
