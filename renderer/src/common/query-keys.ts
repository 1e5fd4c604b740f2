/**
 * The query cache's keys and what invalidates them. Pure (no React, no DOM), so unit tests cover it.
 * A query's key is `[namespace, method, request]` (`['datasets', 'get', { id: 3 }]`), so invalidating a
 * namespace (`['datasets']`) refreshes every query of it. The back end's events say what changed.
 */
import type { EventName, Events, JobKind, OperationName, Req } from '../../../shared/api';

/** The namespace of an operation: `datasets` of `datasets:get`. */
export type Namespace = OperationName extends `${infer N}:${string}` ? N : never;

/** The cache key of one operation called with one request. */
export type OperationKey = readonly [string, string, unknown];

/** The cache key of `op` called with `req` (void operations carry null). */
export function operationKey<K extends OperationName>(op: K, req: Req<K>): OperationKey {
  const [ns, method] = op.split(':') as [string, string];
  return [ns, method, req ?? null];
}

/** The namespaces whose queries a finished job of each kind makes stale. */
const AFTER_JOB: Record<JobKind, readonly Namespace[]> = {
  import: ['datasets', 'files'],
  train: ['runs', 'models'],
  // A training estimate stores nothing.
  estimate: [],
  // Analyses record drift checks, scoring runs and deploys (gates); the rest leave no trace.
  analysis: ['drift', 'scoring', 'models', 'monitoring', 'serving'],
  report: [],
};

/** A change the cache must follow: some namespaces, or everything (an event it does not know). */
export type Invalidation = readonly Namespace[] | 'all';

/**
 * What one back-end event makes stale: a finished import, training or analysis job, or an alias
 * move; progress events change nothing stored. A job kind added later invalidates everything
 * rather than leaving a page stale.
 */
export function invalidationFor<E extends EventName>(event: E, payload: Events[E]): Invalidation {
  switch (event) {
    case 'job:finished': {
      const kind = (payload as Events['job:finished']).kind;
      return Object.hasOwn(AFTER_JOB, kind) ? AFTER_JOB[kind] : 'all';
    }
    case 'models:aliasMoved':
      return ['models', 'monitoring', 'serving'];
    default:
      return [];
  }
}

/** True when a datasets query is about dataset `id` (its detail or series), which a delete must not reload. */
export function isAboutDataset(key: readonly unknown[], id: number): boolean {
  if (key[0] !== 'datasets') return false;
  const req = key[2] as { id?: unknown; datasetId?: unknown } | null;
  return req !== null && typeof req === 'object' && (req.id === id || req.datasetId === id);
}
