/**
 * The Monitoring page: the serving worker (what it serves, its thread and switches, memory), every
 * version an alias points at with its totals, and for the chosen one its per-minute history drawn
 * as charts, with a test request to send through the service. Refreshes every few seconds.
 */
import { useMemo, useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import type { MonitoredVersion, ServeResult } from '../../../shared/serving/types';
import { getApi } from '../common/api-client';
import { errorMessage } from '../common/error-context';
import { fmtCount, fmtLocalDate, fmtNumber, fmtPct } from '../common/format';
import { monitoringCharts } from './monitoring-charts';
import { Plot } from '../common/plot';
import { StatCard } from '../common/stat-card';
import { useInvalidate } from '../common/use-operation';
import { useMonitoredVersions, useMonitoringHistory, useServingStatus } from './operations-queries';
import { useDatasets } from '../datasets/dataset-queries';

/** Renders the serving status, the versions in service and the chosen one's charts. */
export function MonitoringPage() {
  const datasets = useDatasets();
  const invalidate = useInvalidate();
  const status = useServingStatus();
  const summary = useMonitoredVersions();
  const [chosen, setChosen] = useState<string | null>(null);
  const versions = summary.value ?? [];
  const current = versions.find((v) => key(v) === chosen) ?? versions[0] ?? null;
  const history = useMonitoringHistory(current);
  const samples = useMemo(() => (history.value ?? []).filter((s) => current && s.alias === current.alias), [history.value, current]);
  const charts = useMemo(() => monitoringCharts(samples), [samples]);
  const s = status.value;
  return (
    <div className="page" data-testid="monitoring-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">Monitoring</h1>
          <p className="page-subtitle">The versions in service: what the serving worker answers with, how often, how fast and how reliably, minute by minute.</p>
        </div>
      </div>
      <section className="card" data-testid="serving-status">
        <div className="card-header">
          <h2 className="card-title">Serving worker</h2>
          <span className={`status-badge ${s?.running ? 'status-completed' : 'status-skip'}`}>{s?.running ? 'running' : 'starts with the first request'}</span>
        </div>
        <div className="card-body stat-grid monitoring-stats">
          <StatCard compact label="Serves" value={s && s.served.length > 0 ? s.served.map((v) => `${v.name}:${v.alias} v${v.version}`).join(', ') : '—'} testId="serving-served" />
          <StatCard compact label="Version switches" value={fmtCount(s?.switches ?? 0)} sub={s?.threadId != null ? `same thread #${s.threadId}` : undefined} />
          <StatCard compact label="Memory" value={s?.memory ? `${fmtNumber(Math.round(s.memory.rssMb))} MB` : '—'} sub={s?.memory ? `heap ${fmtNumber(Math.round(s.memory.heapMb))} MB` : undefined} />
          <StatCard compact label="Started" value={s?.startedAt ? new Date(s.startedAt).toLocaleTimeString() : '—'} sub={s?.startedAt ? fmtLocalDate(s.startedAt) : undefined} />
        </div>
      </section>
      <section className="card">
        <div className="card-header">
          <h2 className="card-title">Versions in service</h2>
          <span className="muted small">Deploy a version on the Registry page to put it in service</span>
        </div>
        {versions.length === 0 ? (
          <div className="placeholder" data-testid="monitoring-empty">
            Nothing is deployed yet.
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table compact clickable" data-testid="monitoring-versions">
              <thead>
                <tr>
                  <th>Model</th>
                  <th>Alias</th>
                  <th className="num">Version</th>
                  <th className="num">Requests</th>
                  <th className="num">Success</th>
                  <th className="num">Predictions</th>
                  <th className="num">p50</th>
                  <th className="num">p95</th>
                  <th>Last request</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={key(v)} className={current && key(v) === key(current) ? 'selected' : undefined} onClick={() => setChosen(key(v))} data-testid="monitoring-version" data-key={key(v)}>
                    <td className="strong">{v.name}</td>
                    <td>{v.alias}</td>
                    <td className="num">v{v.version}</td>
                    <td className="num" data-testid="monitoring-requests">
                      {fmtCount(v.requests)}
                    </td>
                    <td className="num">{v.successRate === null ? '—' : fmtPct(v.successRate)}</td>
                    <td className="num">{fmtCount(v.predictions)}</td>
                    <td className="num mono">{v.p50Ms === null ? '—' : `${fmtNumber(v.p50Ms)} ms`}</td>
                    <td className="num mono">{v.p95Ms === null ? '—' : `${fmtNumber(v.p95Ms)} ms`}</td>
                    <td className="nowrap muted">{v.lastRequestAt ? fmtLocalDate(v.lastRequestAt) : 'none yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {current && <TestRequest version={current} datasets={datasets} onDone={() => invalidate('monitoring', 'serving')} />}
      {current && (
        <section className="card">
          <div className="card-header">
            <h2 className="card-title">
              {current.name}:{current.alias} v{current.version}, minute by minute
            </h2>
          </div>
          {samples.length === 0 ? (
            <div className="placeholder">No requests have reached this version yet: send one above.</div>
          ) : (
            <div className="card-body monitoring-charts">
              {charts.map((c) => (
                <div key={c.key}>
                  <div className="small strong">{c.title}</div>
                  <Plot data={c.data} layout={c.layout} testId={`monitoring-chart-${c.key}`} filename={`monitoring-${current.name}-v${current.version}-${c.key}`} />
                </div>
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function key(v: MonitoredVersion): string {
  return `${v.name}:${v.alias}`;
}

/** Sends one request through the service to the chosen alias, and shows its answer. */
function TestRequest({ version, datasets, onDone }: { version: MonitoredVersion; datasets: DatasetSummary[] | null; onDone: () => void }) {
  const [datasetId, setDatasetId] = useState<number | null>(null);
  const [result, setResult] = useState<ServeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (datasetId === null) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await getApi().serving.predict({ model: `${version.name}:${version.alias}`, datasetId }));
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <section className="card" data-testid="serving-test">
      <div className="card-body analysis-toolbar-row">
        <label className="field">
          <span className="field-label">Send a request to {version.name}:{version.alias} with the latest data of</span>
          <select value={datasetId ?? ''} onChange={(e) => setDatasetId(e.target.value === '' ? null : Number(e.target.value))} data-testid="serving-dataset">
            <option value="">Choose a dataset…</option>
            {(datasets ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary" onClick={() => void send()} disabled={busy || datasetId === null} data-testid="serving-send">
          {busy ? 'Waiting…' : 'Send'}
        </button>
      </div>
      {result && (
        <div className="card-body small" data-testid="serving-answer">
          v{result.model.version} answered in {fmtNumber(result.latencyMs)} ms with {fmtCount(result.rows.length)} prediction{result.rows.length === 1 ? '' : 's'}:{' '}
          {result.rows
            .slice(0, 6)
            .map((r) => `${r.entity} ${result.columns[0]} ${fmtNumber(r.values[0])}`)
            .join(' · ')}
          {result.rows.length > 6 ? ' …' : ''}
        </div>
      )}
      {error && (
        <div className="alert alert-error">
          <div className="alert-message">{error}</div>
        </div>
      )}
    </section>
  );
}
