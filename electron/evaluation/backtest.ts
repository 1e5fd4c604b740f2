/**
 * Walk-forward backtest: the historical forecasts the model would have made over the evaluated
 * period of one entity, every `stride` steps, each with its interval, beside what happened.
 */
import type { Backtest } from '../../shared/evaluation/analysis-types';
import type { ConformalTable } from '../../shared/evaluation/conformal';
import { halfWidthsFor } from '../../shared/evaluation/conformal';
import { UserError } from '../../shared/errors';
import type { Analysis } from './analysis-context';
import type { ScoredWindows } from './window-scores';
import type { WindowSet } from './window-sets';

/** At most this many forecast origins are drawn. */
const MAX_ORIGINS = 400;

/**
 * Picks the windows of `entity` (default: the first evaluated one) every `stride` steps (default:
 * the horizon, so forecasts tile the period) and lays out their forecasts of the first target.
 */
export function walkForward(a: Analysis, set: WindowSet, scored: ScoredWindows, table: ConformalTable | null, coverage: number, stride?: number, entity?: string): Backtest | null {
  const m = a.metadata;
  if (m.task !== 'forecast' || set.batch.n === 0) return null;
  const H = m.horizon;
  const T = m.targetNames.length;
  const step = Math.max(1, Math.floor(stride ?? H));
  const name = entity ?? set.batch.meta[0].entity;
  const entities = [...new Set(set.batch.meta.map((w) => w.entity))];
  const indexes = set.batch.meta.map((w, i) => ({ w, i })).filter(({ w }) => w.entity === name);
  if (indexes.length === 0) throw new UserError(`The evaluated windows hold no entity \`${name}\`. Entities: ${entities.slice(0, 12).join(', ')}.`);
  const series = a.series[set.entity[indexes[0].i]];
  const timeAt = (row: number) => (series.time ? series.time[row] : row);
  const first = indexes[0].w.row;
  let picked = indexes.filter(({ w }) => (w.row - first) % step === 0);
  if (picked.length > MAX_ORIGINS) picked = picked.filter((_, k) => k % Math.ceil(picked.length / MAX_ORIGINS) === 0);
  const widths = table ? halfWidthsFor(table, coverage) : null;
  const origins = picked.map(({ w, i }) => {
    const steps = Array.from({ length: H }, (_, h) => h);
    const predicted = steps.map((h) => scored.predicted[(i * H + h) * T]);
    const half = steps.map((h) => (widths ? widths[h * T] : NaN));
    return {
      origin: w.end,
      time: steps.map((h) => timeAt(w.row + 1 + h)),
      predicted,
      lower: predicted.map((p, h) => p - half[h]),
      upper: predicted.map((p, h) => p + half[h]),
    };
  });
  const target = series.columns[m.targetNames[0]];
  const lastRow = Math.min(target.length - 1, indexes[indexes.length - 1].w.row + H);
  const from = Math.max(0, first - m.window + 1);
  const rows = Array.from({ length: lastRow - from + 1 }, (_, k) => from + k);
  return { entity: name, entities, target: m.targetNames[0], stride: step, actual: { time: rows.map(timeAt), values: rows.map((r) => target[r]) }, origins };
}
