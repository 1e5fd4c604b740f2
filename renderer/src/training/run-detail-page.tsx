/** One recorded run: outcome, metrics, loss curves, the data split and the full config as YAML. */
import { useMemo, useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import { formatVariant } from '../../../shared/model/variant-text';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';
import { fmtCount, fmtDuration, fmtLocalDate } from '../common/format';
import { AlertIcon } from '../common/icons';
import { LossChart } from '../common/loss-chart';
import { BaselineNote, fmtMetric, metricNames } from './run-metrics';
import { RunSplit } from './run-split';
import { RunStatusBadge } from './run-status';
import { historyCurves } from './runs-compare';
import { StatCard } from '../common/stat-card';
import { TrainCancelDialog } from './train-cancel-dialog';
import { StopIcon } from '../common/train-icons';
import { RunBreadcrumb } from './run-breadcrumb';
import { useRun } from './training-queries';

/** Loads the run and lays out its sections. */
export function RunDetailPage({
  id,
  datasets,
  onRuns,
  onDataset,
  onEvaluate,
}: {
  id: string;
  datasets: DatasetSummary[] | null;
  onRuns: () => void;
  onDataset: (id: number) => void;
  /** Opens the Evaluation page for the run's model (`NAME@VERSION`) on its dataset. */
  onEvaluate: (model: string, datasetId: number) => void;
}) {
  const report = useReportError();
  const { run, failed } = useRun(id);

  // A run still training (e.g. started before a reload) can be stopped from here too.
  const [confirming, setConfirming] = useState(false);
  const [stopping, setStopping] = useState(false);
  const stop = async (keepBest: boolean) => {
    setStopping(true);
    try {
      await getApi().jobs.cancel({ jobId: id, keepBest });
    } catch (err) {
      report('Stopping the training', err);
    } finally {
      setStopping(false);
      setConfirming(false);
    }
  };

  const curves = useMemo(() => (run ? historyCurves([run], false) : []), [run]);
  const yaml = useMemo(() => (run ? formatVariant(run.config) : ''), [run]);

  if (!run) {
    return (
      <div className="page" data-testid="run-page-loading">
        <div className="placeholder">
          {failed ? (
            <>
              This run could not be opened.{' '}
              <button type="button" className="link" onClick={onRuns}>
                Back to runs
              </button>
            </>
          ) : (
            'Loading run…'
          )}
        </div>
      </div>
    );
  }

  const dataset = datasets?.find((d) => d.id === run.datasetId);
  const names = metricNames(run.metrics);
  return (
    <div className="page" data-testid="run-page">
      <div className="page-header">
        <div className="dataset-title-block">
          <RunBreadcrumb runId={run.id} onRuns={onRuns} />
          <h1 className="page-title">{run.model ? `${run.model.name} v${run.model.version}` : `Run ${run.id.slice(0, 8)}`}</h1>
          <div className="page-subtitle meta-line">
            <RunStatusBadge status={run.status} error={run.error} />
            <span>
              on{' '}
              {dataset ? (
                <button type="button" className="link" onClick={() => onDataset(run.datasetId)}>
                  {run.datasetName}
                </button>
              ) : (
                run.datasetName
              )}
            </span>
            <span>Started {fmtLocalDate(run.startedAt)}</span>
            <span className="mono" title="SHA-256 of the dataset's source file">
              {run.fingerprint.slice(0, 12)}
            </span>
          </div>
        </div>
        {run.model && run.status !== 'running' && (
          <button type="button" className="button primary" onClick={() => onEvaluate(`${run.model!.name}@${run.model!.version}`, run.datasetId)} data-testid="run-evaluate">
            Evaluate
          </button>
        )}
        {run.status === 'running' && (
          <button type="button" className="button danger-outline" onClick={() => setConfirming(true)} data-testid="run-cancel">
            <StopIcon />
            Cancel
          </button>
        )}
      </div>
      {confirming && (
        <TrainCancelDialog busy={stopping} canKeep={run.history.length > 0} onConfirm={(keepBest) => void stop(keepBest)} onClose={() => setConfirming(false)} />
      )}

      {run.error && (
        <div className={`alert ${run.status === 'cancelled' ? 'alert-warning' : 'alert-error'}`} data-testid="run-error">
          <AlertIcon />
          <div className="alert-message">{run.error}</div>
        </div>
      )}

      <BaselineNote metrics={run.metrics} task={run.task} />
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
        <RunSplit split={run.split} timeKind={dataset?.timeKind ?? 'index'} />
        {names.length > 3 && (
          <section className="card">
            <div className="card-header">
              <h2 className="card-title">All validation metrics</h2>
            </div>
            <table className="table compact">
              <tbody>
                {names.map((n) => (
                  <tr key={n}>
                    <td>{n}</td>
                    <td className="num mono">{fmtMetric(n, run.metrics[n])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
    </div>
  );
}
