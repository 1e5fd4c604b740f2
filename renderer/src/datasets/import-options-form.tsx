/** The editable import options: file type, delimiter, header, decimal, format and column roles. */
import type { Delimiter, FileType, ImportOptions, ImportPreview } from '../../../shared/dataset';
import { delimiterLabel } from '../common/format';

const FILE_TYPES: { value: FileType; label: string }[] = [
  { value: 'delimited', label: 'Delimited text (CSV, TSV…)' },
  { value: 'json', label: 'JSON' },
  { value: 'jsonl', label: 'JSON Lines' },
];
const DELIMITERS: Delimiter[] = [',', ';', '\t', '|', 'whitespace'];

/** A change the user made to one option. */
export type OptionChange = { [K in keyof ImportOptions]-?: { key: K; value: ImportOptions[K] } }[keyof ImportOptions];

/** Renders the options form for a preview; every change is reported through onChange. */
export function ImportOptionsForm({
  preview,
  overrides,
  name,
  onName,
  onChange,
  disabled,
}: {
  preview: ImportPreview;
  /** The user's choices, shown even when the preview for them failed. */
  overrides: ImportOptions;
  name: string;
  onName: (name: string) => void;
  onChange: (change: OptionChange) => void;
  disabled: boolean;
}) {
  const o = { ...preview.options, ...overrides };
  const columnSelect = (key: 'timeColumn' | 'entityColumn' | 'labelColumn', label: string, hint: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        value={o[key] ?? ''}
        onChange={(e) => onChange({ key, value: e.target.value === '' ? null : e.target.value })}
        disabled={disabled}
        data-testid={`opt-${key}`}
      >
        <option value="">None</option>
        {preview.columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <span className="field-hint">{hint}</span>
    </label>
  );

  return (
    <div className="options-form" data-testid="import-options">
      <label className="field">
        <span className="field-label">Dataset name</span>
        <input type="text" value={name} onChange={(e) => onName(e.target.value)} disabled={disabled} data-testid="opt-name" />
      </label>

      <div className="form-section">File</div>
      <label className="field">
        <span className="field-label">File type</span>
        <select
          value={o.fileType}
          onChange={(e) => onChange({ key: 'fileType', value: e.target.value as FileType })}
          disabled={disabled}
          data-testid="opt-fileType"
        >
          {FILE_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {o.fileType === 'delimited' && (
        <>
          <label className="field">
            <span className="field-label">Delimiter</span>
            <select
              value={o.delimiter ?? ','}
              onChange={(e) => onChange({ key: 'delimiter', value: e.target.value as Delimiter })}
              disabled={disabled}
              data-testid="opt-delimiter"
            >
              {DELIMITERS.map((d) => (
                <option key={d} value={d}>
                  {delimiterLabel(d)}
                </option>
              ))}
            </select>
          </label>
          <div className="field-row">
            <label className="field">
              <span className="field-label">Header row</span>
              <select
                value={o.header ? 'yes' : 'no'}
                onChange={(e) => onChange({ key: 'header', value: e.target.value === 'yes' })}
                disabled={disabled}
                data-testid="opt-header"
              >
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
            </label>
            <label className="field narrow">
              <span className="field-label">Decimal</span>
              <select
                value={o.decimal}
                onChange={(e) => onChange({ key: 'decimal', value: e.target.value as '.' | ',' })}
                disabled={disabled}
                data-testid="opt-decimal"
              >
                <option value=".">Point ( . )</option>
                <option value=",">Comma ( , )</option>
              </select>
            </label>
          </div>
        </>
      )}

      <div className="form-section">Layout</div>
      <div className="segmented" role="radiogroup" aria-label="Format" data-testid="opt-format">
        {(['long', 'wide'] as const).map((f) => (
          <button
            type="button"
            key={f}
            role="radio"
            aria-checked={o.format === f}
            className={o.format === f ? 'active' : ''}
            onClick={() => o.format !== f && onChange({ key: 'format', value: f })}
            disabled={disabled}
          >
            <strong>{f === 'long' ? 'Long' : 'Wide'}</strong>
            <span>{f === 'long' ? 'One time step per row' : 'One sequence per row'}</span>
          </button>
        ))}
      </div>
      {o.format === 'long' &&
        columnSelect('timeColumn', 'Time column', 'Timestamps or a step index; none = row order.')}
      {columnSelect(
        'entityColumn',
        o.format === 'wide' ? 'Sequence id column' : 'Entity column',
        'Asset, unit or machine id; none = a single series.',
      )}
      {columnSelect(
        'labelColumn',
        'Label column',
        o.format === 'wide' ? 'The class of each sequence.' : 'A class or state per row (optional).',
      )}
    </div>
  );
}
