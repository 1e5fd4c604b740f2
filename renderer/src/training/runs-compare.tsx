/** Loss curves of several runs side by side in one chart (loss solid, validation loss dashed, one colour per run). */
import { useMemo } from 'react';
import type { RunDetail, RunSummary } from '../../../shared/model/training';
import type { LossCurve } from '../common/loss-chart-layout';
import { versionCurves } from '../common/version-curves';
import { LossChart } from '../common/loss-chart';
import { useRunDetails } from './training-queries';

/** A short name for a run in a legend. */
export function runLabel(r: RunSummary): string {
  return `${r.datasetName} · ${r.preset ?? r.task} · ${r.id.slice(0, 6)}`;
}

/** The loss and validation-loss curves of recorded runs. */
export function historyCurves(runs: RunDetail[], withRunName: boolean): LossCurve[] {
  return versionCurves(
    runs.map((r) => ({ label: runLabel(r), history: r.history })),
    withRunName,
  );
}

/** Loads the histories of the selected runs (cached) and draws them together. */
export function RunsCompare({ selected }: { selected: RunSummary[] }) {
  const loaded = useRunDetails(selected.map((r) => r.id));
  const curves = useMemo(() => historyCurves(loaded, true), [loaded]);
  return (
    <section className="card" data-testid="runs-compare">
      <div className="card-header">
        <h2 className="card-title">Loss curves</h2>
        <span className="muted small">
          {selected.length} run{selected.length === 1 ? '' : 's'} · solid: loss · dashed: validation loss
        </span>
      </div>
      <LossChart curves={curves} height={340} testId="compare-chart" emptyText={loaded.length < selected.length ? 'Loading…' : 'These runs recorded no epochs.'} />
    </section>
  );
}
