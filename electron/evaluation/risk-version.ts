/**
 * The fleet's maintenance list: every entity's latest window scored, its risk from forecasts
 * crossing the user's alarm limits (forecast models) or from its predicted remaining life (RUL
 * models), ranked from the highest risk down.
 */
import type { AlarmLimit, RiskReport, RiskRequest, RiskRow } from '../../shared/evaluation/analysis-types';
import { halfWidthsFor } from '../../shared/evaluation/conformal';
import { limitRisk, recommendedAction, riskLevel, rulRisk, type RiskAssessment } from '../../shared/evaluation/risk';
import { UserError } from '../../shared/errors';
import { fmtTimeValue } from '../../shared/format';
import type { Analysis } from './analysis-context';
import type { AnalysisControl } from './analysis-control';
import { calibrationOf, checkCoverage } from './calibration';
import { medianStep } from './time-steps';
import { scoreWindowSet } from './window-scores';
import { evaluationSets, scoringSet } from './window-sets';

/** Ranks every entity by its failure risk. */
export async function riskVersion(a: Analysis, req: RiskRequest, control: AnalysisControl): Promise<RiskReport> {
  const m = a.metadata;
  const limits = req.limits ?? [];
  if (m.task !== 'forecast' && m.task !== 'rul') throw new UserError(`${a.summary.name}@${a.summary.version} is a ${m.task} model; fleet risk needs a forecast model with alarm limits, or a RUL model.`);
  if (m.task === 'forecast') checkLimits(limits, m.targetNames);
  const coverage = checkCoverage(req.coverage);
  control.step('Scoring the latest window of every entity', 0.2);
  const set = scoringSet(a, { latestOnly: true });
  const scored = scoreWindowSet(a, set);
  control.step('Calibrating the intervals', 0.6);
  const table = calibrationOf(a, m.calibration ? null : a.sameAsTraining ? evaluationSets(a).calibrate : null);
  const widths = table ? halfWidthsFor(table, coverage) : null;
  const notes = [...set.notes];
  if (!widths) notes.push('This model has no interval calibration: times to failure are shown without intervals.');
  const H = m.horizon;
  const T = m.targetNames.length;
  const reference = m.config.rul.cap ?? m.targetScaler?.columns[0]?.scale ?? 1;
  const rows = set.batch.meta.map((w, i): RiskRow => {
    const series = a.series[set.entity[i]];
    const step = medianStep(series.time);
    let assessment: RiskAssessment;
    if (m.task === 'rul') {
      const rul = scored.predicted[i];
      const half = widths ? widths[0] : 0;
      assessment = rulRisk(rul, rul - half, rul + half, reference);
    } else {
      const perLimit = limits.map((limit) => {
        const t = m.targetNames.indexOf(limit.column);
        const point = Array.from({ length: H }, (_, h) => scored.predicted[(i * H + h) * T + t]);
        const half = point.map((_, h) => (widths ? widths[h * T + t] : 0));
        return limitRisk(point, point.map((p, h) => p - half[h]), point.map((p, h) => p + half[h]), limit);
      });
      assessment = perLimit.reduce((x, y) => (y.score > x.score ? y : x));
    }
    const level = riskLevel(assessment.score);
    const central = assessment.steps?.central ?? null;
    const at = central === null ? null : w.end + central * step;
    const { flag: reliability, reasons: reliabilityReasons } = scored.reliability[i];
    return {
      entity: w.entity,
      score: assessment.score,
      level,
      timeToFailure: assessment.steps ? { steps: assessment.steps.central, lower: assessment.steps.lower, upper: assessment.steps.upper, at } : null,
      driver: assessment.driver,
      action: recommendedAction(level, assessment.driver, reliability, at === null ? null : fmtTimeValue(at, a.detail.summary.timeKind)),
      reliability,
      reliabilityReasons,
      lastTime: w.end,
    };
  });
  rows.sort((x, y) => y.score - x.score || x.entity.localeCompare(y.entity, 'en', { numeric: true }));
  const skipped = a.series.length - rows.length;
  if (skipped > 0) notes.push(`${skipped} entit${skipped === 1 ? 'y has' : 'ies have'} fewer rows than the model's window (${m.window}) and could not be scored.`);
  return { model: a.info, datasetName: a.detail.summary.name, source: m.task === 'rul' ? 'rul' : 'limits', limits, timeKind: a.detail.summary.timeKind, step: medianStep(a.series[0]?.time ?? null), rows, notes };
}

/** A forecast model needs at least one limit, each on a column it forecasts. */
function checkLimits(limits: readonly AlarmLimit[], targets: readonly string[]): void {
  if (limits.length === 0) {
    throw new UserError(`Fleet risk from a forecast model needs an alarm limit on a forecast column, e.g. ${targets[0]} > 90 (CLI: --limit '${targets[0]}>90').`);
  }
  for (const l of limits) {
    if (!targets.includes(l.column)) throw new UserError(`Alarm limit on \`${l.column}\`: the model does not forecast that column. It forecasts: ${targets.join(', ')}.`);
    if (!Number.isFinite(l.value) || (l.op !== '>' && l.op !== '<')) throw new UserError(`Alarm limit ${l.column} ${l.op} ${l.value}: use > or < and a number, e.g. ${l.column} > 90.`);
  }
}
