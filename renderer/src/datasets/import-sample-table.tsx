/** The first rows of the file as the importer reads them, with editable column names. */
import { useEffect, useState } from 'react';
import type { ImportPreview } from '../../../shared/dataset';

const MAX_COLUMNS = 60;
const MAX_ROWS = 25;

/** An input for one column name; commits on Enter or blur, reverts on Escape or when emptied. */
function ColumnNameInput({
  value,
  onCommit,
  disabled,
  index,
}: {
  value: string;
  onCommit: (name: string) => void;
  disabled: boolean;
  index: number;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    const next = draft.trim();
    if (next === '' || next === value) setDraft(value);
    else onCommit(next);
  };
  return (
    <input
      className="col-name-input"
      value={draft}
      size={Math.max(4, Math.min(24, draft.length + 1))}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          e.stopPropagation();
          setDraft(value);
        }
      }}
      disabled={disabled}
      aria-label={`Name of column ${index + 1}`}
      title="Click to rename this column"
      data-testid={`col-name-${index}`}
    />
  );
}

/** Renders the sample table; the header row holds the column names (editable), roles and guessed types. */
export function ImportSampleTable({
  preview,
  onRename,
  disabled,
}: {
  preview: ImportPreview;
  onRename: (index: number, name: string) => void;
  disabled: boolean;
}) {
  const o = preview.options;
  const cols = preview.columns.slice(0, MAX_COLUMNS);
  const hidden = preview.columns.length - cols.length;
  const roleOf = (c: string) =>
    c === o.timeColumn ? 'time' : c === o.entityColumn ? 'entity' : c === o.labelColumn ? 'label' : null;
  const rows = preview.sampleRows.slice(0, MAX_ROWS);
  return (
    <div className="sample">
      <div className="table-wrap sample-wrap">
        <table className="table compact sample-table" data-testid="import-sample">
          <thead>
            <tr>
              <th className="row-num">#</th>
              {cols.map((c, i) => {
                const role = roleOf(c);
                return (
                  <th key={i} className={role ? `role-${role}` : undefined}>
                    <ColumnNameInput value={c} index={i} onCommit={(n) => onRename(i, n)} disabled={disabled} />
                    <div className="col-meta">
                      <span className="type">{preview.columnTypes[i] ?? '?'}</span>
                      {role && <span className={`role-badge role-${role}`}>{role}</span>}
                    </div>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, ri) => (
              <tr key={ri}>
                <td className="row-num">{ri + 1}</td>
                {cols.map((_, ci) => (
                  <td key={ci} className="mono">
                    {r[ci] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sample-caption muted small">
        First {rows.length} rows · {preview.columns.length} columns
        {hidden > 0 && ` (showing the first ${MAX_COLUMNS})`} · click a column name to rename it
      </div>
    </div>
  );
}
