/** Batch-scoring runs in the project database, linked to the version that scored (the results are CSV files). */
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import type { ScoringRun, ScoringRunSummary } from '../../shared/scoring/types';

/** Records a finished run. */
export function insertScoringRun(db: Database.Database, run: ScoringRun): void {
  db.prepare('INSERT INTO scoring_runs (id, name, version, dataset_id, dataset_name, at, windows, path, run_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    run.id,
    run.model.name,
    run.model.version,
    run.dataset.id,
    run.dataset.name,
    run.at,
    run.windows,
    run.file,
    JSON.stringify(run),
  );
}

/** Runs, newest first (of one model when named). */
export function listScoringRuns(db: Database.Database, name?: string): ScoringRunSummary[] {
  const rows = (name === undefined ? db.prepare('SELECT run_json FROM scoring_runs ORDER BY at DESC').all() : db.prepare('SELECT run_json FROM scoring_runs WHERE name = ? ORDER BY at DESC').all(name)) as { run_json: string }[];
  return rows.map((r) => {
    const { columns: _c, entityColumn: _e, preview: _p, notes: _n, ...summary } = JSON.parse(r.run_json) as ScoringRun;
    void [_c, _e, _p, _n];
    return summary;
  });
}

/** One run with its preview rows. */
export function getScoringRun(db: Database.Database, id: string): ScoringRun {
  const row = db.prepare('SELECT run_json FROM scoring_runs WHERE id = ?').get(id) as { run_json: string } | undefined;
  if (!row) throw new UserError(`There is no batch-scoring run ${id}. Score a dataset first (lstm-studio score --model ... --data ...).`);
  return JSON.parse(row.run_json) as ScoringRun;
}
