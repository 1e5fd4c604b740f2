/** Drift checks in the project database: each check's full report, and the alert of the version in service. */
import type Database from 'better-sqlite3';
import type { DriftCheckSummary, DriftReport } from '../../shared/drift/types';
import type { RegisteredModel } from '../../shared/registry/types';

interface CheckRow {
  id: number;
  report_json: string;
}

/** Records a check; returns its id. */
export function insertDriftCheck(db: Database.Database, r: DriftReport): number {
  const info = db
    .prepare('INSERT INTO drift_checks (name, version, dataset_id, dataset_name, at, drifted, share, share_threshold, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(r.model.name, r.model.version, r.dataset.id, r.dataset.name, r.at, r.drifted ? 1 : 0, r.share, r.shareThreshold, JSON.stringify(r));
  return Number(info.lastInsertRowid);
}

function summarise(row: CheckRow): DriftCheckSummary {
  const r = JSON.parse(row.report_json) as DriftReport;
  return {
    id: row.id,
    model: r.model,
    dataset: { id: r.dataset.id, name: r.dataset.name },
    at: r.at,
    drifted: r.drifted,
    share: r.share,
    shareThreshold: r.shareThreshold,
    driftedFeatures: r.features.filter((f) => f.drifted).map((f) => f.name),
    predictionsDrifted: r.predictions?.drifted ?? null,
    performanceDegraded: r.performance?.degraded ?? null,
  };
}

/** A model's checks (all versions), newest first. */
export function listDriftChecks(db: Database.Database, name: string): DriftCheckSummary[] {
  return (db.prepare('SELECT id, report_json FROM drift_checks WHERE name = ? ORDER BY id DESC').all(name) as CheckRow[]).map(summarise);
}

/** One check's full report. */
export function getDriftCheck(db: Database.Database, id: number): DriftReport | null {
  const row = db.prepare('SELECT report_json FROM drift_checks WHERE id = ?').get(id) as { report_json: string } | undefined;
  return row ? (JSON.parse(row.report_json) as DriftReport) : null;
}

/** The alert of a model: raised when the latest check of its production version drifted. */
export function driftAlert(db: Database.Database, name: string, production: number | undefined): RegisteredModel['driftAlert'] {
  if (production === undefined) return null;
  const row = db.prepare('SELECT at, drifted, share, share_threshold FROM drift_checks WHERE name = ? AND version = ? ORDER BY id DESC LIMIT 1').get(name, production) as
    | { at: string; drifted: number; share: number; share_threshold: number }
    | undefined;
  return row && row.drifted === 1 ? { version: production, at: row.at, share: row.share, threshold: row.share_threshold } : null;
}
