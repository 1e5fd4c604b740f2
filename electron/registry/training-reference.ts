/**
 * A version's training reference for drift checks: per column it reads, statistics and a uniform
 * sample of the training split's rows (the rows before each entity's validation period, or the
 * training entities of an entity-wise split). Read column by column, so memory stays small.
 */
import type Database from 'better-sqlite3';
import type { DatasetDetail } from '../../shared/dataset';
import { ReferenceBuilder } from '../../shared/drift/reference';
import type { DriftReference } from '../../shared/drift/types';
import type { SplitInfo } from '../../shared/model/training';
import type { VariantConfig } from '../../shared/model/variant';
import { resolveColumns } from '../../shared/training/resolve-columns';
import { getDatasetDetail } from '../store/dataset-repo';
import { SeriesChunks } from '../store/series-chunks';

/** The stored columns a model reads: its input columns and its numeric targets. */
export function referenceColumns(detail: DatasetDetail, config: VariantConfig): string[] {
  const { features, targets } = resolveColumns(detail, config);
  return [...new Set([...features, ...targets])];
}

/** Builds the reference of `columns` over the training rows of `split` (as recorded by the run). */
export function buildTrainingReference(db: Database.Database, datasetId: number, columns: readonly string[], split: SplitInfo): DriftReference {
  const detail = getDatasetDetail(db, datasetId);
  const chunks = new SeriesChunks(db, datasetId);
  const timeIdx = detail.columns.findIndex((c) => c.role === 'time');
  const builders = columns.map((name, k) => new ReferenceBuilder(name, k + 1));
  const indexes = columns.map((name) => detail.columns.findIndex((c) => c.name === name));
  let rows = 0;
  let start = Infinity;
  let end = -Infinity;
  for (const e of detail.entities) {
    const time = timeIdx >= 0 ? chunks.readColumn(e.index, timeIdx, e.length) : null;
    const count = trainingRows(split, e.name, e.length, time);
    if (count === 0) continue;
    rows += count;
    start = Math.min(start, time ? time[0] : 0);
    end = Math.max(end, time ? time[count - 1] : count - 1);
    indexes.forEach((col, k) => {
      if (col < 0) return;
      const values = chunks.readColumn(e.index, col, e.length);
      for (let r = 0; r < count; r++) builders[k].push(values[r]);
    });
  }
  return {
    createdAt: new Date().toISOString(),
    rows,
    period: rows > 0 ? { start, end, kind: detail.summary.timeKind } : null,
    features: builders.map((b) => b.finish()),
  };
}

/** How many leading rows of an entity belong to the training split. */
function trainingRows(split: SplitInfo, entity: string, length: number, time: Float64Array | null): number {
  if (split.mode === 'entity') return split.entities?.train.includes(entity) ? length : 0;
  const b = split.boundaries.find((x) => x.entity === entity);
  const cutoff = b ? (b.validationStart ?? b.testStart) : null;
  if (cutoff === null) return length;
  let r = 0;
  while (r < length && (time ? time[r] : r) < cutoff) r++;
  return r;
}
