/**
 * The Explain page: why the model predicts what it does. Attention weights per input step for a
 * chosen window and on average (attention models), gradient saliency per step and feature, and
 * permutation feature importance with an interval over repeats.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Explanation } from '../../../shared/evaluation/analysis-types';
import { explanationTables } from '../../../shared/reports/analysis-tables';
import { useAnalysisPage } from './analysis-page-state';
import { getApi } from '../common/api-client';
import { attentionChart, importanceChart, saliencyFeatureChart, saliencyStepChart } from './explain-charts';
import { fmtCount, fmtNumber, fmtTimeValue } from '../common/format';
import type { AnalysisRoute } from '../common/route';
import { ExportReportButton } from '../reports/export-report-button';
import { AnalysisHeader, BeforeRun, ResultNotes } from './analysis-common';
import { AnalysisToolbar } from './analysis-toolbar';
import { Plot } from '../common/plot';
import { useDatasets } from '../datasets/dataset-queries';

/** Picks the window to explain: a slider and a number over 1..windows (the API counts from 0). */
function WindowPicker({ e, busy, onPick }: { e: Explanation; busy: boolean; onPick: (index: number) => void }) {
  const [n, setN] = useState(e.window.index + 1);
  useEffect(() => setN(e.window.index + 1), [e]);
  const ok = Number.isInteger(n) && n >= 1 && n <= e.windows;
  return (
    <form
      className="window-picker"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (ok) onPick(n - 1);
      }}
      data-testid="explain-window-picker"
    >
      <span className="field-label">Window</span>
      <input type="range" min={1} max={e.windows} value={ok ? n : e.window.index + 1} onChange={(ev) => setN(Number(ev.target.value))} disabled={busy} aria-label="Window number" data-testid="explain-window-slider" />
      <input type="number" min={1} max={e.windows} value={Number.isNaN(n) ? '' : n} onChange={(ev) => setN(ev.target.value === '' ? NaN : Number(ev.target.value))} className={`num-input${ok ? '' : ' invalid'}`} disabled={busy} data-testid="explain-window-index" />
      <span className="muted small">of {fmtCount(e.windows)}</span>
      <button type="submit" className="button small" disabled={busy || !ok || n === e.window.index + 1} data-testid="explain-window-run">
        Explain this window
      </button>
      <button type="button" className="button small" disabled={busy || e.window.index === e.windows - 1} onClick={() => onPick(e.windows - 1)}>
        Last window
      </button>
    </form>
  );
}

/** One chart card, or nothing when the chart does not apply. */
function ChartCard({ title, sub, chart, testId }: { title: string; sub: string; chart: ReturnType<typeof attentionChart>; testId: string }) {
  if (!chart) return null;
  return (
    <section className="card">
      <div className="card-header">
        <h2 className="card-title">{title}</h2>
        <span className="muted small">{sub}</span>
      </div>
      <Plot data={chart.data} layout={chart.layout} testId={testId} filename={`lstm-studio-${testId}`} />
    </section>
  );
}

/** Renders the pickers and the explanation's charts. */
export function ExplainPage({ route, navigate }: { route: AnalysisRoute; navigate: (r: AnalysisRoute) => void }) {
  const datasets = useDatasets();
  const page = useAnalysisPage<Explanation>(route, navigate);
  const { job, busy } = page;
  const [repeats, setRepeats] = useState('5');

  const r = Number(repeats);
  const repeatsOk = Number.isInteger(r) && r >= 1 && r <= 50;
  const run = (windowIndex?: number) =>
    page.start((jobId, model, datasetId) => getApi().explain.run({ jobId, model, datasetId, repeats: r, ...(windowIndex !== undefined ? { windowIndex } : {}) }));

  const e = job.result;
  const tables = useMemo(() => (e ? explanationTables(e) : []), [e]);
  const datasetId = page.target.datasetId;
  const charts = useMemo(() => (e ? { attention: attentionChart(e), steps: saliencyStepChart(e), features: saliencyFeatureChart(e), importance: importanceChart(e) } : null), [e]);
  const timeKind = datasets?.find((d) => d.id === page.target.datasetId)?.timeKind ?? 'index';
  return (
    <div className="page analysis-page" data-testid="explain-page">
      <AnalysisHeader page={page} navigate={navigate} subtitle="Which inputs and which moments the model relies on."
        actions={e && datasetId !== null && <ExportReportButton target={{ kind: 'model', model: `${e.model.name}@${e.model.version}`, datasetId }} tables={tables} />}
      />
      <AnalysisToolbar
        page={page}
        datasets={datasets}
        runLabel="Explain"
        onRun={() => run(e?.window.index)}
        runBlocked={repeatsOk ? null : 'Repeats is a whole number from 1 to 50.'}
      >
        <label className="field" title="How often each feature is shuffled; more repeats give a tighter interval">
          <span className="field-label">Repeats</span>
          <input type="number" min={1} max={50} value={repeats} onChange={(ev) => setRepeats(ev.target.value)} className={`num-input${repeatsOk ? '' : ' invalid'}`} disabled={busy} data-testid="explain-repeats" />
        </label>
      </AnalysisToolbar>

      {!e || !charts ? (
        job.status === 'idle' && (
          <BeforeRun>
            Choose a model and a dataset, then <strong>Explain</strong>: permutation importance of every input feature, gradient saliency per input step and, for models with attention, where the model looks.
          </BeforeRun>
        )
      ) : (
        <div className={`analysis-result${busy ? ' is-stale' : ''}`} data-testid="explain-result">
          <section className="card">
            <div className="card-body explain-window">
              <div>
                <div className="strong">
                  Window {fmtCount(e.window.index + 1)} of {fmtCount(e.windows)}: {e.window.entity === 'all' ? '' : `entity ${e.window.entity}, `}last input at {fmtTimeValue(e.window.end, timeKind)}
                </div>
                <div className="muted small">
                  {e.model.name} v{e.model.version} · {e.steps.length} input steps · {e.model.attention ? 'attention model' : 'no attention layer: gradient saliency shows where it looks'}
                </div>
              </div>
              <WindowPicker e={e} busy={busy} onPick={run} />
            </div>
          </section>
          <ChartCard title="Attention weights" sub="Where the attention layer looks in this window, and on average" chart={charts.attention} testId="attention-chart" />
          <div className={charts.features ? 'two-col' : undefined}>
            <ChartCard title="Gradient saliency per step" sub="How strongly the output reacts to each input step of this window" chart={charts.steps} testId="saliency-chart" />
            <ChartCard title="Gradient saliency per feature" sub="This window" chart={charts.features} testId="saliency-feature-chart" />
          </div>
          {charts.importance ? (
            <ChartCard
              title="Permutation importance"
              sub={`${e.importance.repeats} repeats · baseline ${e.importance.metric} ${fmtNumber(e.importance.baseline)} · bars: mean, whiskers: ~95% interval`}
              chart={charts.importance}
              testId="importance-chart"
            />
          ) : null}
          <ResultNotes notes={e.notes} />
        </div>
      )}
    </div>
  );
}
