/** One recorded run: outcome, metrics, loss curves, the data split and the full config as YAML. */
import { useState } from 'react';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';
import { fmtLocalDate } from '../common/format';
import { AlertIcon } from '../common/icons';
import { RunStatusBadge } from './run-status';
import { TrainCancelDialog } from './train-cancel-dialog';
import { StopIcon } from '../common/train-icons';
import { RunBreadcrumb } from './run-breadcrumb';
import { RunSections } from './run-sections';
import { useRun } from './training-queries';
import { useDatasets } from '../datasets/dataset-queries';

/** Loads the run and lays out its sections. */
export function RunDetailPage({
  id,
  onRuns,
  onDataset,
  onEvaluate,
}: {
  id: string;
  onRuns: () => void;
  onDataset: (id: number) => void;
  /** Opens the Evaluation page for the run's model (`NAME@VERSION`) on its dataset. */
  onEvaluate: (model: string, datasetId: number) => void;
}) {
  const datasets = useDatasets();
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

      <RunSections run={run} timeKind={dataset?.timeKind ?? 'index'} />
    </div>
  );
}
