/**
 * What the serving host and its long-lived serving worker exchange over the one job protocol
 * (electron/jobs/worker-protocol.ts), many requests by id: each request's `progress` (sent once,
 * before its result or error) says which version served it and the worker's memory after it.
 */
import type { ServeRequest, ServeResult, ServingMemory } from '../../shared/serving/types';

/** The serving worker's two jobs: predict with the version an alias points at, or load it (a switch). */
export type ServingJobName = 'predict' | 'switch';

/** A serving request (a switch has no `request`). */
export interface ServingJob {
  name: string;
  alias: string;
  request?: ServeRequest;
}

/** The progress of every serving request: the version that served it (null when none could be resolved), whether it was just loaded, and the worker's memory. */
export interface ServingFacts {
  version: number | null;
  switched: boolean;
  memory: ServingMemory;
}

/** The value of a prediction (a switch answers null). */
export interface ServedValue {
  result: ServeResult;
  predictions: number;
}
