/** Forecasts H steps ahead for one entity from its latest data, with split-conformal intervals. */
import type { ForecastRequest, ForecastResult } from '../../shared/evaluation/analysis-types';
import { halfWidthsFor } from '../../shared/evaluation/conformal';
import { UserError } from '../../shared/errors';
import type { Analysis } from './analysis-context';
import type { AnalysisControl } from './analysis-control';
import { calibrationOf, checkCoverage } from './calibration';
import { medianStep } from './time-steps';
import { scoreWindowSet } from './window-scores';
import { evaluationSets, scoringSet } from './window-sets';

/** The forecast of `req.entity` (default: the first) from the window ending at its latest row. */
export async function forecastVersion(a: Analysis, req: ForecastRequest, control: AnalysisControl): Promise<ForecastResult> {
  const m = a.metadata;
  if (m.task !== 'forecast') throw new UserError(`${a.summary.name}@${a.summary.version} is a ${m.task} model; forecasting needs a forecast model. Use the evaluation${m.task === 'rul' ? ' or fleet risk' : ''} page for it.`);
  const coverage = checkCoverage(req.coverage);
  const horizon = req.horizon ?? m.horizon;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > m.horizon) {
    throw new UserError(`horizon: ${horizon} is not allowed: this model forecasts 1 to ${m.horizon} steps ahead. Train a model with a longer input.horizon to see further.`);
  }
  const entities = a.series.map((s) => s.name);
  const entity = req.entity ?? entities[0];
  control.step('Scoring the latest window', 0.2);
  const set = scoringSet(a, { latestOnly: true, entities: [entity] });
  const scored = scoreWindowSet(a, set);
  control.step('Calibrating the intervals', 0.5);
  const table = calibrationOf(a, m.calibration ? null : a.sameAsTraining ? evaluationSets(a).calibrate : null);
  const widths = table ? halfWidthsFor(table, coverage) : null;
  const series = a.series[set.entity[0]];
  const row = set.batch.meta[0].row;
  const step = medianStep(series.time);
  const lastTime = series.time ? series.time[row] : row;
  const historySteps = Math.max(1, Math.floor(req.historySteps ?? 5 * m.window));
  const from = Math.max(0, row - historySteps + 1);
  const T = m.targetNames.length;
  const notes = [...set.notes];
  if (!widths) notes.push('This model has no interval calibration (no validation split was at hand): only the point forecast is shown.');
  const targets = m.targetNames.map((name, t) => {
    const point = Array.from({ length: horizon }, (_, h) => scored.predicted[h * T + t]);
    const half = point.map((_, h) => (widths ? widths[h * T + t] : NaN));
    const raw = series.columns[name];
    return {
      name,
      history: { time: range(from, row).map((r) => (series.time ? series.time[r] : r)), values: range(from, row).map((r) => raw[r]) },
      forecast: { time: point.map((_, h) => lastTime + step * (h + 1)), point, lower: point.map((p, h) => p - half[h]), upper: point.map((p, h) => p + half[h]) },
    };
  });
  return { model: a.info, datasetName: a.detail.summary.name, entity, entities, timeKind: a.detail.summary.timeKind, step, horizon, coverage, targets, reliability: scored.reliability[0], notes };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
}
