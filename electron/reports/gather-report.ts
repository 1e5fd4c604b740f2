/**
 * Runs, in the analysis worker, the analyses a report is made of, on one opened model and dataset:
 * for a model version its validation report, forecasts, explanation and (when it applies) the risk
 * list; for a fleet-risk report the risk list. Each analysis is the same function the API's own
 * operation runs, so a report shows the same numbers as `evaluate --json`.
 */
import type Database from 'better-sqlite3';
import type { DatasetDetail } from '../../shared/dataset';
import type { DriftReport } from '../../shared/drift/types';
import type { EvaluationReport, Explanation, ForecastResult, RiskReport } from '../../shared/evaluation/analysis-types';
import { UserError } from '../../shared/errors';
import type { ModelVersionDetail } from '../../shared/registry/types';
import type { ReportRequest } from '../../shared/reports/types';
import { getDriftCheck } from '../drift/drift-repo';
import { driftVersion } from '../drift/drift-version';
import { initEngine } from '../engine/backend';
import type { Analysis } from '../evaluation/analysis-context';
import type { AnalysisControl } from '../evaluation/analysis-control';
import { evaluateVersion } from '../evaluation/evaluate-version';
import { explainVersion } from '../evaluation/explain-version';
import { forecastVersion } from '../evaluation/forecast-version';
import { riskVersion } from '../evaluation/risk-version';
import { versionDetail } from '../registry/version-detail';

/** Entities forecast in a model report when the request names none. */
export const DEFAULT_FORECAST_ENTITIES = 3;

/** What the worker found, for the main process to render. */
export type ReportData = { engine: { backend: string; tfjsVersion: string }; dataset: DatasetDetail; notes: string[] } & (
  | { kind: 'model'; version: ModelVersionDetail; evaluation: EvaluationReport; forecasts: ForecastResult[]; explanation: Explanation | null; risk: RiskReport | null }
  | { kind: 'risk'; risk: RiskReport }
  | { kind: 'drift'; drift: DriftReport }
);

/** Gathers the results of `req.kind`: a drift report runs (and records) a new check unless it names a recorded one. */
export async function gatherReport(a: Analysis, req: ReportRequest, control: AnalysisControl, db: Database.Database): Promise<ReportData> {
  const engine = await initEngine();
  const base = { engine: { backend: engine.backend, tfjsVersion: engine.tfjsVersion }, dataset: a.detail, notes: [] as string[] };
  const own = { model: req.model, datasetId: req.datasetId, coverage: req.coverage };
  if (req.kind === 'risk') return { ...base, kind: 'risk', risk: await riskVersion(a, { ...own, limits: req.limits }, part(control, 0.05, 0.95, '')) };
  if (req.kind === 'drift') {
    const recorded = req.driftCheckId === undefined ? null : getDriftCheck(db, req.driftCheckId);
    if (req.driftCheckId !== undefined && !recorded) throw new UserError(`There is no drift check ${req.driftCheckId}. Run \`lstm-studio drift --model NAME --data ID\` to make one.`);
    return { ...base, kind: 'drift', drift: recorded ?? (await driftVersion(a, own, part(control, 0.05, 0.95, ''), db)) };
  }

  const task = a.metadata.task;
  const version = versionDetail(db, a.summary);
  const evaluation = await evaluateVersion(a, own, part(control, 0.05, 0.45, 'Validation: '));
  const forecasts: ForecastResult[] = [];
  if (task === 'forecast') {
    const entities = req.entities && req.entities.length > 0 ? req.entities : a.series.slice(0, DEFAULT_FORECAST_ENTITIES).map((s) => s.name);
    for (const [i, entity] of entities.entries()) {
      const from = 0.45 + (0.1 * i) / entities.length;
      forecasts.push(await forecastVersion(a, { ...own, entity }, part(control, from, from + 0.1 / entities.length, `Forecast of ${entity}: `)));
    }
  }
  const explanation = await optional(base.notes, 'Attention and importance', () => explainVersion(a, own, part(control, 0.55, 0.9, 'Explanation: ')));
  const wantsRisk = task === 'rul' || (task === 'forecast' && (req.limits?.length ?? 0) > 0);
  const risk = wantsRisk ? await riskVersion(a, { ...own, limits: req.limits }, part(control, 0.9, 0.98, 'Risk: ')) : null;
  return { ...base, kind: 'model', version, evaluation, forecasts, explanation, risk };
}

/** A control whose progress fills [from, to] of the whole report, with a prefix on each phase. */
function part(control: AnalysisControl, from: number, to: number, prefix: string): AnalysisControl {
  return { signal: control.signal, step: (phase, fraction) => control.step(`${prefix}${phase}`, fraction === null ? from : from + (to - from) * fraction) };
}

/** Runs a section's analysis; a user-level problem leaves the section out with a note instead of failing the report. */
async function optional<T>(notes: string[], what: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    notes.push(`${what} left out: ${err.message}`);
    return null;
  }
}
