/** Two versions of a model side by side: metrics with the better side marked, the config differences and the loss curves overlaid. */
import { useMemo } from 'react';
import type { ModelVersionDetail, RegisteredModel } from '../../../shared/registry/types';
import { fmtCount, fmtLocalDate } from '../common/format';
import { modelsRoute, type Route } from '../common/route';
import { versionCurves } from '../common/version-curves';
import { AlertIcon } from '../common/icons';
import { LossChart } from '../common/loss-chart';
import { ModelBreadcrumb } from './model-overview';
import { fmtMetric } from '../training/run-metrics';
import { VersionSelect } from './version-select';
import { useComparison } from './registry-queries';

/** A config value as short text. */
function fmtValue(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** A version's key facts above its column. */
function Side({ label, d, navigate }: { label: 'A' | 'B'; d: ModelVersionDetail; navigate: (r: Route) => void }) {
  return (
    <div className={`compare-side side-${label.toLowerCase()}`} data-testid={`compare-side-${label.toLowerCase()}`}>
      <div className="compare-side-label">{label}</div>
      <button type="button" className="link strong" onClick={() => navigate(modelsRoute(d.name, d.version))}>
        {d.name} v{d.version}
      </button>
      <div className="muted small">
        {fmtLocalDate(d.createdAt)} · {d.lineage.datasetName} · {fmtCount(d.parameters)} parameters{d.aliases.length ? ` · ${d.aliases.join(', ')}` : ''}
      </div>
    </div>
  );
}

/** Loads the comparison of versions `a` and `b` of `model`; the pickers switch either side. */
export function ModelCompare({ model, a, b, navigate }: { model: RegisteredModel; a: number; b: number; navigate: (r: Route) => void }) {
  const { value: c, failed } = useComparison(model.name, a, b);
  const curves = useMemo(
    () => (c ? versionCurves([{ label: `v${c.a.version}`, history: c.a.lineage.history }, { label: `v${c.b.version}`, history: c.b.lineage.history }]) : []),
    [c],
  );
  const pick = (side: 'a' | 'b', v: number) => navigate({ page: 'models', name: model.name, version: null, compare: side === 'a' ? { a: v, b } : { a, b: v } });
  const picker = (side: 'a' | 'b', value: number) => (
    <label className="field">
      <span className="field-label">{side.toUpperCase()}</span>
      <VersionSelect model={model} value={value} onChange={(v) => pick(side, v)} testId={`compare-pick-${side}`} />
    </label>
  );

  return (
    <div className="page-part" data-testid="compare-page">
      <div className="page-header">
        <div className="dataset-title-block">
          <ModelBreadcrumb name={model.name} version="compare" navigate={navigate} />
          <h1 className="page-title">
            {model.name}: v{a} against v{b}
          </h1>
          <p className="page-subtitle">Metrics on each version&apos;s validation split, the differences in their configs, and their loss curves.</p>
        </div>
        <div className="header-actions compare-pickers">
          {picker('a', a)}
          {picker('b', b)}
        </div>
      </div>
      {!c ? (
        <div className="placeholder">{failed ? 'These versions could not be compared.' : 'Comparing…'}</div>
      ) : (
        <>
          {!c.sameData && (
            <div className="alert alert-warning" data-testid="compare-other-data">
              <AlertIcon />
              <div className="alert-message">The two versions were trained on different data (other fingerprints), so their validation metrics are not directly comparable. Evaluate both on the same dataset.</div>
            </div>
          )}
          <div className="compare-sides">
            <Side label="A" d={c.a} navigate={navigate} />
            <Side label="B" d={c.b} navigate={navigate} />
          </div>
          <div className="two-col">
            <section className="card" data-testid="compare-metrics">
              <div className="card-header">
                <h2 className="card-title">Metrics</h2>
                <span className="muted small">The better value is marked</span>
              </div>
              <table className="table compact">
                <thead>
                  <tr>
                    <th>Metric</th>
                    <th className="num">A · v{c.a.version}</th>
                    <th className="num">B · v{c.b.version}</th>
                    <th>Better</th>
                  </tr>
                </thead>
                <tbody>
                  {c.metrics.map((m) => (
                    <tr key={m.name} data-testid="compare-metric" data-metric={m.name} data-better={m.better ?? ''}>
                      <td>{m.name}</td>
                      <td className={`num mono${m.better === 'a' ? ' is-better' : ''}`}>{m.a === null ? '—' : fmtMetric(m.name, m.a)}</td>
                      <td className={`num mono${m.better === 'b' ? ' is-better' : ''}`}>{m.b === null ? '—' : fmtMetric(m.name, m.b)}</td>
                      <td className="muted small">{m.better === 'a' ? `A (v${c.a.version})` : m.better === 'b' ? `B (v${c.b.version})` : m.better === 'same' ? 'same' : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="card" data-testid="compare-config">
              <div className="card-header">
                <h2 className="card-title">Config differences</h2>
                <span className="muted small">{c.differences.length === 0 ? 'identical configs' : `${c.differences.length} setting${c.differences.length === 1 ? '' : 's'} differ`}</span>
              </div>
              {c.differences.length === 0 ? (
                <div className="placeholder">Both versions were trained with the same config (the difference is the random start, or the data).</div>
              ) : (
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>Setting</th>
                      <th>A · v{c.a.version}</th>
                      <th>B · v{c.b.version}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.differences.map((d) => (
                      <tr key={d.path} data-testid="compare-diff">
                        <td className="mono">{d.path}</td>
                        <td className="mono">{fmtValue(d.a)}</td>
                        <td className="mono">{fmtValue(d.b)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <section className="card">
            <div className="card-header">
              <h2 className="card-title">Loss curves</h2>
              <span className="muted small">one colour per version · solid: loss · dashed: validation loss</span>
            </div>
            <LossChart curves={curves} testId="compare-loss-chart" emptyText="Neither version recorded epochs." />
          </section>
        </>
      )}
    </div>
  );
}
