/**
 * Interval calibration: split conformal on the validation split, stored with the model at training
 * time (so forecasts on new data get intervals) and recomputed for models saved without it.
 */
import type * as TF from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import type { IntervalCoverage } from '../../shared/evaluation/analysis-types';
import { fitConformal, halfWidthsFor, measureCoverage, type ConformalTable } from '../../shared/evaluation/conformal';
import { toOriginalUnits } from '../../shared/training/original-units';
import type { PreparedData } from '../../shared/training/prepared';
import { predict } from '../engine/predict';
import type { Analysis } from './analysis-context';
import { scoreWindowSet, type ScoredWindows } from './window-scores';
import type { WindowSet } from './window-sets';

/** The default nominal coverage of intervals. */
export const DEFAULT_COVERAGE = 0.9;

/** Conformal widths from a trained model's validation split (null for classify or without validation windows). */
export function calibrateOnValidation(model: TF.LayersModel, prepared: PreparedData): ConformalTable | null {
  if (prepared.task === 'classify' || prepared.validation.n === 0) return null;
  const pred = predict(model, prepared.validation.x, prepared.validation.n, prepared.inputShape);
  const { predicted, actual } = toOriginalUnits(prepared, 'validation', pred);
  return fitConformal(predicted, actual, stepsOf(prepared.task, prepared.horizon), prepared.targetNames.length);
}

/** The model's stored calibration, else one fitted on the calibration windows (null when neither exists). */
export function calibrationOf(a: Analysis, calibrate: WindowSet | null): ConformalTable | null {
  if (a.metadata.task === 'classify') return null;
  if (a.metadata.calibration) return a.metadata.calibration;
  if (!calibrate) return null;
  const scored = scoreWindowSet(a, calibrate);
  return fitConformal(scored.predicted, scored.actual, stepsOf(a.metadata.task, a.metadata.horizon), a.metadata.targetNames.length);
}

/** Nominal against measured coverage of the intervals on the evaluated windows. */
export function intervalCoverage(table: ConformalTable, scored: ScoredWindows, coverage: number): IntervalCoverage {
  const widths = halfWidthsFor(table, coverage);
  const measured = measureCoverage(scored.predicted, scored.actual, widths, table.horizon, table.targets);
  return {
    method: 'split conformal (absolute residuals per horizon step, validation split)',
    nominal: coverage,
    measured: measured.overall,
    perStep: measured.perStep.map((c, h) => ({ step: h + 1, halfWidth: widths.slice(h * table.targets, (h + 1) * table.targets), coverage: c })),
    calibrationWindows: table.windows,
  };
}

/** Checks a requested coverage (0.5-0.99), defaulting to 0.9. */
export function checkCoverage(coverage: number | undefined): number {
  const c = coverage ?? DEFAULT_COVERAGE;
  if (!(typeof c === 'number' && c >= 0.5 && c <= 0.99)) {
    throw new UserError(`coverage: ${String(coverage)} is not allowed: use a number from 0.5 to 0.99, such as 0.9 for 90% intervals.`);
  }
  return c;
}

function stepsOf(task: string, horizon: number): number {
  return task === 'forecast' ? horizon : 1;
}
