/** Reads of the back end through the query cache, and the invalidation an action of this window needs. */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OperationName, Req, Res } from '../../../shared/api';
import { callOperation } from './api-client';
import type { QueryMeta } from './query-provider';
import { operationKey, type Namespace } from './query-keys';

/**
 * The result of `op` called with `req`, cached under its key; `req` null: nothing to load yet.
 * A failure is reported to the error banner as `context` (null: the caller shows it).
 */
export function useOperation<K extends OperationName>(op: K, req: Req<K> | null, context: string | null, options: ReadOptions<K> = {}): UseQueryResult<Res<K>> {
  const meta: QueryMeta = { context };
  return useQuery({
    queryKey: operationKey(op, req as Req<K>),
    queryFn: () => callOperation(op, req as Req<K>),
    enabled: req !== null,
    meta,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(options.refetchInterval ? { refetchInterval: (q: { state: { data: Res<K> | undefined } }) => options.refetchInterval?.(q.state.data) ?? false } : {}),
  });
}

/** How a read behaves beyond load-once-and-follow-events. */
export interface ReadOptions<K extends OperationName> {
  /** Keeps the last result on screen while a new request loads (an estimate as the form changes). */
  keepPrevious?: boolean;
  /** Reads again after this many ms while the result says so (a run still training elsewhere); false: no more. */
  refetchInterval?: (data: Res<K> | undefined) => number | false;
}

/** The results of `op` for several requests (e.g. the runs compared), in order; undefined while one loads. */
export function useOperations<K extends OperationName>(op: K, reqs: Req<K>[], context: string): (Res<K> | undefined)[] {
  const meta: QueryMeta = { context };
  return useQueries({
    queries: reqs.map((req) => ({ queryKey: operationKey(op, req), queryFn: () => callOperation(op, req), meta })),
    combine: dataOf,
  }) as (Res<K> | undefined)[];
}

/** The data of each query (module-level, so the combined list changes only when a result does). */
function dataOf<T>(results: { data: T | undefined }[]): (T | undefined)[] {
  return results.map((r) => r.data);
}

/** Returns `invalidate(...namespaces)`: what an action changed reloads wherever it is shown. */
export function useInvalidate(): (...namespaces: Namespace[]) => void {
  const client = useQueryClient();
  return useCallback((...namespaces: Namespace[]) => namespaces.forEach((ns) => void client.invalidateQueries({ queryKey: [ns] })), [client]);
}

/**
 * An action of this window that changes stored data (rename, delete, save a policy): `mutateAsync(req)`
 * calls `op`, and on success the namespaces it changed reload wherever they are shown.
 */
export function useOperationMutation<K extends OperationName>(op: K, invalidates: readonly Namespace[]): UseMutationResult<Res<K>, Error, Req<K>> {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (req: Req<K>) => callOperation(op, req),
    onSuccess: () => invalidate(...invalidates),
  });
}

/** A loaded value: null while loading (or after a failure, then `failed`). */
export interface Loaded<T> {
  value: T | null;
  failed: boolean;
}

/** `useOperation` as a value and a failure flag, for pages that only show what they read. */
export function useValue<K extends OperationName>(op: K, req: Req<K> | null, context: string | null, options: ReadOptions<K> = {}): Loaded<Res<K>> {
  const q = useOperation(op, req, context, options);
  return { value: q.data ?? null, failed: q.isError };
}
