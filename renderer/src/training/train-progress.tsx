/** The live state of a run: phase, a progress bar over all epochs, and the current figures. */
import { useEffect, useState } from 'react';
import type { TrainProgress } from '../../../shared/model/training';
import { fmtCount, fmtDuration, fmtNumber } from '../common/format';
import { runFraction } from './train-history';
import type { SessionStatus } from './train-session';
import { ProgressBar } from '../common/progress-bar';
import { StatCard } from '../common/stat-card';

const PHASE_LABEL: Record<TrainProgress['phase'], string> = {
  preparing: 'Preparing the data',
  training: 'Training',
  saving: 'Saving the model',
  done: 'Done',
};

/** Milliseconds since `since`, updated every second while `live`. */
function useElapsed(since: number, live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [live]);
  return Math.max(0, now - since);
}

/** Renders the progress panel of a live (or just finished) run. */
export function TrainProgressPanel({ progress, status, startedAt }: { progress: TrainProgress | null; status: SessionStatus; startedAt: number }) {
  const live = status === 'running' || status === 'cancelling';
  const elapsed = useElapsed(startedAt, live);
  const p = progress;
  // A stopped run keeps the bar where it stopped (its last update says 'done', which would read as 100%).
  const fraction = status === 'completed' ? 1 : live ? runFraction(p) : p ? runFraction({ ...p, phase: 'training' }) : null;
  const phase = status === 'cancelling' ? 'Stopping…' : live ? (p ? PHASE_LABEL[p.phase] : 'Starting…') : null;
  return (
    <section className="card" data-testid="train-progress">
      <div className="card-body train-progress">
        <div className="import-progress-head">
          <span className="strong" data-testid="train-phase">
            {phase ?? (status === 'completed' ? 'Finished' : status === 'cancelled' ? 'Cancelled' : 'Failed')}
          </span>
          <span className="mono muted">
            {fraction !== null && `${Math.floor(fraction * 100)}% · `}
            {fmtDuration(Math.round(elapsed / 1000) * 1000)} elapsed
          </span>
        </div>
        <div className={`train-bar train-bar-${status}`}>
          <ProgressBar fraction={live ? fraction : (fraction ?? 0)} testId="train-progress-bar" />
        </div>
        {p && p.phase === 'training' && p.batches > 0 && (
          <div className="train-batchbar" aria-label="Batches of this epoch">
            <span className="muted small">
              Epoch {p.epoch}: batch {fmtCount(p.batch)} of {fmtCount(p.batches)}
            </span>
            <ProgressBar fraction={p.batch / p.batches} />
          </div>
        )}
      </div>
      <div className="stat-grid train-stats">
        <StatCard compact label="Epoch" value={p ? `${p.epoch} / ${p.epochs}` : '—'} testId="train-epoch" />
        <StatCard compact label="Loss" value={fmtNumber(p?.loss)} sub="training, running" testId="train-loss" />
        <StatCard compact label="Val loss" value={fmtNumber(p?.valLoss)} sub="last epoch" testId="train-val-loss" />
        <StatCard compact label="Speed" value={p?.samplesPerSecond != null ? fmtCount(p.samplesPerSecond) : '—'} sub="samples / s" testId="train-speed" />
        <StatCard compact label="ETA" value={live && p?.etaSeconds != null ? fmtDuration(Math.round(p.etaSeconds) * 1000) : '—'} sub="remaining" testId="train-eta" />
        <StatCard compact label="Learning rate" value={fmtNumber(p?.learningRate)} testId="train-lr" />
      </div>
    </section>
  );
}
