/** The training feature's reads through the query cache (a finished training reloads them through its job's event). */
import { useMemo } from 'react';
import type { PresetInfo, RunDetail, RunSummary } from '../../../shared/model/training';
import { useOperation, useOperations } from '../common/use-operation';

/** A run still training elsewhere is re-read this often until it ends. */
const RUNNING_REFRESH_MS = 3000;

/** The built-in presets; empty after a failure (the form still works without them), null while loading. */
export function usePresets(): PresetInfo[] | null {
  const q = useOperation('presets:list', undefined, 'Loading the presets');
  return q.isError ? [] : (q.data ?? null);
}

/** The run history (of one dataset when given); empty after a failure, null while loading. */
export function useRuns(datasetId: number | null): RunSummary[] | null {
  const q = useOperation('runs:list', datasetId === null ? {} : { datasetId }, 'Loading the run history');
  return q.isError ? [] : (q.data ?? null);
}

/** One run, re-read every few seconds while it is still training. */
export function useRun(id: string): { run: RunDetail | null; failed: boolean } {
  const q = useOperation('runs:get', { id }, 'Opening the run', { refetchInterval: (run) => (run?.status === 'running' ? RUNNING_REFRESH_MS : false) });
  return { run: q.data ?? null, failed: q.isError };
}

/** The details of several runs, in order; those still loading are left out. */
export function useRunDetails(ids: string[]): RunDetail[] {
  const details = useOperations('runs:get', ids.map((id) => ({ id })), 'Loading a run');
  return useMemo(() => details.filter((d): d is RunDetail => d !== undefined), [details]);
}
