/**
 * The Drift page: a dataset checked against a model version's training data (or the version an
 * alias such as production points at): the verdict, each feature's test against its threshold,
 * prediction and performance drift, the model's alert state and its recorded checks.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DriftReport, DriftTest } from '../../../shared/drift/types';
import { useAnalysisPage } from '../analysis/analysis-page-state';
import { getApi } from '../common/api-client';
import { driftStatisticChart } from './drift-charts';
import { useReportError } from '../common/error-context';
import { modelsRoute, type AnalysisRoute, type Route } from '../common/route';
import { driftSummaryTable, driftTable } from '../../../shared/reports/context-tables';
import { AnalysisHeader, BeforeRun, ResultNotes } from '../analysis/analysis-common';
import { ExportReportButton } from '../reports/export-report-button';
import { AnalysisToolbar } from '../analysis/analysis-toolbar';
import { DriftDistributions, DriftFeatureTable } from './drift-features';
import { DriftAlertState, DriftChecks, DriftOutputs, DriftVerdict } from './drift-status';
import { Plot } from '../common/plot';
import { useDriftChecks } from './operations-queries';
import { useRegistry, useModelPolicy } from '../registry/registry-queries';
import { useDatasets } from '../datasets/dataset-queries';

const TESTS: DriftTest[] = ['ks', 'wasserstein'];

/** Renders the pickers, Check drift, the report and the model's alert and history. */
export function DriftPage({ route, navigate }: { route: AnalysisRoute; navigate: (r: AnalysisRoute) => void }) {
  const datasets = useDatasets();
  const page = useAnalysisPage<DriftReport>(route, navigate);
  const { target, job, busy } = page;
  const report = useReportError();
  const name = target.model?.summary.name ?? null;
  // A recorded check opened from the list replaces the job's result until the next run.
  const [stored, setStored] = useState<DriftReport | null>(null);
  const [storedId, setStoredId] = useState<number | null>(null);
  useEffect(() => {
    setStored(null);
    setStoredId(null);
  }, [name]);

  // A finished check reloads these through its job's event.
  const registry = useRegistry(name !== null);
  const checks = useDriftChecks(name);
  const policy = useModelPolicy(name);
  const model = registry.value?.find((m) => m.name === name) ?? null;

  const run = () => {
    setStored(null);
    setStoredId(null);
    page.start((jobId, ref, datasetId) => getApi().drift.run({ jobId, model: ref, datasetId }));
  };
  const open = (id: number) =>
    getApi()
      .drift.get({ id })
      .then(
        (r) => {
          setStored(r);
          setStoredId(id);
        },
        (err) => report('Opening the drift check', err),
      );

  const shown = stored ?? job.result;
  const charts = useMemo(() => (shown ? TESTS.filter((t) => shown.features.some((f) => f.test === t)).map((t) => ({ test: t, chart: driftStatisticChart(shown.features, t) })) : []), [shown]);
  // The shown check as recorded (a new check is recorded as it runs), so its report shows the same numbers.
  const checkId = storedId ?? checks.value?.find((c) => shown && c.at === shown.at && c.model.version === shown.model.version)?.id;
  const tables = useMemo(() => (shown ? [driftSummaryTable(shown), driftTable(shown)] : []), [shown]);
  const exportTarget = shown && { kind: 'drift' as const, model: `${shown.model.name}@${shown.model.version}`, datasetId: shown.dataset.id, ...(checkId !== undefined ? { driftCheckId: checkId } : {}) };
  const toPolicy = () => name && (navigate as unknown as (r: Route) => void)(modelsRoute(name));
  return (
    <div className="page analysis-page" data-testid="drift-page">
      <AnalysisHeader page={page} navigate={navigate} subtitle="Has the new data moved away from what the model learned? Each feature against the training data, the model's predictions and, with targets, its error."
        actions={exportTarget && <ExportReportButton target={exportTarget} tables={tables} />}
      />
      <AnalysisToolbar page={page} datasets={datasets} runLabel="Check drift" onRun={run} trainedLabel="training data" />

      {!shown ? (
        job.status === 'idle' && (
          <BeforeRun>
            Choose a model version (or <strong>NAME:production</strong>, the version in service) and a dataset of new readings, then <strong>Check drift</strong>: each column the model reads is tested against a sample of its training split
            (Kolmogorov-Smirnov for up to 1,000 values, else the Wasserstein distance), and so are its predictions.
          </BeforeRun>
        )
      ) : (
        <div className={`analysis-result${busy ? ' is-stale' : ''}`} data-testid="drift-report">
          {stored && (
            <div className="muted small" data-testid="drift-stored">
              A recorded check, shown from the history below.
            </div>
          )}
          <DriftVerdict report={shown} />
          <DriftOutputs report={shown} />
          <section className="card">
            <div className="card-header">
              <h2 className="card-title">Per feature</h2>
              <span className="muted small">Red: drifted · the dashed line is the threshold</span>
            </div>
            {charts.map(({ test, chart }) => (
              <Plot key={test} data={chart.data} layout={chart.layout} testId={`drift-chart-${test}`} filename={`drift-${shown.model.name}-v${shown.model.version}`} />
            ))}
            <DriftFeatureTable features={shown.features} predictions={shown.predictions} />
          </section>
          <DriftDistributions report={shown} />
          <ResultNotes notes={[...shown.notes, shown.method]} />
        </div>
      )}

      <div className="drift-lower">
        <DriftAlertState model={model} threshold={policy.value?.driftShare ?? null} onPolicy={toPolicy} />
        <DriftChecks checks={checks.value} shownId={storedId} onOpen={(id) => void open(id)} />
      </div>
    </div>
  );
}
