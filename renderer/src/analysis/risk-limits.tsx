/** The alarm limits editor of the Fleet risk page: a forecast column, > or <, and a value, as many as needed. */
import type { AlarmLimit } from '../../../shared/evaluation/analysis-types';
import type { ColumnProfile } from '../../../shared/dataset';
import { fmtNumber } from '../common/format';
import { CloseIcon } from '../common/icons';

/** A limit as typed: the value stays text until it parses. */
export interface LimitDraft {
  column: string;
  op: AlarmLimit['op'];
  value: string;
}

/** A starting limit on `column`: above mean + 2 standard deviations of the dataset, rounded. */
export function suggestLimit(column: string, profile: ColumnProfile | undefined): LimitDraft {
  const mean = profile?.mean ?? null;
  const std = profile?.std ?? null;
  const v = mean !== null && std !== null ? mean + 2 * std : (profile?.max ?? 0);
  return { column, op: '>', value: String(Number(v.toPrecision(3))) };
}

/** The limits that parse, or null when one does not (the editor marks it). */
export function parseLimits(drafts: readonly LimitDraft[]): AlarmLimit[] | null {
  const limits = drafts.map((d) => ({ column: d.column, op: d.op, value: d.value.trim() === '' ? NaN : Number(d.value) }));
  return limits.every((l) => Number.isFinite(l.value)) ? limits : null;
}

/** Renders one row per limit, with Add and remove. */
export function RiskLimits({
  drafts,
  columns,
  profiles,
  disabled,
  onChange,
}: {
  drafts: LimitDraft[];
  /** The columns the model forecasts. */
  columns: string[];
  profiles: ColumnProfile[];
  disabled: boolean;
  onChange: (next: LimitDraft[]) => void;
}) {
  const set = (i: number, patch: Partial<LimitDraft>) => onChange(drafts.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const profileOf = (c: string) => profiles.find((p) => p.name === c);
  return (
    <div className="risk-limits" data-testid="risk-limits">
      <span className="field-label">Alarm limits</span>
      {drafts.map((d, i) => {
        const ok = d.value.trim() !== '' && Number.isFinite(Number(d.value));
        const p = profileOf(d.column);
        return (
          <div key={i} className="risk-limit" data-testid="risk-limit">
            <select value={d.column} onChange={(e) => set(i, { column: e.target.value })} disabled={disabled} aria-label="Column" data-testid="risk-limit-column">
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <select value={d.op} onChange={(e) => set(i, { op: e.target.value as AlarmLimit['op'] })} disabled={disabled} aria-label="Direction" data-testid="risk-limit-op">
              <option value=">">goes above</option>
              <option value="<">goes below</option>
            </select>
            <input type="number" value={d.value} onChange={(e) => set(i, { value: e.target.value })} className={`num-input wide${ok ? '' : ' invalid'}`} disabled={disabled} aria-label="Limit value" data-testid="risk-limit-value" />
            {p && p.min !== null && p.max !== null && (
              <span className="muted small" title="Range of this column in the dataset">
                range {fmtNumber(p.min)} – {fmtNumber(p.max)}
              </span>
            )}
            {drafts.length > 1 && (
              <button type="button" className="icon-button" onClick={() => onChange(drafts.filter((_, k) => k !== i))} disabled={disabled} aria-label="Remove this limit">
                <CloseIcon />
              </button>
            )}
          </div>
        );
      })}
      <button type="button" className="link small" onClick={() => onChange([...drafts, suggestLimit(columns[0], profileOf(columns[0]))])} disabled={disabled || columns.length === 0} data-testid="risk-limit-add">
        + Add a limit
      </button>
    </div>
  );
}
