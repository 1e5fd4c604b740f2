import type Database from 'better-sqlite3';
import type { DatasetDetail } from '../../shared/dataset';
import type { EntitySeries } from '../../shared/training/entity-series';
import { getDatasetDetail } from '../store/dataset-repo';
import { SeriesChunks } from '../store/series-chunks';

/**
 * Reads every stored column of every entity of a dataset into memory for training: the time column
 * becomes `time`, the others `columns` by name (category columns as integer codes, their names in
 * the column profiles). Entities come in the order of detail.entities.
 */
export function loadEntitySeries(db: Database.Database, datasetId: number): { detail: DatasetDetail; series: EntitySeries[] } {
  const detail = getDatasetDetail(db, datasetId);
  const chunks = new SeriesChunks(db, datasetId);
  const timeIdx = detail.columns.findIndex((c) => c.role === 'time');
  const series = detail.entities.map((e): EntitySeries => {
    const columns: Record<string, Float64Array> = Object.create(null);
    detail.columns.forEach((c, j) => {
      if (j !== timeIdx) columns[c.name] = chunks.readColumn(e.index, j, e.length);
    });
    return { name: e.name, label: e.label, time: timeIdx >= 0 ? chunks.readColumn(e.index, timeIdx, e.length) : null, columns };
  });
  return { detail, series };
}
