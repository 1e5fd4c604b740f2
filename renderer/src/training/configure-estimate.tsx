/** The side panel of the Configure page: what the model will cost (parameters, size, time) and the Train button. */
import { useState } from 'react';
import type { FieldError } from '../../../shared/model/variant-validation';
import type { EstimateState } from './use-debounced-estimate';
import { fmtBytes, fmtCount, fmtDuration } from '../common/format';
import { AlertIcon } from '../common/icons';
import { PlayIcon } from '../common/train-icons';

const SHOWN_PROBLEMS = 4;

/** Moves focus to the input of a field named by its config path, when the form shows one. */
function focusField(path: string): void {
  const base = path.replace(/\[\d+\]$/, '');
  const el = document.getElementById(`cfg-${base.replace(/\./g, '-')}`);
  if (el) {
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el.focus({ preventScroll: true });
  }
}

/** One line of the estimate: a label and a value. */
function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="est-row">
      <span className="muted">{label}</span>
      <span className="mono" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

/** Renders the estimate (or why there is none yet), the model name and the Train button. */
export function ConfigureEstimate({
  state,
  errors,
  parseError,
  ready,
  defaultName,
  starting,
  onTrain,
}: {
  state: EstimateState;
  errors: FieldError[];
  parseError: string | null;
  /** A dataset is chosen and loaded. */
  ready: boolean;
  defaultName: string;
  starting: boolean;
  onTrain: (name: string | undefined) => void;
}) {
  const [name, setName] = useState('');
  const e = state.estimate;
  const blocked = !ready || errors.length > 0 || parseError !== null || starting;
  return (
    <aside className="card cfg-side" data-testid="configure-estimate">
      <div className="card-header">
        <h2 className="card-title">Estimate</h2>
        {e && (
          <span className="tag" data-testid="estimate-backend" title="TensorFlow.js backend that measured the estimate and will train">
            {e.backend}
          </span>
        )}
      </div>
      <div className={`card-body est-body${state.loading ? ' is-loading' : ''}`}>
        {e ? (
          <>
            <div className="est-headline">
              <div>
                <div className="stat-label">Parameters</div>
                <div className="est-big" data-testid="estimate-parameters">
                  {fmtCount(e.parameters)}
                </div>
              </div>
              <div>
                <div className="stat-label">Est. time</div>
                <div className="est-big" data-testid="estimate-time">
                  {fmtDuration(e.totalSeconds * 1000)}
                </div>
              </div>
            </div>
            <Row label="Model size" value={fmtBytes(e.sizeBytes)} testId="estimate-size" />
            <Row label="Input" value={`${fmtCount(e.inputShape[0])} steps × ${fmtCount(e.inputShape[1])} features`} />
            <Row label="Outputs" value={fmtCount(e.outputs)} />
            <Row label="Windows" value={`${fmtCount(e.windows.train)} / ${fmtCount(e.windows.validation)} / ${fmtCount(e.windows.test)}`} />
            <div className="est-row-note muted small">train / validation / test</div>
            <Row label="Speed" value={`${fmtCount(e.samplesPerSecond)} samples/s`} />
            <Row label="Per epoch" value={fmtDuration(e.secondsPerEpoch * 1000)} />
            {e.notes.length > 0 && (
              <ul className="est-notes muted small" data-testid="estimate-notes">
                {e.notes.map((note, i) => (
                  <li key={i}>{note}</li>
                ))}
              </ul>
            )}
          </>
        ) : state.error ? (
          <div className="alert alert-error" data-testid="estimate-error">
            <AlertIcon />
            <div className="alert-message">{state.error}</div>
          </div>
        ) : (
          <div className="muted small" data-testid="estimate-pending">
            {!ready
              ? 'Choose a dataset to see the model size and training time.'
              : errors.length > 0 || parseError
                ? 'Fix the highlighted fields to see an estimate.'
                : 'Measuring on this machine…'}
          </div>
        )}
        {e && state.error && <div className="field-error">{state.error}</div>}
        {state.loading && e && <div className="muted small">Updating…</div>}
      </div>
      <div className="card-footer cfg-train">
        <label className="field">
          <span className="field-label">Model name</span>
          <input type="text" value={name} maxLength={100} placeholder={defaultName} onChange={(ev) => setName(ev.target.value)} data-testid="cfg-model-name" />
        </label>
        {(errors.length > 0 || parseError) && (
          <div className="cfg-problems" data-testid="cfg-problems">
            <strong>{parseError ? 'The YAML/JSON does not parse.' : `${errors.length} field${errors.length === 1 ? ' needs' : 's need'} attention:`}</strong>
            {!parseError && (
              <ul>
                {errors.slice(0, SHOWN_PROBLEMS).map((err, i) => (
                  <li key={i}>
                    <button type="button" className="link" onClick={() => focusField(err.path)}>
                      {err.path}
                    </button>
                  </li>
                ))}
                {errors.length > SHOWN_PROBLEMS && <li className="muted">and {errors.length - SHOWN_PROBLEMS} more</li>}
              </ul>
            )}
          </div>
        )}
        <button
          type="button"
          className="button primary large"
          disabled={blocked}
          onClick={() => onTrain(name.trim() || undefined)}
          data-testid="train-button"
        >
          <PlayIcon />
          {starting ? 'Starting…' : 'Train model'}
        </button>
      </div>
    </aside>
  );
}
