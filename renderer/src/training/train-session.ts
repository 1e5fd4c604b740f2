/**
 * Training runs started from this window. A module-level store, so a run keeps its live progress
 * while the user browses other pages: the progress listener is attached before `training:start` is
 * called and detached when the call returns.
 */
import { useSyncExternalStore } from 'react';
import type { TrainRequest, TrainResult } from '../../../shared/model/training';
import { getApi } from '../common/api-client';
import { errorMessage, isCancelled } from '../common/error-context';
import { applyProgress, emptyHistory, fromRecords, type LiveHistory } from './train-history';

export type SessionStatus = 'running' | 'cancelling' | 'completed' | 'cancelled' | 'failed';

/** One run started from this window. */
export interface TrainSession {
  runId: string;
  request: TrainRequest;
  datasetName: string;
  startedAt: number;
  status: SessionStatus;
  history: LiveHistory;
  result: TrainResult | null;
  error: string | null;
  /** Set when the user cancelled: whether the best model so far is kept. */
  keepBest: boolean | null;
}

const sessions = new Map<string, TrainSession>();
const listeners = new Set<() => void>();
let snapshot: readonly TrainSession[] = [];

/** True when a run has ended (no more progress will change it). */
export function isFinished(status: SessionStatus): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'failed';
}

function update(runId: string, change: (s: TrainSession) => TrainSession): void {
  const s = sessions.get(runId);
  if (!s) return;
  sessions.set(runId, change(s));
  snapshot = [...sessions.values()];
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts a run and returns its id at once; progress and the result arrive in the store. */
export function startTraining(request: Omit<TrainRequest, 'runId'>, datasetName: string): string {
  const runId = crypto.randomUUID();
  const full: TrainRequest = { ...request, runId };
  sessions.set(runId, {
    runId,
    request: full,
    datasetName,
    startedAt: Date.now(),
    status: 'running',
    history: emptyHistory(),
    result: null,
    error: null,
    keepBest: null,
  });
  snapshot = [...sessions.values()];
  for (const l of listeners) l();

  const api = getApi();
  const off = api.events.onJobProgress(({ jobId, train }) => {
    if (jobId !== runId || !train) return;
    update(runId, (s) => (isFinished(s.status) ? s : { ...s, history: applyProgress(s.history, train) }));
  });
  api.training
    .start(full)
    .then(
      (result) =>
        update(runId, (s) => ({
          ...s,
          status: result.run.status === 'cancelled' ? 'cancelled' : result.run.status === 'failed' ? 'failed' : 'completed',
          result,
          error: result.run.error,
          history: fromRecords(s.history, result.run.history),
        })),
      (err) => update(runId, (s) => ({ ...s, status: isCancelled(err) ? 'cancelled' : 'failed', error: errorMessage(err) })),
    )
    .finally(off);
  return runId;
}

/** Asks the back end to stop a run; with keepBest the best weights so far are saved as a model. */
export async function cancelTraining(runId: string, keepBest: boolean): Promise<void> {
  update(runId, (s) => ({ ...s, status: 'cancelling', keepBest }));
  try {
    await getApi().jobs.cancel({ jobId: runId, keepBest });
  } catch (err) {
    update(runId, (s) => (s.status === 'cancelling' ? { ...s, status: 'running', keepBest: null } : s));
    throw err;
  }
}

/** Every run started from this window, oldest first (re-renders on each change). */
export function useTrainSessions(): readonly TrainSession[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** One run started from this window, or undefined when it was not started here. */
export function useTrainSession(runId: string): TrainSession | undefined {
  return useTrainSessions().find((s) => s.runId === runId);
}
