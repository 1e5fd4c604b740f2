/**
 * The tables that say what a report is about: the data (file, fingerprint, rows, entities, period,
 * columns), the model's configuration and training curve, the environment, the fleet-risk settings
 * and a drift check's per-feature tests. Pure TypeScript.
 */
import type { DatasetDetail } from '../dataset';
import type { DriftReport } from '../drift/types';
import type { AnalysedData, RiskReport } from '../evaluation/analysis-types';
import { fmtBytes, fmtDateTime, fmtInterval, fmtNumber, fmtTimeValue } from '../format';
import { isPlainObject } from '../model/variant';
import { describeSplit } from '../training/split-text';
import type { ModelVersionDetail } from '../registry/types';
import { col, factsTable } from './table-format';
import type { Cell, ReportEnvironment, ReportTable } from './types';

/** The earliest start and latest end over the dataset's entities, or null. */
export function datasetPeriod(d: DatasetDetail): { start: number; end: number } | null {
  const starts = d.entities.map((e) => e.start).filter((v): v is number => v !== null);
  const ends = d.entities.map((e) => e.end).filter((v): v is number => v !== null);
  return starts.length > 0 && ends.length > 0 ? { start: Math.min(...starts), end: Math.max(...ends) } : null;
}

/** File, fingerprint, rows, entities, period and sampling of the dataset, and which windows were used. */
export function dataTable(d: DatasetDetail, used?: AnalysedData): ReportTable {
  const s = d.summary;
  const period = datasetPeriod(d);
  const facts: [string, Cell][] = [
    ['Dataset', `${s.name} (id ${s.id})`],
    ['File', s.sourcePath ?? '(not recorded)'],
    ['Size', fmtBytes(s.sizeBytes)],
    ['Fingerprint (SHA-256)', s.fingerprint],
    ['Rows', s.rows],
    ['Entities', s.entities],
    ['Period', period ? `${fmtTimeValue(period.start, s.timeKind)} – ${fmtTimeValue(period.end, s.timeKind)}` : '(no time column)'],
    ['Time column', s.timeColumn ?? '(row order)'],
    ['Entity column', s.entityColumn ?? '(one series)'],
    ['Sampling interval', d.interval === null ? '—' : fmtInterval(d.interval, s.timeKind)],
    ['Gaps', d.gapCount],
    ['Imported', s.createdAt],
  ];
  if (used) {
    facts.push(['Windows evaluated', `${used.windows.toLocaleString('en-US')} (${used.split === 'test' ? 'the held-out test split of the training data' : 'every labelled window'})`]);
    if (used.period) facts.push(['Evaluated period', `${fmtTimeValue(used.period.start, used.timeKind)} – ${fmtTimeValue(used.period.end, used.timeKind)}`]);
  }
  return factsTable('data', 'Data', facts);
}

/** Per-column profile of the dataset. */
export function columnsTable(d: DatasetDetail): ReportTable {
  return {
    id: 'columns',
    title: 'Columns',
    columns: [col('column', 'Column', 'text'), col('role', 'Role', 'text'), col('type', 'Type', 'text'), col('count', 'Count', 'count'), col('missing', 'Missing', 'percent'), col('min', 'Min'), col('max', 'Max'), col('mean', 'Mean'), col('std', 'Std')],
    rows: d.columns.map((c) => {
      const date = (v: number | null) => (v === null ? null : fmtDateTime(v));
      const stats: Cell[] = c.type === 'datetime' ? [date(c.min), date(c.max), null, null] : [c.min, c.max, c.mean, c.std];
      return [c.name, c.role, c.type, c.count, c.missingPct / 100, ...stats];
    }),
  };
}

/** The version's facts: name, task, lineage, size, inputs and outputs, aliases, the split. */
export function modelTable(v: ModelVersionDetail): ReportTable {
  const facts: [string, Cell][] = [
    ['Model', `${v.name} v${v.version}`],
    ['Task', v.task],
    ['Created', v.createdAt],
    ['Source', v.lineage.source],
    ['Trained on', `${v.lineage.datasetName} (${v.lineage.fingerprint.slice(0, 12)}…)`],
    ['Preset', v.lineage.preset ?? '(none)'],
    ['Parameters', v.parameters],
    ['Features', v.featureNames.join(', ')],
    ['Targets', v.task === 'classify' ? `classes: ${v.classNames.join(', ')}` : v.targetNames.join(', ')],
    ['Aliases', v.aliases.join(', ') || '(none)'],
    ['Tags', v.tags.join(', ') || '(none)'],
  ];
  const split = v.lineage.split;
  if (split) facts.push(['Split', describeSplit(split)]);
  return factsTable('model', 'Model version', facts);
}

/** Every setting of the version's configuration, by dotted path. */
export function configTable(v: ModelVersionDetail): ReportTable {
  return { id: 'configuration', title: 'Settings', columns: [col('setting', 'Setting', 'text'), col('value', 'Value', 'text')], rows: flattenLeaves(v.lineage.config) };
}

/** Every leaf of a JSON value as [dotted path, value]; arrays and nulls are one leaf each. */
export function flattenLeaves(value: unknown, at = ''): [string, Cell][] {
  if (isPlainObject(value)) return Object.entries(value).flatMap(([k, v]) => flattenLeaves(v, at ? `${at}.${k}` : k));
  const cell: Cell = value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : (value as Cell);
  return [[at || '(root)', cell]];
}

