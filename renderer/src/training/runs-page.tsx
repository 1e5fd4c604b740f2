/** The run history: every training run with its outcome; tick several to compare their loss curves. */
import { useMemo, useState } from 'react';
import type { RunSummary } from '../../../shared/model/training';
import { useInvalidate } from '../common/use-operation';
import { fmtCount, fmtDuration, fmtLocalDate, fmtShortDate } from '../common/format';
import { EmptyState } from '../common/empty-state';
import { RunMetrics } from './run-metrics';
import { RunStatusBadge } from './run-status';
import { RunsCompare } from './runs-compare';
import { HistoryIcon, PlayIcon } from '../common/train-icons';
import { useRuns } from './training-queries';
import { useDatasets } from '../datasets/dataset-queries';

/** At most this many runs are compared at once (one colour each). */
const MAX_COMPARE = 8;

/** Renders the filter, the comparison chart of the ticked runs and the table. */
export function RunsPage({
  onOpen,
  onTrain,
}: {
  onOpen: (run: RunSummary) => void;
  onTrain: () => void;
}) {
  const datasets = useDatasets();
  const [datasetId, setDatasetId] = useState<number | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const runs = useRuns(datasetId);
  const invalidate = useInvalidate();

  const chosen = useMemo(() => (runs ?? []).filter((r) => selected.includes(r.id)), [runs, selected]);
  const toggle = (id: string) =>
    setSelected((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : prev.length >= MAX_COMPARE ? prev : [...prev, id]));

  return (
    <div className="page" data-testid="runs-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">Runs</h1>
          <p className="page-subtitle">Every training run in this project. Tick runs to compare their loss curves; click one for its details.</p>
        </div>
        <div className="header-actions">
          <select
            value={datasetId ?? ''}
            onChange={(e) => setDatasetId(e.target.value === '' ? null : Number(e.target.value))}
            aria-label="Filter by dataset"
            data-testid="runs-filter"
          >
            <option value="">All datasets</option>
            {(datasets ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={() => invalidate('runs')}>
            Refresh
          </button>
          <button type="button" className="button primary" onClick={onTrain}>
            <PlayIcon />
            Train a model
          </button>
        </div>
      </div>

      {chosen.length > 0 && <RunsCompare selected={chosen} />}

      <section className="card">
        {runs === null ? (
          <div className="placeholder">Loading runs…</div>
        ) : runs.length === 0 ? (
          <EmptyState icon={<HistoryIcon width={32} height={32} />} title="No runs yet" action={{ label: 'Train a model', icon: <PlayIcon />, onClick: onTrain }} testId="runs-empty">
            Train a model on a dataset and its run appears here with its loss curves, metrics and saved model.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table compact clickable runs-table" data-testid="runs-table">
              <thead>
                <tr>
                  <th className="check-col" aria-label="Compare" />
                  <th>Started</th>
                  <th>Dataset</th>
                  <th>Task · preset</th>
                  <th>Status</th>
                  <th className="num">Epochs</th>
                  <th className="num">Duration</th>
                  <th>Backend</th>
                  <th title="Metrics on the validation split">Val. metrics</th>
                  <th>Model</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <RunRow key={r.id} run={r} selected={selected.includes(r.id)} canSelect={selected.length < MAX_COMPARE} onOpen={onOpen} onToggle={toggle} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** One run in the table: tick to compare, click for its page. */
function RunRow({ run, selected, canSelect, onOpen, onToggle }: { run: RunSummary; selected: boolean; canSelect: boolean; onOpen: (run: RunSummary) => void; onToggle: (id: string) => void }) {
  return (
    <tr
      className={selected ? 'selected' : undefined}
      onClick={() => onOpen(run)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(run)}
      tabIndex={0}
      data-testid="run-row"
      data-run-id={run.id}
    >
      <td className="check-col" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          checked={selected}
          disabled={!selected && !canSelect}
          onChange={() => onToggle(run.id)}
          aria-label={`Compare run ${run.id.slice(0, 8)}`}
          data-testid="run-compare"
        />
      </td>
      <td className="nowrap muted" title={fmtLocalDate(run.startedAt)}>
        {fmtShortDate(run.startedAt)}
      </td>
      <td className="strong">
        <span className="ellipsis block run-dataset" title={run.datasetName}>
          {run.datasetName}
        </span>
      </td>
      <td className="nowrap">
        <span className="tag">{run.task}</span> {run.preset ?? <span className="muted">custom</span>}
      </td>
      <td>
        <RunStatusBadge status={run.status} error={run.error} />
      </td>
      <td className="num">{fmtCount(run.epochs)}</td>
      <td className="num">{fmtDuration(run.durationMs)}</td>
      <td>{run.backend ? <code>{run.backend}</code> : <span className="muted">—</span>}</td>
      <td>
        <RunMetrics metrics={run.metrics} limit={2} />
      </td>
      <td className="nowrap">
        {run.model ? (
          <span className="run-model" title={`${run.model.name} v${run.model.version}\n${run.model.path}`}>
            <span className="ellipsis">{run.model.name}</span> <span className="tag">v{run.model.version}</span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
