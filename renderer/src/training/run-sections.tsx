/** The body of a run's page: key figures, the loss curves, the split, every metric and the config as YAML. */
import { useMemo } from 'react';
import type { TimeKind } from '../../../shared/dataset';
import type { RunDetail } from '../../../shared/model/training';
import { formatVariant } from '../../../shared/model/variant-text';
import { fmtCount, fmtDuration } from '../common/format';
import { LossChart } from '../common/loss-chart';
import { StatCard } from '../common/stat-card';
import { ModelSelectionNote } from './model-selection-note';
import { BaselineNote, fmtMetric, MetricsTable, metricNames } from './run-metrics';
import { RunSplit } from './run-split';
import { historyCurves } from './runs-compare';

/** Renders the sections of a recorded run (`timeKind`: its dataset's time axis, for the split). */
export function RunSections({ run, timeKind }: { run: RunDetail; timeKind: TimeKind }) {
  const curves = useMemo(() => historyCurves([run], false), [run]);
  const yaml = useMemo(() => formatVariant(run.config), [run]);
  const names = metricNames(run.metrics);
  return (
    <>
      <BaselineNote metrics={run.metrics} task={run.task} />
      <ModelSelectionNote run={run} />
      <div className="stat-grid">
        <StatCard label="Task" value={run.task} sub={run.preset ? `preset ${run.preset}` : 'custom config'} />
        <StatCard label="Epochs" value={fmtCount(run.epochs)} sub={`of ${fmtCount(run.config.training.epochs)} planned`} />
        <StatCard label="Duration" value={fmtDuration(run.durationMs)} sub={run.backend ? `on ${run.backend}` : undefined} />
        {names.slice(0, 3).map((n) => (
          <StatCard key={n} label={n} value={fmtMetric(n, run.metrics[n])} sub="validation" testId={`run-metric-${n}`} />
        ))}
        <StatCard
          label="Model"
          value={run.model ? `v${run.model.version}` : '—'}
          sub={run.model ? run.model.name : 'not saved'}
          title={run.model?.path}
          testId="run-model"
        />
      </div>

      <section className="card">
        <div className="card-header">
          <h2 className="card-title">Loss</h2>
          <span className="muted small">solid: loss · dashed: validation loss</span>
        </div>
        <LossChart curves={curves} testId="run-loss-chart" emptyText="This run recorded no epochs." />
      </section>

      <div className="two-col">
        <RunSplit split={run.split} timeKind={timeKind} />
        {names.length > 3 && (
          <section className="card">
            <div className="card-header">
              <h2 className="card-title">All validation metrics</h2>
            </div>
            <MetricsTable metrics={run.metrics} names={names} />
          </section>
        )}
      </div>

      <section className="card" data-testid="run-config">
        <div className="card-header">
          <h2 className="card-title">Config</h2>
          <span className="muted small">YAML, as resolved for this run</span>
        </div>
        <pre className="code-block" data-testid="run-config-yaml">
          {yaml}
        </pre>
      </section>
    </>
  );
}
