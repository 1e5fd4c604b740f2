/**
 * Runs one analysis operation (evaluation, forecast, risk, explanation) as a job: follows its
 * job:progress events, cancels it on request or when the page goes away, and keeps the last result
 * on screen while a new run is in flight.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/api';
import { getApi } from './api-client';
import { errorMessage, isCancelled } from './error-context';

/** Where a job stands. */
export type JobStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'failed' | 'cancelled';

/** The state of an analysis job and its last result. */
export interface AnalysisJob<T> {
  status: JobStatus;
  progress: JobProgress | null;
  /** The last successful result (kept while a new run is in flight). */
  result: T | null;
  /** The message of the last failure. */
  error: string | null;
  /** Starts `call` with a fresh job id (a run in flight is cancelled first). */
  run(call: (jobId: string) => Promise<T>): Promise<void>;
  cancel(): Promise<void>;
  /** Cancels a run in flight and forgets the result (e.g. when the model or dataset changes). */
  reset(): void;
}

/** Holds one analysis job; unmounting cancels a run still in flight. */
export function useAnalysisJob<T>(): AnalysisJob<T> {
  const [status, setStatus] = useState<JobStatus>('idle');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);

  const cancelJob = useCallback(async (jobId: string) => {
    await getApi()
      .jobs.cancel({ jobId })
      .catch((err) => setError(`Could not cancel: ${errorMessage(err)}`));
  }, []);

  useEffect(
    () => () => {
      const jobId = current.current;
      current.current = null;
      if (jobId) void getApi().jobs.cancel({ jobId }).catch(() => undefined);
    },
    [],
  );

  const run = useCallback(
    async (call: (jobId: string) => Promise<T>) => {
      const previous = current.current;
      if (previous) void cancelJob(previous);
      const jobId = crypto.randomUUID();
      current.current = jobId;
      setStatus('running');
      setProgress(null);
      setError(null);
      // Subscribe before starting so the first updates are not missed.
      const unsubscribe = getApi().events.onJobProgress((p) => {
        if (p.jobId === jobId && current.current === jobId) setProgress(p);
      });
      try {
        const value = await call(jobId);
        if (current.current !== jobId) return;
        setResult(value);
        setStatus('done');
      } catch (err) {
        if (current.current !== jobId) return;
        if (isCancelled(err)) setStatus('cancelled');
        else {
          setError(errorMessage(err));
          setStatus('failed');
        }
      } finally {
        unsubscribe();
        if (current.current === jobId) current.current = null;
      }
    },
    [cancelJob],
  );

  const cancel = useCallback(async () => {
    const jobId = current.current;
    if (!jobId) return;
    setStatus('cancelling');
    await cancelJob(jobId);
  }, [cancelJob]);

  const reset = useCallback(() => {
    const jobId = current.current;
    current.current = null;
    if (jobId) void cancelJob(jobId);
    setResult(null);
    setError(null);
    setProgress(null);
    setStatus('idle');
  }, [cancelJob]);

  return { status, progress, result, error, run, cancel, reset };
}

/** True while the job runs or is being cancelled. */
export function isBusy(status: JobStatus): boolean {
  return status === 'running' || status === 'cancelling';
}
