/**
 * The sections of a model-version report besides the validation: the data, the configuration,
 * the training curves, forecasts with intervals, attention and importance, the risk table and
 * the environment.
 */
import type { DatasetDetail } from '../../../shared/dataset';
import type { AnalysedData, Explanation, ForecastResult, RiskReport } from '../../../shared/evaluation/analysis-types';
import { fmtPct } from '../../../shared/format';
import { explanationTables, forecastTable, riskTable } from '../../../shared/reports/analysis-tables';
import { columnsTable, configTable, dataTable, environmentTable, modelTable, riskSettingsTable, trainingTable } from '../../../shared/reports/context-tables';
import type { ModelVersionDetail } from '../../../shared/registry/types';
import type { ReportEnvironment } from '../../../shared/reports/types';
import { barChart } from '../charts/bar-chart';
import { lineChart } from '../charts/line-chart';
import { notesHtml, para } from './document';
import { section, timeAxisTitle, type BuiltSection } from './section';

/** File, fingerprint, rows, entities, period, and the column profiles. */
export function dataSection(d: DatasetDetail, used?: AnalysedData): BuiltSection {
  return section('data', 'Data', [dataTable(d, used), columnsTable(d), d.warnings.length > 0 && notesHtml(d.warnings)]);
}

/** The version's facts and configuration. */
export function configSection(v: ModelVersionDetail): BuiltSection {
  return section('configuration', 'Configuration', [modelTable(v), v.notes && para(`Notes: ${v.notes}`), configTable(v)]);
}

/** Loss and validation loss per epoch. */
export function trainingSection(v: ModelVersionDetail): BuiltSection {
  const h = v.lineage.history;
  if (h.length === 0) return section('training', 'Training curves', [para('This version has no recorded training curve (it was imported without one).', 'muted')]);
  const epochs = h.map((e) => e.epoch);
  const chart = lineChart({
    title: `Loss per epoch (${v.lineage.config.training.loss})`,
    xLabel: 'epoch',
    yLabel: 'loss',
    integerX: true,
    series: [
      { name: 'training loss', x: epochs, y: h.map((e) => e.loss) },
      { name: 'validation loss', x: epochs, y: h.map((e) => e.valLoss), style: 'dash' },
    ],
    height: 230,
  });
  return section('training', 'Training curves', [chart, trainingTable(v)]);
}

/** One chart and one table per forecast entity. */
export function forecastSection(forecasts: ForecastResult[], timeColumn: string | null): BuiltSection {
  const parts = forecasts.flatMap((f) => {
    const charts = f.targets.map((t) =>
      lineChart({
        title: `${f.entity}: ${t.name}, ${f.horizon} steps ahead with ${fmtPct(f.coverage, 0)} intervals`,
        xLabel: timeAxisTitle(f.timeKind, timeColumn),
        yLabel: t.name,
        xKind: f.timeKind === 'datetime' ? 'datetime' : 'number',
        series: [
          { name: 'history', x: t.history.time, y: t.history.values, color: '#111827' },
          { name: 'forecast', x: [t.history.time.at(-1)!, ...t.forecast.time], y: [t.history.values.at(-1)!, ...t.forecast.point], style: 'dash' },
        ],
        bands: [{ name: `${fmtPct(f.coverage, 0)} interval`, x: t.forecast.time, lower: t.forecast.lower, upper: t.forecast.upper }],
      }),
    );
    const flag = f.reliability.flag === 'ok' ? '' : para(`Reliability of the input: ${f.reliability.flag}: ${f.reliability.reasons.join('; ')}.`, 'muted');
    return [...charts, flag, forecastTable(f)];
  });
  const notes = [...new Set(forecasts.flatMap((f) => f.notes))];
  const intro = para("From each entity's latest data; the band is the split-conformal interval calibrated on the validation split.");
  return section('forecasts', 'Forecasts with intervals', [intro, ...parts, notesHtml(notes)], { pageStart: true });
}

/** Attention, saliency and permutation importance. */
export function explanationSection(e: Explanation): BuiltSection {
  const tables = new Map(explanationTables(e).map((t) => [t.id, t]));
  const steps = e.steps.map(String);
  const imp = [...e.importance.features].sort((a, b) => b.mean - a.mean);
  return section(
    'explanation',
    'Attention and importance',
    [
      imp.length > 0 &&
        barChart({
          title: `Permutation importance: increase of the ${e.importance.metric} when a feature is shuffled (95% interval)`,
          categories: imp.map((f) => f.feature),
          series: [{ name: 'importance', values: imp.map((f) => f.mean), low: imp.map((f) => f.low), high: imp.map((f) => f.high) }],
          categoryLabel: 'feature',
          valueLabel: `increase of the ${e.importance.metric}`,
          horizontal: true,
        }),
      tables.get('importance'),
      e.attention &&
        barChart({
          title: `Attention per input step: window ${e.window.index} (${e.window.entity}) and the average over ${e.windows.toLocaleString('en-US')} windows`,
          categories: steps,
          series: [
            { name: 'this window', values: e.attention.window },
            { name: 'average', values: e.attention.average },
          ],
          categoryLabel: 'input step (0 = the latest)',
          valueLabel: 'weight',
        }),
      e.saliency &&
        barChart({
          title: `Gradient saliency per input step of window ${e.window.index} (${e.window.entity})`,
          categories: steps,
          series: [{ name: 'saliency', values: e.saliency.perStep }],
          categoryLabel: 'input step (0 = the latest)',
          valueLabel: 'share of the gradient',
        }),
      tables.get('attention'),
      tables.get('saliency'),
      notesHtml(e.notes),
    ],
    { pageStart: true },
  );
}

/** The ranked maintenance list with its settings. */
export function riskSection(r: RiskReport, coverage: number, id = 'risk', title = 'Risk table'): BuiltSection {
  const levels = (['high', 'medium', 'low'] as const).map((l) => `${r.rows.filter((x) => x.level === l).length} ${l}`).join(', ');
  const ranked = `${r.rows.length} ${r.rows.length === 1 ? 'entity' : 'entities'} ranked: ${levels}.`;
  return section(id, title, [riskSettingsTable(r, coverage), para(ranked), riskTable(r), notesHtml(r.notes)]);
}

/** The app, backend and machine. */
export function environmentSection(env: ReportEnvironment): BuiltSection {
  return section('environment', 'Environment', [environmentTable(env)]);
}
