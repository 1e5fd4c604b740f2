/** Drift, batch scoring and serving reads through the query cache: a finished check or scoring run reloads them through its job's event. */
import type { DriftCheckSummary } from '../../../shared/drift/types';
import type { ScoringRunSummary } from '../../../shared/scoring/types';
import type { MonitoredVersion, MonitoringSample, ServingStatus } from '../../../shared/serving/types';
import { useValue, type Loaded } from '../common/use-operation';

/** Monitoring pages read the service again this often. */
const REFRESH_MS = 5000;
const every = () => REFRESH_MS;

/** A model's recorded drift checks, newest first (none for no name). */
export function useDriftChecks(name: string | null): Loaded<DriftCheckSummary[]> {
  return useValue('drift:history', name === null ? null : { name }, 'Loading the drift checks');
}

/** A model's recorded batch-scoring runs, newest first (none for no name). */
export function useScoringRuns(name: string | null): Loaded<ScoringRunSummary[]> {
  return useValue('scoring:list', name === null ? null : { name }, 'Loading the scoring runs');
}

/** The serving worker's state, re-read every few seconds. */
export function useServingStatus(): Loaded<ServingStatus> {
  return useValue('serving:status', undefined, 'Loading the serving status', { refetchInterval: every });
}

/** Every version an alias points at with its serving totals, re-read every few seconds. */
export function useMonitoredVersions(): Loaded<MonitoredVersion[]> {
  return useValue('monitoring:summary', undefined, 'Loading the versions in service', { refetchInterval: every });
}

/** The per-minute history of one served version, re-read every few seconds (none for no version). */
export function useMonitoringHistory(version: { name: string; version: number } | null): Loaded<MonitoringSample[]> {
  return useValue('monitoring:history', version === null ? null : { name: version.name, version: version.version }, 'Loading the monitoring history', { refetchInterval: every });
}
