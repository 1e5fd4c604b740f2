/**
 * The validation report of a model version on a dataset: the held-out test split (or every
 * labelled window of other data) scored beside naive baselines, interval coverage, a walk-forward
 * backtest, reliability flags, and the findings in plain sentences.
 */
import type { AnalysedData, EvaluateRequest, EvaluationReport } from '../../shared/evaluation/analysis-types';
import { countFlags } from '../../shared/evaluation/reliability';
import { baselineVerdict } from '../../shared/evaluation/baseline-verdict';
import { gateMetricsOf } from '../../shared/registry/report-metrics';
import { fmtInt } from '../../shared/errors';
import { fmtNumber, fmtPct } from '../../shared/format';
import type { WindowBatch } from '../../shared/training/prepared';
import { initEngine } from '../engine/backend';
import type { Analysis } from './analysis-context';
import type { AnalysisControl } from './analysis-control';
import { walkForward } from './backtest';
import { calibrationOf, checkCoverage, intervalCoverage } from './calibration';
import { classificationEvaluation } from './classification-evaluation';
import { regressionEvaluation } from './regression-evaluation';
import { rulEvaluation } from './rul-evaluation';
import { scoreWindowSet } from './window-scores';
import { evaluationSets } from './window-sets';

/** Builds the report; `control` reports progress and carries the cancel signal. */
export async function evaluateVersion(a: Analysis, req: EvaluateRequest, control: AnalysisControl): Promise<EvaluationReport> {
  const started = Date.now();
  const engine = await initEngine();
  const coverage = checkCoverage(req.coverage);
  control.step('Cutting the evaluation windows', 0.05);
  const sets = evaluationSets(a);
  control.step(`Scoring ${fmtInt(sets.evaluate.batch.n)} windows`, 0.15);
  const scored = scoreWindowSet(a, sets.evaluate);
  control.step('Scoring the baselines and calibrating the intervals', 0.7);
  const task = a.metadata.task;
  const report: EvaluationReport = {
    model: a.info,
    data: analysedData(a, sets.evaluate.batch, sets.evaluate.split),
    reliability: countFlags(scored.reliability.map((r) => r.flag)),
    summary: [],
    notes: [...sets.evaluate.notes],
    backend: engine.backend,
    durationMs: 0,
  };
  if (task === 'forecast' || task === 'regress') report.regression = regressionEvaluation(a, sets.evaluate, scored, req.season, sets.train);
  if (task === 'rul') report.rul = rulEvaluation(a, sets.evaluate, scored, sets.train);
  if (task === 'classify') report.classification = classificationEvaluation(a, scored, sets.evaluate, sets.train, (share) => control.step('Scoring the 1-nearest-neighbour baselines', 0.7 + 0.15 * share));
  const table = calibrationOf(a, sets.calibrate);
  if (table) report.intervals = intervalCoverage(table, scored, coverage);
  else if (task !== 'classify') report.notes.push('No interval calibration is stored with this model and no validation split is at hand, so intervals are not shown. Evaluate on the training dataset, or retrain.');
  control.step('Backtesting', 0.9);
  report.backtest = walkForward(a, sets.evaluate, scored, table, coverage, req.backtestStride, req.backtestEntity) ?? undefined;
  report.summary = summarise(report);
  report.durationMs = Date.now() - started;
  return report;
}

/** What the report ran on. */
export function analysedData(a: Analysis, batch: WindowBatch, split: 'test' | 'validation' | 'all'): AnalysedData {
  let start = Infinity;
  let end = -Infinity;
  for (const w of batch.meta) {
    start = Math.min(start, w.end);
    end = Math.max(end, w.end);
  }
  return {
    datasetId: a.detail.summary.id,
    datasetName: a.detail.summary.name,
    fingerprint: a.detail.summary.fingerprint,
    split: split === 'test' ? 'test' : 'all',
    windows: batch.n,
    entities: new Set(batch.meta.map((w) => w.entity)).size,
    timeKind: a.detail.summary.timeKind,
    period: batch.n > 0 ? { start, end } : null,
  };
}

/** The findings, in sentences a person can repeat. */
function summarise(r: EvaluationReport): string[] {
  const out: string[] = [];
  const where = r.data.split === 'test' ? `the held-out test split of ${r.data.datasetName}` : `every labelled window of ${r.data.datasetName}`;
  out.push(`Evaluated on ${fmtInt(r.data.windows)} windows from ${fmtInt(r.data.entities)} entit${r.data.entities === 1 ? 'y' : 'ies'}: ${where}.`);
  const imp = r.regression?.improvement ?? r.rul?.improvement;
  if (imp) {
    const better = imp.percent >= 0;
    out.push(`The model's MAE is ${fmtNumber(imp.model)} against ${fmtNumber(imp.reference)} for the best baseline (${imp.baseline.toLowerCase()}): ${Math.abs(imp.percent).toFixed(1)}% ${better ? 'lower' : 'higher'}.`);
  }
  if (r.rul) out.push(`PHM08 score over the last window of ${fmtInt(r.rul.phm08Entities)} entities: ${fmtNumber(r.rul.phm08)} (constant baseline ${fmtNumber(r.rul.baseline.phm08)}; lower is better).`);
  if (r.classification) {
    const c = r.classification;
    const others = c.baselines ?? [];
    const best = others.reduce<{ label: string; accuracy: number }>((b, x) => (x.accuracy > b.accuracy ? x : b), c.baseline);
    const rest = others.filter((x) => x.label !== best.label && x.key !== 'majority');
    const also = [best === c.baseline ? null : `${c.baseline.label.toLowerCase()} ${fmtPct(c.baseline.accuracy)}`, ...rest.map((x) => `${x.label} ${fmtPct(x.accuracy)}`)].filter(Boolean);
    out.push(`Accuracy ${fmtPct(c.accuracy)} against ${fmtPct(best.accuracy)} for the best baseline (${best === c.baseline ? best.label.toLowerCase() : best.label})${also.length ? `; ${also.join(', ')}` : ''}.`);
  }
  const verdict = baselineVerdict(gateMetricsOf(r).metrics, r.model.task, r.data.split === 'test' ? 'the held-out test split' : r.data.datasetName);
  if (verdict && !verdict.beats) out.push(verdict.sentence, verdict.advice ?? '');
  if (r.intervals) {
    const i = r.intervals;
    const off = Math.abs(i.measured - i.nominal) > 0.05;
    out.push(`${fmtPct(i.nominal, 0)} intervals covered ${fmtPct(i.measured)} of the actual values${off ? ' (more than 5 points from nominal: the test data behaves differently from the validation data)' : ''}.`);
  }
  const flagged = r.reliability.caution + r.reliability.unreliable;
  if (flagged > 0) out.push(`${fmtInt(flagged)} of ${fmtInt(r.data.windows)} predictions carry a reliability warning (${fmtInt(r.reliability.unreliable)} unreliable).`);
  return out;
}
