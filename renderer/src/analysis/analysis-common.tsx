/**
 * Pieces every analysis page shares: the header with links to the other analyses of the same
 * model, the coverage picker, and the notes the back end attaches to a result.
 */
import type { ReactNode } from 'react';
import { VIEWS, type AnalysisPageState } from './analysis-page-state';
import type { AnalysisRoute, AnalysisView } from '../common/route';
import { InfoIcon } from '../common/icons';

/** The page title, subtitle, links to the other analyses of the chosen model and dataset, and the page's own actions (Export report). */
export function AnalysisHeader({ page, subtitle, navigate, actions }: { page: AnalysisPageState<unknown>; subtitle: ReactNode; navigate: (r: AnalysisRoute) => void; actions?: ReactNode }) {
  const { route } = page;
  // Links only to the analyses the chosen model's task supports.
  const model = page.target.model;
  const task = model?.summary.task ?? null;
  const others = (Object.keys(VIEWS) as AnalysisView[]).filter((v) => v !== route.view && task !== null && VIEWS[v].tasks.includes(task));
  return (
    <div className="page-header">
      <div className="dataset-title-block">
        <h1 className="page-title">{VIEWS[route.view].title}</h1>
        <p className="page-subtitle">{subtitle}</p>
      </div>
      {((model && others.length > 0) || actions) && (
        <div className="header-actions" data-testid="analysis-links">
          {model &&
            others.map((v) => (
              <button key={v} type="button" className="button" onClick={() => navigate({ ...route, view: v, model: model.ref })} data-testid={`link-${v}`}>
                {VIEWS[v].title}
              </button>
            ))}
          {actions}
        </div>
      )}
    </div>
  );
}

/** Interval coverage choices. */
const COVERAGES = [0.5, 0.8, 0.9, 0.95, 0.99];

/** A select of the interval coverage (nominal share of actual values inside the band). */
export function CoveragePicker({ value, onChange, disabled }: { value: number; onChange: (v: number) => void; disabled?: boolean }) {
  return (
    <label className="field" title="Nominal share of actual values the intervals should contain">
      <span className="field-label">Interval</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} disabled={disabled} data-testid="analysis-coverage">
        {COVERAGES.map((c) => (
          <option key={c} value={c}>
            {Math.round(c * 100)}%
          </option>
        ))}
      </select>
    </label>
  );
}

/** The notes of a result (what was filled, skipped or assumed), or nothing. */
export function ResultNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="notes" data-testid="analysis-notes">
      <div className="notes-title">
        <InfoIcon />
        Notes
      </div>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

/** Shown before the first run: what the page will show once it has run. */
export function BeforeRun({ children }: { children: ReactNode }) {
  return (
    <section className="card">
      <div className="placeholder" data-testid="analysis-empty">
        {children}
      </div>
    </section>
  );
}
