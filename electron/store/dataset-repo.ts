import type Database from 'better-sqlite3';
import type { ColumnProfile, DatasetDetail, DatasetSummary, EntityInfo } from '../../shared/dataset';
import { UserError } from '../../shared/errors';

interface DatasetRow {
  id: number;
  name: string;
  format: DatasetSummary['format'];
  source_path: string | null;
  size_bytes: number;
  fingerprint: string;
  time_column: string | null;
  time_kind: DatasetSummary['timeKind'];
  entity_column: string | null;
  label_column: string | null;
  row_count: number;
  entity_count: number;
  interval: number | null;
  regularity: number | null;
  gap_count: number;
  largest_gaps_json: string;
  warnings_json: string;
  created_at: string;
}

function toSummary(r: DatasetRow): DatasetSummary {
  return {
    id: r.id,
    name: r.name,
    format: r.format,
    rows: r.row_count,
    entities: r.entity_count,
    timeColumn: r.time_column,
    timeKind: r.time_kind,
    entityColumn: r.entity_column,
    labelColumn: r.label_column,
    sourcePath: r.source_path,
    sizeBytes: r.size_bytes,
    fingerprint: r.fingerprint,
    createdAt: r.created_at,
  };
}

/** Every dataset, newest first. */
export function listDatasets(db: Database.Database): DatasetSummary[] {
  return (db.prepare('SELECT * FROM datasets ORDER BY id DESC').all() as DatasetRow[]).map(toSummary);
}

function datasetRow(db: Database.Database, id: number): DatasetRow {
  const row = db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
  if (!row) throw new UserError(`There is no dataset with id ${id}; it may have been deleted. Pick one from the datasets list.`);
  return row;
}

/** One dataset's summary. */
export function getDatasetSummary(db: Database.Database, id: number): DatasetSummary {
  return toSummary(datasetRow(db, id));
}

/** A dataset with its column profiles, entities, sampling interval and gaps. */
export function getDatasetDetail(db: Database.Database, id: number): DatasetDetail {
  const row = datasetRow(db, id);
  const columns = (db.prepare('SELECT * FROM dataset_columns WHERE dataset_id = ? ORDER BY idx').all(id) as Record<string, unknown>[]).map(
    (c): ColumnProfile => {
      const count = c.count as number;
      const missing = c.missing as number;
      return {
        name: c.name as string,
        role: c.role as ColumnProfile['role'],
        type: c.type as ColumnProfile['type'],
        count,
        missing,
        missingPct: count + missing === 0 ? 0 : (100 * missing) / (count + missing),
        min: c.min as number | null,
        max: c.max as number | null,
        mean: c.mean as number | null,
        std: c.std as number | null,
        ...(c.categories_json ? { categories: JSON.parse(c.categories_json as string) as string[] } : {}),
      };
    },
  );
  const entities = (db.prepare('SELECT * FROM entities WHERE dataset_id = ? ORDER BY idx').all(id) as Record<string, unknown>[]).map(
    (e): EntityInfo => ({
      index: e.idx as number,
      name: e.name as string,
      label: e.label as string | null,
      length: e.length as number,
      start: e.start as number | null,
      end: e.end as number | null,
      gaps: e.gaps as number,
    }),
  );
  return {
    summary: toSummary(row),
    columns,
    entities,
    interval: row.interval,
    regularity: row.regularity,
    gapCount: row.gap_count,
    largestGaps: JSON.parse(row.largest_gaps_json),
    warnings: JSON.parse(row.warnings_json),
  };
}

/** Renames a dataset; the name must not be empty. */
export function renameDataset(db: Database.Database, id: number, name: string): DatasetSummary {
  const clean = name.trim();
  if (clean.length === 0 || clean.length > 200) throw new UserError('A dataset name needs 1 to 200 characters.');
  datasetRow(db, id);
  db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(clean, id);
  return getDatasetSummary(db, id);
}

/** Deletes a dataset with its columns, entities and series (one transaction). */
export function deleteDataset(db: Database.Database, id: number): boolean {
  datasetRow(db, id);
  return db.transaction(() => db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0).immediate();
}
