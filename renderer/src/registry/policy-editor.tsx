/** A model's policy: metric thresholds and age limits a deploy must meet, and the drift share that raises its alert. */
import { useEffect, useState } from 'react';
import { formatThreshold, parseThresholds } from '../../../shared/registry/thresholds';
import type { BaselineGateMode, ModelPolicy } from '../../../shared/registry/types';
import { useAction } from '../common/use-action';
import { useOperationMutation } from '../common/use-operation';
import { useModelPolicy } from './registry-queries';

interface Draft {
  thresholds: string;
  maxModelAgeDays: string;
  maxDataAgeDays: string;
  /** Percent of features. */
  driftPct: string;
  baselineGate: BaselineGateMode;
}

function toDraft(p: ModelPolicy): Draft {
  return {
    thresholds: p.thresholds.map(formatThreshold).join(', '),
    maxModelAgeDays: p.maxModelAgeDays === null ? '' : String(p.maxModelAgeDays),
    maxDataAgeDays: p.maxDataAgeDays === null ? '' : String(p.maxDataAgeDays),
    driftPct: String(Math.round(p.driftShare * 1000) / 10),
    baselineGate: p.baselineGate,
  };
}

/** Reads the draft into a policy, or throws with what to fix. */
function fromDraft(d: Draft): ModelPolicy {
  const days = (text: string, what: string) => {
    if (text.trim() === '') return null;
    const v = Number(text);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${what} must be a positive number of days, or empty for no limit.`);
    return v;
  };
  const pct = Number(d.driftPct);
  if (!Number.isFinite(pct) || pct <= 0 || pct > 100) throw new Error('The drift alert share must be a percentage above 0 and at most 100.');
  return { thresholds: parseThresholds(d.thresholds), maxModelAgeDays: days(d.maxModelAgeDays, 'The model age limit'), maxDataAgeDays: days(d.maxDataAgeDays, 'The data age limit'), driftShare: pct / 100, baselineGate: d.baselineGate };
}

/** Loads and edits the policy of model `name`; a save reloads the registry (the gates change). */
export function PolicyEditor({ name }: { name: string }) {
  const { value: policy } = useModelPolicy(name);
  const setPolicy = useOperationMutation('models:setPolicy', ['models']);
  const [draft, setDraft] = useState<Draft | null>(null);
  const action = useAction();
  const { busy: saving, error, done: saved } = action;
  useEffect(() => {
    if (policy) setDraft(toDraft(policy));
  }, [policy]);

  const dirty = policy !== null && draft !== null && JSON.stringify(toDraft(policy)) !== JSON.stringify(draft);
  const edit = (field: keyof Draft) => (e: { target: { value: string } }) => {
    action.touch();
    setDraft((d) => (d ? { ...d, [field]: e.target.value } : d));
  };
  const save = () =>
    draft &&
    action.run(async () => {
      await setPolicy.mutateAsync({ name, policy: fromDraft(draft) });
    });

  return (
    <section className="card" data-testid="policy-editor">
      <div className="card-header">
        <h2 className="card-title">Policy</h2>
        <span className="muted small">What a deploy must meet, and when drift raises an alert</span>
      </div>
      {!draft ? (
        <div className="placeholder">Loading…</div>
      ) : (
        <div className="card-body policy-form">
          <label className="field">
            <span className="field-label">Metric thresholds</span>
            <input type="text" value={draft.thresholds} onChange={edit('thresholds')} placeholder="e.g. mae<=2.5, rmse<3 (empty: none)" data-testid="policy-thresholds" />
            <span className="field-hint">Validation metrics a version must meet to pass the thresholds gate.</span>
          </label>
          <div className="policy-row">
            <label className="field">
              <span className="field-label">Max model age (days)</span>
              <input type="number" min={1} value={draft.maxModelAgeDays} onChange={edit('maxModelAgeDays')} placeholder="no limit" className="num-input" data-testid="policy-model-age" />
            </label>
            <label className="field">
              <span className="field-label">Max training-data age (days)</span>
              <input type="number" min={1} value={draft.maxDataAgeDays} onChange={edit('maxDataAgeDays')} placeholder="no limit" className="num-input" data-testid="policy-data-age" />
            </label>
            <label className="field">
              <span className="field-label">Drift alert at (% of features)</span>
              <input type="number" min={1} max={100} value={draft.driftPct} onChange={edit('driftPct')} className="num-input" data-testid="policy-drift" />
            </label>
            <label className="field">
              <span className="field-label">A deploy must beat</span>
              <select value={draft.baselineGate} onChange={edit('baselineGate')} data-testid="policy-baseline-gate">
                <option value="best">the best baseline</option>
                <option value="naive">the naive baseline</option>
              </select>
            </label>
          </div>
          {error && <div className="field-error" data-testid="policy-error">{error}</div>}
          <div className="policy-actions">
            <button type="button" className="button primary" onClick={() => void save()} disabled={!dirty || saving} data-testid="policy-save">
              {saving ? 'Saving…' : 'Save policy'}
            </button>
            {dirty && (
              <button type="button" className="button" onClick={() => policy && setDraft(toDraft(policy))} disabled={saving}>
                Revert
              </button>
            )}
            {saved && !dirty && <span className="muted small" data-testid="policy-saved">Saved: the gates use it from the next deploy.</span>}
          </div>
        </div>
      )}
    </section>
  );
}
