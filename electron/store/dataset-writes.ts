import type Database from 'better-sqlite3';
import type { ColumnProfile, DatasetFormat, EntityInfo, TimeGap, TimeKind } from '../../shared/dataset';

/** The dataset row's fields known when an import starts. */
export interface NewDataset {
  name: string;
  format: DatasetFormat;
  sourcePath: string;
  sizeBytes: number;
  timeColumn: string | null;
  timeKind: TimeKind;
  entityColumn: string | null;
  labelColumn: string | null;
  optionsJson: string;
}

/** The dataset row's fields known when an import ends. */
export interface DatasetTotals {
  fingerprint: string;
  rows: number;
  entities: number;
  interval: number | null;
  regularity: number | null;
  gapCount: number;
  largestGaps: TimeGap[];
  warnings: string[];
}

/** Inserts the dataset row at the start of an import (inside the import's transaction); returns its id. */
export function insertDataset(db: Database.Database, d: NewDataset): number {
  const r = db
    .prepare(
      `INSERT INTO datasets (name, format, source_path, size_bytes, fingerprint, time_column, time_kind, entity_column, label_column, options_json, created_at)
       VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
    )
    .run(d.name, d.format, d.sourcePath, d.sizeBytes, d.timeColumn, d.timeKind, d.entityColumn, d.labelColumn, d.optionsJson, new Date().toISOString());
  return Number(r.lastInsertRowid);
}

/** Fills in the totals, column profiles and entities at the end of an import. */
export function completeDataset(db: Database.Database, id: number, t: DatasetTotals, columns: ColumnProfile[], entities: Omit<EntityInfo, 'index'>[]): void {
  db.prepare(
    `UPDATE datasets SET fingerprint = ?, row_count = ?, entity_count = ?, interval = ?, regularity = ?, gap_count = ?,
       largest_gaps_json = ?, warnings_json = ? WHERE id = ?`,
  ).run(t.fingerprint, t.rows, t.entities, t.interval, t.regularity, t.gapCount, JSON.stringify(t.largestGaps), JSON.stringify(t.warnings), id);
  const col = db.prepare(
    `INSERT INTO dataset_columns (dataset_id, idx, name, role, type, count, missing, min, max, mean, std, categories_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  columns.forEach((c, i) =>
    col.run(id, i, c.name, c.role, c.type, c.count, c.missing, c.min, c.max, c.mean, c.std, c.categories ? JSON.stringify(c.categories) : null),
  );
  const ent = db.prepare('INSERT INTO entities (dataset_id, idx, name, label, length, start, end, gaps) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  entities.forEach((e, i) => ent.run(id, i, e.name, e.label, e.length, e.start, e.end, e.gaps));
}
