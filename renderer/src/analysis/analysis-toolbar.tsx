/**
 * The top card of every analysis page: model and dataset pickers, the page's own options, Run, and
 * while it runs a progress bar with Cancel; a failure or a cancel is said below.
 */
import type { ReactNode } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import type { AnalysisPageState } from './analysis-page-state';
import { fmtCount } from '../common/format';
import { AlertIcon } from '../common/icons';
import { JobProgressView } from '../common/progress-bar';
import { PlayIcon, StopIcon } from '../common/train-icons';

/** Renders the pickers, options and Run/Cancel for one analysis job. */
export function AnalysisToolbar({
  page,
  datasets,
  runLabel,
  onRun,
  runBlocked,
  children,
  trainedLabel = 'training data: test split',
}: {
  page: AnalysisPageState<unknown>;
  datasets: DatasetSummary[] | null;
  runLabel: string;
  onRun: () => void;
  /** Why Run is disabled (shown as its tooltip), or null. */
  runBlocked?: string | null;
  /** The page's options (horizon, coverage, limits...). */
  children?: ReactNode;
  /** How the model's training dataset is marked in the dataset picker. */
  trainedLabel?: string;
}) {
  const { target, job, busy, onModel, onDataset } = page;
  const { models, model, datasetId } = target;
  const blocked = !model ? 'Choose a model first.' : datasetId === null ? 'Choose a dataset first.' : (runBlocked ?? model.blocked);
  return (
    <section className="card analysis-toolbar" data-testid="analysis-toolbar">
      <div className="card-body analysis-toolbar-row">
        <label className="field analysis-model">
          <span className="field-label">Model</span>
          <select value={model?.ref ?? ''} onChange={(e) => onModel(e.target.value)} disabled={!models || busy} data-testid="analysis-model">
            {!model && <option value="">{models ? (models.length ? 'Choose a model…' : 'No saved models yet') : 'Loading…'}</option>}
            {(models ?? []).map((m) => (
              <option key={m.ref} value={m.ref} disabled={m.blocked !== null} title={m.blocked ?? undefined}>
                {m.alias ? `${m.summary.name}:${m.alias} → v${m.summary.version}` : `${m.summary.name} v${m.summary.version}`} — {m.summary.task}
                {m.blocked ? ' (not for this page)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field analysis-dataset">
          <span className="field-label">Dataset</span>
          <select value={datasetId ?? ''} onChange={(e) => onDataset(Number(e.target.value))} disabled={!datasets || busy} data-testid="analysis-dataset">
            {datasetId === null && <option value="">{datasets ? 'Choose a dataset…' : 'Loading…'}</option>}
            {(datasets ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {d.id === model?.trainedOn ? ` (${trainedLabel})` : ` — ${fmtCount(d.rows)} rows`}
              </option>
            ))}
          </select>
        </label>
        {children}
        <div className="analysis-actions">
          {busy ? (
            <button type="button" className="button danger-outline" onClick={() => void job.cancel()} disabled={job.status === 'cancelling'} data-testid="analysis-cancel">
              <StopIcon />
              {job.status === 'cancelling' ? 'Stopping…' : 'Cancel'}
            </button>
          ) : (
            <button type="button" className="button primary" onClick={onRun} disabled={blocked !== null} title={blocked ?? undefined} data-testid="analysis-run">
              <PlayIcon />
              {runLabel}
            </button>
          )}
        </div>
      </div>
      {models?.length === 0 && (
        <div className="alert alert-info analysis-alert" data-testid="analysis-no-models">
          <AlertIcon />
          <div className="alert-message">No saved models yet. Train one on the Train page (in the sidebar) and it appears here.</div>
        </div>
      )}
      {(target.missing || model?.blocked) && (
        <div className="alert alert-warning analysis-alert" data-testid="analysis-model-note">
          <AlertIcon />
          <div className="alert-message">
            {target.missing ? `There is no saved model ${target.missing}. Choose one above.` : `${model!.ref} is ${model!.blocked}. Choose another model above.`}
          </div>
        </div>
      )}
      {busy && (
        <JobProgressView job={job} testId="analysis-progress" />
      )}
      {job.status === 'failed' && job.error && (
        <div className="alert alert-error analysis-alert" data-testid="analysis-error">
          <AlertIcon />
          <div className="alert-message">{job.error}</div>
        </div>
      )}
      {job.status === 'cancelled' && (
        <div className="alert alert-warning analysis-alert" data-testid="analysis-cancelled">
          <AlertIcon />
          <div className="alert-message">Cancelled. Nothing was changed; run it again when you are ready.</div>
        </div>
      )}
    </section>
  );
}
