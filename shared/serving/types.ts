/** Types of serving (predictions from the version an alias points at) and of its monitoring history. */
import type { PredictionRow } from '../evaluation/analysis-types';

/** A request to the serving worker: the latest window of each entity (or of the given ones) of a dataset. */
export interface ServeRequest {
  /** NAME:ALIAS (default alias production when only NAME is given). */
  model: string;
  datasetId: number;
  entities?: string[];
}

/** What the service answered, and which version answered it. */
export interface ServeResult {
  model: { name: string; version: number; alias: string };
  columns: string[];
  rows: PredictionRow[];
  /** Time from the request reaching the worker to its answer. */
  latencyMs: number;
}

/** A version the serving worker holds in memory. */
export interface ServedVersion {
  name: string;
  alias: string;
  version: number;
  loadedAt: string;
  requests: number;
}

/** The serving worker: whether it runs, what it serves, and how often it switched versions. */
export interface ServingStatus {
  running: boolean;
  /** The worker thread's id: unchanged across version switches. */
  threadId: number | null;
  startedAt: string | null;
  served: ServedVersion[];
  switches: number;
  memory: ServingMemory | null;
}

/** The worker's memory, as it last reported it. */
export interface ServingMemory {
  rssMb: number;
  heapMb: number;
  tensorMb: number;
  /** Tensors alive in the worker (tf.memory().numTensors; not kept in the history). */
  tensors?: number;
}

/** One minute of one served version: requests, outcomes, latency and throughput, and memory. */
export interface MonitoringSample {
  name: string;
  version: number;
  alias: string;
  /** The minute (ISO 8601, seconds zeroed) the sample covers. */
  minute: string;
  requests: number;
  successes: number;
  failures: number;
  predictions: number;
  p50Ms: number;
  p95Ms: number;
  /** Predictions per second of serving time. */
  throughput: number;
  memory: ServingMemory;
}

/** A version in service with its totals over the recorded history. */
export interface MonitoredVersion {
  name: string;
  alias: string;
  version: number;
  requests: number;
  successRate: number | null;
  predictions: number;
  p50Ms: number | null;
  p95Ms: number | null;
  lastRequestAt: string | null;
}
