/**
 * The Batch scoring page: a version (or NAME:production) scores every window of a dataset or of a
 * file imported leniently for it; the run's counts, the rows and entities it skipped with their
 * reasons, the first rows, a CSV download, and the model's earlier runs.
 */
import { useState } from 'react';
import type { TimeKind } from '../../../shared/dataset';
import type { ScoringRun, ScoringRunSummary } from '../../../shared/scoring/types';
import { useAnalysisPage } from '../analysis/analysis-page-state';
import { getApi } from '../common/api-client';
import { saveBlob } from '../common/download';
import { useReportError } from '../common/error-context';
import { fmtBytes, fmtCount, fmtLocalDate, fmtNumber, fmtTableTime } from '../common/format';
import type { AnalysisRoute } from '../common/route';
import { AnalysisHeader, BeforeRun, ResultNotes } from '../analysis/analysis-common';
import { AnalysisToolbar } from '../analysis/analysis-toolbar';
import { ImportIcon } from '../common/icons';
import { StatCard } from '../common/stat-card';
import { useScoringRuns } from './operations-queries';
import { useDatasets } from '../datasets/dataset-queries';

/** Renders the pickers (and Score a file…), the run's summary, what was skipped, the first rows and the history. */
export function ScoringPage({ route, navigate }: { route: AnalysisRoute; navigate: (r: AnalysisRoute) => void }) {
  const datasets = useDatasets();
  const report = useReportError();
  const page = useAnalysisPage<ScoringRun>(route, navigate);
  const { target, job, busy } = page;
  const [stride, setStride] = useState('1');
  const [importing, setImporting] = useState(false);
  const name = target.model?.summary.name ?? null;
  // A finished run reloads the list through its job's event.
  const runs = useScoringRuns(name);
  const strideValue = /^\d+$/.test(stride.trim()) && Number(stride) >= 1 ? Number(stride) : null;
  const run = () => page.start((jobId, model, datasetId) => getApi().scoring.run({ jobId, model, datasetId, stride: strideValue ?? 1 }));

  const scoreFile = async () => {
    setImporting(true);
    try {
      const picked = await getApi().dialog.openFile();
      if (!picked) return;
      // New data is read leniently: rows that cannot be read are skipped and listed, not fatal.
      const detail = await getApi().datasets.import({ jobId: crypto.randomUUID(), path: picked.path, options: { skipBadRows: true } });
      page.onDataset(detail.summary.id);
    } catch (err) {
      report('Importing the file to score', err);
    } finally {
      setImporting(false);
    }
  };
  const download = async (id: string) => {
    try {
      const f = await getApi().scoring.file({ id });
      saveBlob(f.name, new Blob([f.text], { type: 'text/csv;charset=utf-8' }));
    } catch (err) {
      report('Downloading the scores', err);
    }
  };

  const r = job.result;
  return (
    <div className="page analysis-page" data-testid="scoring-page">
      <AnalysisHeader page={page} navigate={navigate} subtitle="Score every window of new data with a version: the rows are stored with the version, and rows or entities that cannot be scored are skipped and listed." />
      <AnalysisToolbar page={page} datasets={datasets} runLabel="Score" onRun={run} runBlocked={strideValue === null ? 'The stride must be a whole number of at least 1.' : null} trainedLabel="training data">
        <label className="field" title="Score every N-th window, counted back from each entity's latest row">
          <span className="field-label">Stride</span>
          <input type="number" min={1} value={stride} onChange={(e) => setStride(e.target.value)} disabled={busy} className="num-input" data-testid="scoring-stride" />
        </label>
        <button type="button" className="button" onClick={() => void scoreFile()} disabled={busy || importing} data-testid="scoring-file">
          <ImportIcon />
          {importing ? 'Importing…' : 'Score a file…'}
        </button>
      </AnalysisToolbar>
      {!r ? (
        job.status === 'idle' && <BeforeRun>Choose a version and a dataset (or Score a file…), then Score. Every window gets a prediction with its reliability; the results are stored as a CSV with the run.</BeforeRun>
      ) : (
        <div className={`analysis-result${busy ? ' is-stale' : ''}`} data-testid="scoring-result">
          <section className="card">
            <div className="card-header">
              <h2 className="card-title">
                {r.dataset.name} scored by {r.model.name} v{r.model.version}
              </h2>
              <div className="card-header-tools">
                <button type="button" className="button small primary" onClick={() => void download(r.id)} data-testid="scoring-download">
                  Download CSV
                </button>
              </div>
            </div>
            <div className="card-body">
              <div className="stat-grid">
                <StatCard compact label="Windows scored" value={fmtCount(r.windows)} sub={`${fmtCount(r.entities)} entit${r.entities === 1 ? 'y' : 'ies'}`} testId="scoring-windows" />
                <StatCard compact label="Reliability" value={`${fmtCount(r.reliability.ok)} ok`} sub={`${fmtCount(r.reliability.caution)} caution · ${fmtCount(r.reliability.unreliable)} unreliable`} />
                <StatCard compact label="Bad rows skipped" value={fmtCount(r.skippedRows.count)} testId="scoring-skipped-rows" />
                <StatCard compact label="Entities skipped" value={fmtCount(r.skippedEntities.length)} testId="scoring-skipped-entities" />
                <StatCard compact label="Stored" value={fmtBytes(r.bytes)} sub={`${(r.durationMs / 1000).toFixed(1)} s`} title={r.file} />
              </div>
              <ScoringSkipped run={r} />
            </div>
            <ScoringPreview run={r} timeKind={target.detail?.summary.timeKind ?? 'row'} />
          </section>
          <ResultNotes notes={r.notes} />
        </div>
      )}
      {runs.value && runs.value.length > 0 && <ScoringRuns runs={runs.value} onDownload={(id) => void download(id)} />}
    </div>
  );
}

