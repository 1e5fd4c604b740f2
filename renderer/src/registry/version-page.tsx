/** One model version: key figures, lineage, training curves, validation metrics, tags and notes, its alias moves and config. */
import { useMemo } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import { formatVariant } from '../../../shared/model/variant-text';
import type { AliasEvent, RegisteredModel } from '../../../shared/registry/types';
import { fmtCount, fmtLocalDate, fmtSteps } from '../common/format';
import { versionCurves } from '../common/version-curves';
import { AliasBadges } from './alias-badges';
import { AliasHistory } from './alias-history';
import { LossChart } from '../common/loss-chart';
import { DriftAlertBanner, ModelBreadcrumb } from './model-overview';
import type { RegistryActions } from './models-page';
import { BaselineNote, fmtMetric, MetricsTable, metricNames } from '../training/run-metrics';
import { StatCard } from '../common/stat-card';
import { VersionLineage } from './version-lineage';
import { VersionNotes } from './version-notes';
import { ExportReportButton } from '../reports/export-report-button';
import { useModelVersion } from './registry-queries';

/** Loads version `version` of `model` (again after each registry change) and lays it out. */
export function VersionPage({
  model,
  version,
  history,
  datasets,
  actions,
}: {
  model: RegisteredModel;
  version: number;
  history: AliasEvent[] | null;
  datasets: DatasetSummary[] | null;
  actions: RegistryActions;
}) {
  const ref = `${model.name}@${version}`;
  const { value: d, failed } = useModelVersion(ref);
  const curves = useMemo(() => (d ? versionCurves([{ label: `v${d.version}`, history: d.lineage.history }]) : []), [d]);
  const yaml = useMemo(() => (d ? formatVariant(d.lineage.config) : ''), [d]);
  const { navigate } = actions;

  if (!d) {
    return <div className="placeholder">{failed ? `${model.name} has no version ${version}.` : 'Loading the version…'}</div>;
  }
  const names = metricNames(d.metrics);
  const epochs = d.lineage.history.length;
  const datasetId = d.lineage.datasetId !== null && datasets?.some((x) => x.id === d.lineage.datasetId) ? d.lineage.datasetId : null;
  return (
    <div className="page-part" data-testid="version-page" data-ref={ref}>
      <div className="page-header">
        <div className="dataset-title-block">
          <ModelBreadcrumb name={model.name} version={`v${version}`} navigate={navigate} />
          <h1 className="page-title" data-testid="version-title">
            {model.name} v{version}
          </h1>
          <div className="page-subtitle meta-line">
            <span className="tag">{d.task}</span>
            <span>created {fmtLocalDate(d.createdAt)}</span>
            <AliasBadges aliases={d.aliases} empty={<span className="muted">no alias</span>} />
          </div>
        </div>
        <div className="header-actions">
          <button type="button" className="button" onClick={() => navigate({ page: 'analysis', view: 'evaluate', model: ref, datasetId })} data-testid="version-evaluate">
            Evaluate
          </button>
          <button type="button" className="button" onClick={() => navigate({ page: 'analysis', view: 'drift', model: ref, datasetId: null })} data-testid="version-drift">
            Check drift
          </button>
          {datasetId !== null && <ExportReportButton target={{ kind: 'model', model: ref, datasetId }} label="Report" />}
          <button type="button" className="button" onClick={() => actions.exportVersion(version)} data-testid="version-export">
            Export
          </button>
          <button type="button" className="button danger-outline" onClick={() => actions.remove(d)} data-testid="version-delete">
            Delete
          </button>
          <button type="button" className="button primary" onClick={() => actions.deploy(version)} data-testid="version-deploy">
            Deploy…
          </button>
        </div>
      </div>

      {d.aliases.includes('production') && <DriftAlertBanner model={model} onCheck={() => navigate({ page: 'analysis', view: 'drift', model: ref, datasetId: null })} />}
      <BaselineNote metrics={d.metrics} task={d.task} />
      <div className="stat-grid">
        {names.slice(0, 3).map((n) => (
          <StatCard key={n} label={n} value={fmtMetric(n, d.metrics[n])} sub="validation" testId={`version-metric-${n}`} />
        ))}
        <StatCard label="Parameters" value={fmtCount(d.parameters)} sub={`${d.lineage.config.recurrent.cell.toUpperCase()} ${d.lineage.config.recurrent.units.join(' × ')}`} />
        <StatCard label="Window" value={fmtSteps(d.window)} sub={d.task === 'forecast' ? `horizon ${fmtSteps(d.horizon)}` : d.task} />
        <StatCard label="Epochs" value={fmtCount(epochs)} sub={`of ${fmtCount(d.lineage.config.training.epochs)} planned`} />
      </div>

      <div className="two-col">
        <VersionLineage d={d} datasets={datasets} navigate={navigate} />
        <div className="card-stack">
          <VersionNotes key={ref} d={d} />
          <section className="card" data-testid="version-metrics">
            <div className="card-header">
              <h2 className="card-title">Validation metrics</h2>
              <span className="muted small">On the validation split at training</span>
            </div>
            {names.length === 0 ? (
              <div className="placeholder">No metrics were stored.</div>
            ) : (
              <MetricsTable metrics={d.metrics} names={names} />
            )}
          </section>
        </div>
      </div>

      <section className="card">
        <div className="card-header">
          <h2 className="card-title">Training curves</h2>
          <span className="muted small">solid: loss · dashed: validation loss</span>
        </div>
        <LossChart curves={curves} testId="version-loss-chart" emptyText="No epochs were recorded for this version (e.g. an imported Keras model)." />
      </section>

      <AliasHistory events={history} version={version} testId="version-alias-history" />

      <section className="card" data-testid="version-config">
        <div className="card-header">
          <h2 className="card-title">Config</h2>
          <span className="muted small">YAML, as trained</span>
        </div>
        <pre className="code-block">{yaml}</pre>
      </section>
    </div>
  );
}