/** The per-epoch losses of the training run. */
export function trainingTable(v: ModelVersionDetail): ReportTable {
  return {
    id: 'training',
    title: 'Training curve',
    columns: [col('epoch', 'Epoch', 'count'), col('loss', 'Loss'), col('val_loss', 'Validation loss'), col('learning_rate', 'Learning rate'), col('seconds', 'Seconds')],
    rows: v.lineage.history.map((e) => [e.epoch, e.loss, e.valLoss, e.learningRate, e.durationMs / 1000]),
  };
}

/** The app, backend and machine the report was made on. */
export function environmentTable(env: ReportEnvironment): ReportTable {
  return factsTable('environment', 'Environment', [
    ['LSTM Studio', `${env.appVersion} (${env.mode})`],
    ['Engine backend', `TensorFlow.js ${env.tfjsVersion} on ${env.backend}`],
    ['Operating system', env.os],
    ['CPU', env.cpu],
    ['Cores', env.cores],
    ['Memory', fmtBytes(env.memoryBytes)],
    ['Node.js', env.node],
    ['Electron', env.electron ?? '(not in the desktop app)'],
    ['Report made', env.createdAt],
  ]);
}

/** The settings of a fleet-risk run. */
export function riskSettingsTable(r: RiskReport, coverage: number): ReportTable {
  return factsTable('settings', 'Settings', [
    ['Model', `${r.model.name} v${r.model.version} (${r.model.task})`],
    ['Dataset', r.datasetName],
    ['Scored by', r.source === 'rul' ? 'predicted remaining useful life' : 'forecasts crossing the alarm limits'],
    ['Alarm limits', r.limits.length > 0 ? r.limits.map((l) => `${l.column} ${l.op} ${l.value}`).join(', ') : '(none: a RUL model)'],
    ['Interval coverage', `${Math.round(coverage * 100)}%`],
    ['Horizon', `${r.model.horizon} steps`],
    ['Entities scored', r.rows.length],
  ]);
}

/** One row per feature tested (and the model's predictions, when checked). */
export function driftTable(d: DriftReport): ReportTable {
  const features = d.predictions ? [...d.features, { ...d.predictions, name: /predict/i.test(d.predictions.name) ? d.predictions.name : `${d.predictions.name} (predictions)` }] : d.features;
  return {
    id: 'drift-features',
    title: 'Per-feature tests',
    columns: [
      col('feature', 'Feature', 'text'),
      col('test', 'Test', 'text'),
      col('statistic', 'Statistic'),
      col('threshold', 'Threshold', 'number', 'export'),
      col('drift_if', 'Drifts at', 'text', 'display'),
      col('drifted', 'Drifted', 'flag'),
      col('reference_count', 'Ref. values', 'count'),
      col('current_count', 'New values', 'count'),
      col('reference_mean', 'Ref. mean'),
      col('current_mean', 'New mean'),
      col('ks_distance', 'KS D'),
      col('psi', 'PSI'),
    ],
    rows: features.map((f) => [
      f.name,
      f.test === 'ks' ? 'KS p-value' : 'Wasserstein / std',
      f.statistic,
      f.threshold,
      f.test === 'ks' ? `p < ${f.threshold}` : `≥ ${f.threshold}`,
      f.drifted,
      f.referenceCount,
      f.currentCount,
      f.referenceMean,
      f.currentMean,
      f.ksDistance,
      f.psi,
    ]),
  };
}

/** The verdict and thresholds of a drift check. */
export function driftSummaryTable(d: DriftReport): ReportTable {
  const facts: [string, Cell][] = [
    ['Model', `${d.model.name} v${d.model.version}`],
    ['Dataset', `${d.dataset.name} (id ${d.dataset.id}, ${d.dataset.rows.toLocaleString('en-US')} rows)`],
    ['Fingerprint (SHA-256)', d.dataset.fingerprint],
    ['Checked', d.at],
    ['Verdict', d.drifted ? 'drifted' : 'no drift'],
    ['Features drifted', `${d.features.filter((f) => f.drifted).length} of ${d.features.length} (${Math.round(d.share * 100)}%)`],
    ['Dataset threshold', `${Math.round(d.shareThreshold * 100)}% of the features`],
  ];
  for (const f of d.features) if (f.untested !== undefined) facts.push([`Not tested: ${f.name}`, f.untested]);
  if (d.predictions) facts.push(['Prediction drift', d.predictions.drifted ? 'drifted' : 'no drift']);
  else if (d.unchecked?.predictions) facts.push(['Prediction drift', `cannot be checked: ${d.unchecked.predictions}`]);
  if (!d.performance && d.unchecked?.performance) facts.push(['Performance', `cannot be checked: ${d.unchecked.performance}`]);
  const p = d.performance;
  if (p) facts.push(['Performance', `${p.metric} ${fmtNumber(p.current)} on ${p.windows.toLocaleString('en-US')} windows against ${fmtNumber(p.reference)} at training (${p.ratio.toFixed(2)}x; degraded from ${p.threshold}x): ${p.degraded ? 'degraded' : 'within bounds'}`]);
  return factsTable('drift-summary', 'Verdict', facts);
}