/** The rows and entities a scoring run skipped (bad rows with examples, entities with the reason), if any. */
function ScoringSkipped({ run }: { run: ScoringRun }) {
  if (run.skippedRows.count === 0 && run.skippedEntities.length === 0) return null;
  return (
    <div className="scoring-skipped" data-testid="scoring-skipped">
      {run.skippedRows.examples.length > 0 && (
        <ul className="small">
          {run.skippedRows.examples.slice(0, 20).map((e) => (
            <li key={e}>{e}</li>
          ))}
          {run.skippedRows.count > 20 && <li className="muted">… and {fmtCount(run.skippedRows.count - 20)} more.</li>}
        </ul>
      )}
      {run.skippedEntities.length > 0 && (
        <ul className="small">
          {run.skippedEntities.map((e) => (
            <li key={e.entity}>
              Entity <strong>{e.entity}</strong>: {e.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The first scored rows: entity, time, each output and the reliability. */
function ScoringPreview({ run, timeKind }: { run: ScoringRun; timeKind: TimeKind }) {
  return (
    <div className="table-wrap">
      <table className="table compact" data-testid="scoring-preview">
        <thead>
          <tr>
            {run.entityColumn !== null && <th>Entity</th>}
            <th>Time</th>
            {run.columns.filter((c) => c !== 'entity' && c !== 'time' && c !== 'reliability' && c !== 'class').map((c) => (
              <th key={c} className="num">
                {c}
              </th>
            ))}
            <th>Reliability</th>
          </tr>
        </thead>
        <tbody>
          {run.preview.map((row, i) => (
            <tr key={i}>
              {run.entityColumn !== null && <td>{row.entity}</td>}
              <td className="nowrap">{fmtTableTime(row.time, timeKind)}</td>
              {row.values.map((v, k) => (
                <td key={k} className="num mono">
                  {fmtNumber(v)}
                </td>
              ))}
              <td>{row.reliability}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The model's earlier scoring runs, newest first, each with its CSV. */
function ScoringRuns({ runs, onDownload }: { runs: ScoringRunSummary[]; onDownload: (id: string) => void }) {
  return (
    <section className="card">
      <div className="card-header">
        <h2 className="card-title">Earlier runs of {runs[0].model.name}</h2>
      </div>
      <div className="table-wrap">
        <table className="table compact" data-testid="scoring-runs">
          <thead>
            <tr>
              <th>Time</th>
              <th>Version</th>
              <th>Dataset</th>
              <th className="num">Windows</th>
              <th className="num">Rows skipped</th>
              <th className="num">Entities skipped</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.slice(0, 20).map((x) => (
              <tr key={x.id}>
                <td className="nowrap muted">{fmtLocalDate(x.at)}</td>
                <td>
                  v{x.model.version}
                  {x.requested.includes(':') && <span className="muted small"> ({x.requested.split(':').pop()})</span>}
                </td>
                <td>{x.dataset.name}</td>
                <td className="num">{fmtCount(x.windows)}</td>
                <td className="num">{fmtCount(x.skippedRows.count)}</td>
                <td className="num">{fmtCount(x.skippedEntities.length)}</td>
                <td>
                  <button type="button" className="button small" onClick={() => onDownload(x.id)}>
                    CSV
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
