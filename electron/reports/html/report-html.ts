/**
 * The three reports as HTML documents: a model version on a dataset, a fleet-risk run and a drift
 * check. Each is assembled from its sections; every table in them is returned too (for CSV/JSON).
 */
import type { DatasetDetail } from '../../../shared/dataset';
import type { DriftReport } from '../../../shared/drift/types';
import type { EvaluationReport, Explanation, ForecastResult, RiskReport } from '../../../shared/evaluation/analysis-types';
import { fmtDateTime, fmtPct } from '../../../shared/format';
import { driftSummaryTable, driftTable } from '../../../shared/reports/context-tables';
import type { ReportEnvironment, ReportTable } from '../../../shared/reports/types';
import type { ModelVersionDetail } from '../../../shared/registry/types';
import { barChart } from '../charts/bar-chart';
import type { ReportData } from '../gather-report';
import { notesHtml, para, reportDocument } from './document';
import { evaluationSection } from './evaluation-section';
import { configSection, dataSection, environmentSection, explanationSection, forecastSection, riskSection, trainingSection } from './model-sections';
import { section, type BuiltSection } from './section';

/** A rendered report. */
export interface RenderedReport {
  title: string;
  html: string;
  sections: string[];
  tables: ReportTable[];
}

/** Everything a model-version report shows. */
export interface ModelReportData {
  version: ModelVersionDetail;
  dataset: DatasetDetail;
  evaluation: EvaluationReport;
  forecasts: ForecastResult[];
  explanation: Explanation | null;
  risk: RiskReport | null;
  coverage: number;
  environment: ReportEnvironment;
  /** Sections left out, and why. */
  notes: string[];
}

/** The model-version report. */
export function modelReportHtml(d: ModelReportData): RenderedReport {
  const v = d.version;
  const timeColumn = d.dataset.summary.timeColumn;
  const sections: BuiltSection[] = [
    dataSection(d.dataset, d.evaluation.data),
    configSection(v),
    trainingSection(v),
    evaluationSection(d.evaluation, timeColumn),
  ];
  if (d.forecasts.length > 0) sections.push(forecastSection(d.forecasts, timeColumn));
  if (d.explanation) sections.push(explanationSection(d.explanation));
  if (d.risk) sections.push(riskSection(d.risk, d.coverage));
  if (d.notes.length > 0) sections.push(section('notes', 'Notes', [notesHtml(d.notes)]));
  sections.push(environmentSection(d.environment));
  const title = `${v.name} v${v.version} on ${d.dataset.summary.name}`;
  return render(title, `Model report: a ${v.task} model, validated ${d.evaluation.data.split === 'test' ? 'on the held-out test split of its training data' : 'on another dataset'}`, d.evaluation.summary, d.environment, sections);
}

/** The fleet-risk report: settings, the ranked table, the environment. */
export function riskReportHtml(r: RiskReport, dataset: DatasetDetail, coverage: number, env: ReportEnvironment): RenderedReport {
  const high = r.rows.filter((x) => x.level === 'high');
  const summary = [
    high.length > 0 ? `${high.length} of ${r.rows.length} entities are at high risk: ${high.slice(0, 5).map((x) => x.entity).join(', ')}${high.length > 5 ? ', ...' : ''}.` : `None of the ${r.rows.length} entities is at high risk.`,
    ...(r.rows[0] ? [`Highest: ${r.rows[0].entity} (risk ${r.rows[0].score}): ${r.rows[0].driver}. ${r.rows[0].action}`] : []),
  ];
  const sections = [riskSection(r, coverage, 'risk', 'Maintenance list'), dataSection(dataset), environmentSection(env)];
  return render(`Fleet risk of ${dataset.summary.name} by ${r.model.name} v${r.model.version}`, `Fleet-risk report: ${r.source === 'rul' ? 'ranked by predicted remaining life' : 'forecasts against alarm limits'}`, summary, env, sections);
}

/** The drift report: the verdict and thresholds, the per-feature tests. */
export function driftReportHtml(d: DriftReport, dataset: DatasetDetail | null, env: ReportEnvironment): RenderedReport {
  const drifted = d.features.filter((f) => f.drifted);
  const verdict = `<p><span class="verdict ${d.drifted ? 'bad' : 'good'}">${d.drifted ? 'Drifted' : 'No drift'}</span></p>`;
  const byPsi = [...d.features].sort((a, b) => b.psi - a.psi);
  const sections: BuiltSection[] = [
    section('verdict', 'Verdict and thresholds', [verdict, driftSummaryTable(d), para(d.method)]),
    section('features', 'Per-feature tests', [
      driftTable(d),
      byPsi.length > 0 &&
        barChart({
          title: 'Population stability index per feature (over the training deciles; 0.1 moderate, 0.25 large shift)',
          categories: byPsi.map((f) => f.name),
          series: [{ name: 'PSI', values: byPsi.map((f) => f.psi) }],
          categoryLabel: 'feature',
          valueLabel: 'PSI',
          horizontal: true,
        }),
      notesHtml(d.notes),
    ]),
  ];
  if (dataset) sections.push(dataSection(dataset));
  sections.push(environmentSection(env));
  const summary = [
    `${drifted.length} of ${d.features.length} features drifted (${fmtPct(d.share, 0)}); the dataset counts as drifted from ${fmtPct(d.shareThreshold, 0)}: ${d.drifted ? 'drifted' : 'no drift'}.`,
    ...(drifted.length > 0 ? [`Drifted: ${drifted.map((f) => f.name).join(', ')}.`] : []),
  ];
  return render(`Drift of ${d.dataset.name} against ${d.model.name} v${d.model.version}`, `Drift report: checked ${fmtDateTime(Date.parse(d.at))} UTC`, summary, env, sections);
}

function render(title: string, subtitle: string, summary: string[], env: ReportEnvironment, sections: BuiltSection[]): RenderedReport {
  const meta = [`Made ${fmtDateTime(Date.parse(env.createdAt))} UTC`, `LSTM Studio ${env.appVersion}`, `${env.backend} backend`, env.os];
  return { title, html: reportDocument({ title, subtitle, summary, meta }, sections), sections: sections.map((s) => s.title), tables: sections.flatMap((s) => s.tables) };
}

/** Renders what the worker gathered. */
export function renderReport(data: ReportData, env: ReportEnvironment, coverage: number): RenderedReport {
  if (data.kind === 'model') return modelReportHtml({ ...data, coverage, environment: env });
  return data.kind === 'risk' ? riskReportHtml(data.risk, data.dataset, coverage, env) : driftReportHtml(data.drift, data.dataset, env);
}
