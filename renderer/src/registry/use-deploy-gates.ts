/** The quality gates of a deploy being chosen: run again (as a job) whenever the choice changes. */
import { useEffect } from 'react';
import type { GateReport, GatesRequest } from '../../../shared/registry/types';
import { useAnalysisJob, type AnalysisJob } from '../common/analysis-job';
import { getApi } from '../common/api-client';

/**
 * Runs the gates of `target` after `delayMs` (a typed alias waits for a pause), cancelling a run
 * for an earlier choice; `skip` (an invalid alias, or one already on the version) runs nothing.
 */
export function useDeployGates(target: GatesRequest, skip: boolean, delayMs: number): AnalysisJob<GateReport> {
  const gatesJob = useAnalysisJob<GateReport>();
  const { reset, run } = gatesJob;
  // The choice as text: an equal choice is the same run.
  const targetKey = JSON.stringify(target);
  useEffect(() => {
    reset();
    if (skip) return;
    const request = JSON.parse(targetKey) as GatesRequest;
    const timer = setTimeout(() => void run((jobId) => getApi().models.gates({ ...request, jobId })), delayMs);
    return () => clearTimeout(timer);
  }, [targetKey, skip, delayMs, reset, run]);
  return gatesJob;
}
