/** The outcome of a run started in this window: saved model, validation metrics, how it ended. */
import type { TrainSession } from './train-session';
import { fmtCount, fmtDuration } from '../common/format';
import { AlertIcon } from '../common/icons';
import { ModelSelectionNote } from './model-selection-note';
import { BaselineNote, RunMetrics } from './run-metrics';
import { CheckCircleIcon, ModelIcon } from '../common/train-icons';

/** Renders the result card of a finished session (completed, cancelled or failed). */
export function TrainResultCard({
  session,
  onOpenRun,
  onTrainAgain,
  onEvaluate,
}: {
  session: TrainSession;
  onOpenRun: () => void;
  onTrainAgain: () => void;
  /** Opens the Evaluation page for the saved model (`NAME@VERSION`). */
  onEvaluate: (model: string) => void;
}) {
  const r = session.result;
  const model = r?.model ?? null;
  const status = session.status;
  const epochs = r?.run.history.length ?? session.history.epochs.length;
  const planned = r?.run.config.training.epochs ?? session.history.last?.epochs ?? null;

  const headline =
    status === 'completed'
      ? 'Training complete'
      : status === 'cancelled'
        ? model
          ? 'Cancelled — best model kept'
          : 'Cancelled — no model saved'
        : 'Training failed';
  return (
    <section className={`card result-card result-${status}`} data-testid="train-result" data-status={status}>
      <div className="card-header">
        <h2 className="card-title result-title">
          {status === 'failed' ? <AlertIcon /> : <CheckCircleIcon />}
          {headline}
        </h2>
        <div className="card-header-tools">
          {model && (
            <button type="button" className="button small primary" onClick={() => onEvaluate(`${model.name}@${model.version}`)} data-testid="result-evaluate">
              Evaluate
            </button>
          )}
          {(r || status !== 'failed') && (
            <button type="button" className="button small" onClick={onOpenRun} data-testid="result-open-run">
              View run
            </button>
          )}
          <button type="button" className="button small" onClick={onTrainAgain}>
            Train another
          </button>
        </div>
      </div>
      <div className="card-body result-body">
        {session.error && status === 'failed' && (
          <div className="alert alert-error" data-testid="train-error">
            <AlertIcon />
            <div className="alert-message">{session.error}</div>
          </div>
        )}
        {model && (
          <div className="result-model" data-testid="result-model">
            <ModelIcon width={22} height={22} />
            <div className="ellipsis">
              <div className="strong">
                {model.name} <span className="tag">v{model.version}</span>
              </div>
              <div className="muted small ellipsis" title={model.path}>
                {model.path}
              </div>
            </div>
          </div>
        )}
        {r && (
          <dl className="result-facts">
            <div>
              <dt>Validation metrics</dt>
              <dd>
                <RunMetrics metrics={r.run.metrics} limit={4} />
                <BaselineNote metrics={r.run.metrics} task={r.run.task} />
              </dd>
            </div>
            <div>
              <dt>Epochs</dt>
              <dd data-testid="result-epochs">
                {fmtCount(epochs)}
                {planned !== null && ` of ${fmtCount(planned)}`}
                {r.stoppedEarly && <span className="tag tag-accent">stopped early</span>}
                <ModelSelectionNote run={r.run} />
              </dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd>{fmtDuration(r.run.durationMs)}</dd>
            </div>
            <div>
              <dt>Speed</dt>
              <dd>
                {fmtCount(r.samplesPerSecond)} samples/s on <span className="tag">{r.backend}</span>
              </dd>
            </div>
          </dl>
        )}
        {!r && status === 'cancelled' && <p className="muted">The run was stopped{session.keepBest ? '.' : ' and its weights discarded.'}</p>}
      </div>
    </section>
  );
}
