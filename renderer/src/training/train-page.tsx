/** The live training page: progress, a live loss chart, Cancel (optionally keeping the best model) and the result. */
import { useMemo, useState } from 'react';
import { useReportError } from '../common/error-context';
import type { LossCurve } from '../common/loss-chart-layout';
import { runColor } from '../common/loss-chart-layout';
import type { LiveHistory } from './train-history';
import { cancelTraining, isFinished, useTrainSession } from './train-session';
import { LossChart } from '../common/loss-chart';
import { TrainCancelDialog } from './train-cancel-dialog';
import { StopIcon } from '../common/train-icons';
import { TrainProgressPanel } from './train-progress';
import { TrainResultCard } from './train-result';
import { RunBreadcrumb } from './run-breadcrumb';

const TITLE = {
  running: 'Training on',
  cancelling: 'Training on',
  completed: 'Model trained on',
  cancelled: 'Run stopped on',
  failed: 'Run failed on',
} as const;

/** The curves of a live run: running batch loss (faint), loss and validation loss per epoch. */
function liveCurves(h: LiveHistory): LossCurve[] {
  const loss = runColor(0);
  const val = runColor(1);
  return [
    { name: 'Batch loss', x: h.batchX, y: h.batchY, color: loss, dash: 'dot', faint: true },
    { name: 'Loss', x: h.epochs.map((e) => e.epoch), y: h.epochs.map((e) => e.loss), color: loss, markers: true },
    { name: 'Validation loss', x: h.epochs.map((e) => e.epoch), y: h.epochs.map((e) => e.valLoss), color: val, dash: 'dash', markers: true },
  ];
}

/** Renders the page of a run started in this window; other runs link to their recorded detail. */
export function TrainPage({
  runId,
  onOpenRun,
  onConfigure,
  onRuns,
  onEvaluate,
}: {
  runId: string;
  onOpenRun: (id: string) => void;
  onConfigure: (datasetId: number) => void;
  onRuns: () => void;
  /** Opens the Evaluation page for a saved model (`NAME@VERSION`) on its dataset. */
  onEvaluate: (model: string, datasetId: number) => void;
}) {
  const report = useReportError();
  const session = useTrainSession(runId);
  const [confirming, setConfirming] = useState(false);
  const history = session?.history;
  const curves = useMemo(() => (history ? liveCurves(history) : []), [history]);

  if (!session) {
    return (
      <div className="page" data-testid="train-page-missing">
        <div className="card placeholder">
          This run was not started in this window, so its live progress is not available here.{' '}
          <button type="button" className="link" onClick={() => onOpenRun(runId)}>
            Open its recorded details
          </button>
        </div>
      </div>
    );
  }

  const { request, status } = session;
  const live = !isFinished(status);
  const p = session.history.last;
  // Whether training got as far as its first batch (a run refused at the start shows only its error).
  const started = session.history.batchX.length > 0 || session.history.epochs.length > 0;
  const cancel = async (keepBest: boolean) => {
    try {
      await cancelTraining(runId, keepBest);
    } catch (err) {
      report('Stopping the training', err);
    } finally {
      setConfirming(false);
    }
  };

  return (
    <div className="page" data-testid="train-page" data-status={status}>
      <div className="page-header">
        <div className="dataset-title-block">
          <RunBreadcrumb runId={runId} onRuns={onRuns} />
          <h1 className="page-title">
            {TITLE[status]} {session.datasetName}
          </h1>
          <div className="page-subtitle meta-line">
            <span className="tag">{request.config.task ?? 'forecast'}</span>
            {request.preset && <span className="tag">preset: {request.preset}</span>}
            {request.name && <span>Model: {request.name}</span>}
            {p && <span>{p.epochs} epoch{p.epochs === 1 ? '' : 's'} planned</span>}
          </div>
        </div>
        {live && (
          <button
            type="button"
            className="button danger-outline"
            onClick={() => setConfirming(true)}
            disabled={status === 'cancelling'}
            data-testid="train-cancel"
          >
            <StopIcon />
            {status === 'cancelling' ? 'Stopping…' : 'Cancel'}
          </button>
        )}
      </div>

      {!live && (
        <TrainResultCard
          session={session}
          onOpenRun={() => onOpenRun(runId)}
          onTrainAgain={() => onConfigure(request.datasetId)}
          onEvaluate={(model) => onEvaluate(model, request.datasetId)}
        />
      )}
      {(live || started) && <TrainProgressPanel progress={p} status={status} startedAt={session.startedAt} />}
      {(live || curves.some((c) => c.x.length > 0)) && (
        <section className="card">
          <div className="card-header">
            <h2 className="card-title">Loss</h2>
            <span className="muted small">
              {session.history.epochs.length > 0
                ? `${session.history.epochs.length} epoch${session.history.epochs.length === 1 ? '' : 's'} finished`
                : 'Updated as batches finish'}
            </span>
          </div>
          <LossChart curves={curves} maxEpoch={p?.epochs ?? null} emptyText="Waiting for the first batches…" />
        </section>
      )}

      {confirming && (
        <TrainCancelDialog
          busy={status === 'cancelling'}
          canKeep={session.history.epochs.length > 0}
          onConfirm={(keepBest) => void cancel(keepBest)}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
