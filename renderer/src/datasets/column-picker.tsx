/** Chooses which numeric columns to chart: chips for a few columns, a searchable list for many. */
import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../common/use-dismiss';

const CHIP_LIMIT = 12;

/** Renders the picker; `onToggle` adds or removes one column, `onClear` removes all. */
export function ColumnPicker({
  columns,
  selected,
  onToggle,
  onClear,
  label = 'Columns to chart',
}: {
  columns: string[];
  selected: string[];
  onToggle: (name: string) => void;
  onClear: () => void;
  /** The accessible name of the picker (e.g. "Target columns"). */
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const ref = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);

  if (columns.length <= CHIP_LIMIT) {
    return (
      <div className="column-chips" role="group" aria-label={label} data-testid="column-picker">
        {columns.map((c) => (
          <label key={c} className={`chip${selected.includes(c) ? ' checked' : ''}`}>
            <input type="checkbox" checked={selected.includes(c)} onChange={() => onToggle(c)} />
            <span>{c}</span>
          </label>
        ))}
      </div>
    );
  }

  const needle = filter.trim().toLowerCase();
  const visible = needle ? columns.filter((c) => c.toLowerCase().includes(needle)) : columns;
  return (
    <div className="column-dropdown" ref={ref} role="group" aria-label={label} data-testid="column-picker">
      <button type="button" className="button small" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        Columns: {selected.length} of {columns.length} <span aria-hidden="true">▾</span>
      </button>
      <div className="column-chips">
        {selected.map((c) => (
          <label key={c} className="chip checked">
            <input type="checkbox" checked onChange={() => onToggle(c)} />
            <span>{c}</span>
          </label>
        ))}
      </div>
      {open && (
        <div className="popover" role="dialog" aria-label="Choose columns">
          <div className="popover-head">
            <input type="text" placeholder="Filter columns…" value={filter} onChange={(e) => setFilter(e.target.value)} autoFocus />
            <button type="button" className="link small" onClick={onClear} disabled={selected.length === 0}>
              Clear
            </button>
          </div>
          <ul className="popover-list">
            {visible.map((c) => (
              <li key={c}>
                <label>
                  <input type="checkbox" checked={selected.includes(c)} onChange={() => onToggle(c)} />
                  <span>{c}</span>
                </label>
              </li>
            ))}
            {visible.length === 0 && <li className="muted small">No column matches “{filter}”.</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
