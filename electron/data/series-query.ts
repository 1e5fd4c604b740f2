import type Database from 'better-sqlite3';
import type { SeriesRequest, SeriesResult } from '../../shared/dataset';
import { UserError } from '../../shared/errors';
import { minMaxDownsample, sliceRange } from '../../shared/stats/downsample';
import { getDatasetDetail } from '../store/dataset-repo';
import { SeriesChunks } from '../store/series-chunks';

const DEFAULT_POINTS = 2000;
const MAX_POINTS = 20_000;

/**
 * Chart data for some columns of one entity: reads the stored chunks, cuts the requested x range and
 * downsamples each column with min-max buckets so peaks survive and the chart stays fast at any size.
 */
export function querySeries(db: Database.Database, req: SeriesRequest): SeriesResult {
  const detail = getDatasetDetail(db, req.datasetId);
  const entity = detail.entities.find((e) => e.index === req.entity);
  if (!entity) throw new UserError(`Dataset ${req.datasetId} has no entity number ${req.entity}; it has ${detail.entities.length}.`);
  const chunks = new SeriesChunks(db, req.datasetId);
  const timeIdx = detail.columns.findIndex((c) => c.role === 'time');
  const x =
    timeIdx >= 0 ? chunks.readColumn(entity.index, timeIdx, entity.length) : Float64Array.from({ length: entity.length }, (_, i) => i);
  const [from, to] = req.range ? sliceRange(x, req.range[0], req.range[1]) : [0, x.length];
  const budget = Math.min(Math.max(10, req.maxPoints ?? DEFAULT_POINTS), MAX_POINTS);
  const xs = x.subarray(from, to);
  const traces = req.columns.map((name) => {
    const col = detail.columns.findIndex((c) => c.name === name);
    if (col < 0 || col === timeIdx) {
      const choices = detail.columns.filter((c) => c.role !== 'time').map((c) => c.name);
      throw new UserError(`Column \`${name}\` is not a data column of this dataset. Choose from: ${choices.join(', ')}.`);
    }
    const y = chunks.readColumn(entity.index, col, entity.length).subarray(from, to);
    return { column: name, ...minMaxDownsample(xs, y, budget) };
  });
  return { xKind: detail.summary.timeKind, traces, totalPoints: to - from, downsampled: to - from > budget };
}
