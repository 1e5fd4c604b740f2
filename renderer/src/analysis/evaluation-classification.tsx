/**
 * Classification results of the evaluation report: accuracy against the baselines (majority class, 1-NN Euclidean and DTW),
 * per-class precision, recall and F1 with AUCs, the confusion matrix, and ROC and PR curves.
 */
import { useMemo } from 'react';
import type { ClassificationEvaluation } from '../../../shared/evaluation/analysis-types';
import { confusionChart, prChart, rocChart } from './evaluation-charts';
import { fmtCount, fmtNumber, fmtPct } from '../common/format';
import { Plot } from '../common/plot';
import { StatCard } from '../common/stat-card';

const auc = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** Renders the classification cards. */
export function ClassificationSection({ c }: { c: ClassificationEvaluation }) {
  const confusion = useMemo(() => confusionChart(c), [c]);
  const roc = useMemo(() => rocChart(c), [c]);
  const pr = useMemo(() => prChart(c), [c]);
  const baselines = c.baselines ?? [{ key: 'majority' as const, label: 'Majority class', detail: c.baseline.label, accuracy: c.baseline.accuracy, windows: 0 }];
  const best = baselines.reduce((b, x) => (x.accuracy > b.accuracy ? x : b));
  const gain = c.accuracy - best.accuracy;
  return (
    <>
      <div className="stat-grid">
        <StatCard label="Accuracy" value={fmtPct(c.accuracy)} sub={`${gain >= 0 ? '+' : '−'}${fmtNumber(Math.abs(gain) * 100)} pts vs the best baseline`} testId="eval-accuracy" />
        {baselines.map((b) => (
          <StatCard key={b.key} label={b.label} value={fmtPct(b.accuracy)} sub={b === best ? 'best baseline' : 'baseline'} title={b.detail} testId={`eval-baseline-${b.key}`} />
        ))}
        <StatCard label="Mean confidence" value={fmtPct(c.meanConfidence)} sub="top class probability" />
        <StatCard label="Mean uncertainty" value={fmtPct(c.meanUncertainty)} sub="normalised entropy" title="Entropy of the class probabilities over log(classes): 0% sure, 100% undecided" />
      </div>
      <section className="card" data-testid="class-metrics">
        <div className="card-header">
          <h2 className="card-title">Per class</h2>
          <span className="muted small">One class against the rest</span>
        </div>
        <div className="table-wrap">
          <table className="table compact metrics-table" data-testid="metrics-table">
            <thead>
              <tr>
                <th>Class</th>
                <th className="num">Precision</th>
                <th className="num">Recall</th>
                <th className="num">F1</th>
                <th className="num" title="True samples of this class">Support</th>
                <th className="num">ROC AUC</th>
                <th className="num" title="Average precision">PR AUC</th>
              </tr>
            </thead>
            <tbody>
              {c.classes.map((k) => (
                <tr key={k.name}>
                  <td className="strong">{k.name}</td>
                  <td className="num mono">{fmtPct(k.precision)}</td>
                  <td className="num mono">{fmtPct(k.recall)}</td>
                  <td className="num mono">{fmtPct(k.f1)}</td>
                  <td className="num mono">{fmtCount(k.support)}</td>
                  <td className="num mono">{auc(k.rocAuc)}</td>
                  <td className="num mono">{auc(k.prAuc)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="two-col">
        <section className="card">
          <div className="card-header">
            <h2 className="card-title">Confusion matrix</h2>
            <span className="muted small">Rows: true class · columns: predicted</span>
          </div>
          <Plot data={confusion.data} layout={confusion.layout} testId="confusion-chart" filename="lstm-studio-confusion" />
        </section>
        <section className="card">
          <div className="card-header">
            <h2 className="card-title">ROC curves</h2>
          </div>
          <Plot data={roc.data} layout={roc.layout} testId="roc-chart" filename="lstm-studio-roc" />
        </section>
      </div>
      <section className="card">
        <div className="card-header">
          <h2 className="card-title">Precision-recall curves</h2>
        </div>
        <Plot data={pr.data} layout={pr.layout} testId="pr-chart" filename="lstm-studio-pr" />
      </section>
    </>
  );
}
