/** The "Runs / <run id>" breadcrumb shown above a run's live page and its detail page. */
export function RunBreadcrumb({ runId, onRuns }: { runId: string; onRuns: () => void }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <button type="button" className="link" onClick={onRuns}>
        Runs
      </button>
      <span aria-hidden="true">/</span>
      <span className="ellipsis mono">{runId.slice(0, 8)}</span>
    </nav>
  );
}
