/** Loss curves of several runs side by side in one chart (loss solid, validation loss dashed, one colour per run). */
import { useEffect, useMemo, useState } from 'react';
import type { RunDetail, RunSummary } from '../../../shared/model/training';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';
import type { LossCurve } from '../common/loss-chart-layout';
import { versionCurves } from '../common/version-curves';
import { LossChart } from '../common/loss-chart';

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
  const report = useReportError();
  const [details, setDetails] = useState<Record<string, RunDetail>>({});
  const key = selected.map((r) => `${r.id}:${r.status}:${r.epochs}`).join('|');

  useEffect(() => {
    let stale = false;
    for (const r of selected) {
      const cached = details[r.id];
      if (cached && cached.status === r.status && cached.epochs === r.epochs) continue;
      getApi()
        .runs.get({ id: r.id })
        .then(
          (d) => !stale && setDetails((prev) => ({ ...prev, [d.id]: d })),
          (err) => !stale && report('Loading a run', err),
        );
    }
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, report]);

  const loaded = useMemo(
    () => selected.map((r) => details[r.id]).filter((d): d is RunDetail => d !== undefined),
    // selected is captured through key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, details],
  );
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
