/** The datasets feature's reads and actions, through the query cache (imports reload them through their job's event). */
import type { RecentFile } from '../../../shared/api';
import type { DatasetDetail, DatasetSummary, SeriesRequest } from '../../../shared/dataset';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callOperation } from '../common/api-client';
import type { QueryMeta } from '../common/query-provider';
import { isAboutDataset, operationKey } from '../common/query-keys';
import { useOperation, useOperationMutation } from '../common/use-operation';

/** Every dataset, newest first; null while loading. */
export function useDatasets(): DatasetSummary[] | null {
  return useOperation('datasets:list', undefined, 'Loading the datasets').data ?? null;
}

/** The details (columns, entities, gaps) of dataset `id`; null while loading or for no id. `failed` after an error. */
export function useDatasetDetail(id: number | null, context = 'Opening the dataset'): { detail: DatasetDetail | null; failed: boolean } {
  const q = useOperation('datasets:get', id === null ? null : { id }, context);
  return { detail: q.data ?? null, failed: q.isError };
}

/** Files imported recently (empty while loading). */
export function useRecentFiles(): RecentFile[] {
  return useOperation('files:recent', undefined, 'Loading recent files').data ?? [];
}

/** Renames a dataset; lists and its page reload. */
export function useRenameDataset() {
  return useOperationMutation('datasets:rename', ['datasets']);
}

/**
 * Deletes a dataset; lists reload (runs and models keep their own copy of what they need). Its own
 * detail and series are not reloaded: they are gone, and the page showing them is being left.
 */
export function useDeleteDataset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: { id: number }) => callOperation('datasets:delete', req),
    onSuccess: (_res, req) => void client.invalidateQueries({ queryKey: ['datasets'], predicate: (q) => !isAboutDataset(q.queryKey, req.id) }),
  });
}

/** Chart data of some columns of one entity (downsampled by the back end); the last data stays while new data loads. */
export function useSeries(req: SeriesRequest | null, context: string) {
  return useOperation('datasets:series', req, context, { keepPrevious: true });
}

/**
 * The main chart's data with the x range it was requested for (null: all), so the chart knows
 * whether it shows a zoomed range; the last data stays on screen while a new range loads.
 */
export function useSeriesView(req: SeriesRequest) {
  const meta: QueryMeta = { context: 'Loading chart data' };
  return useQuery({
    queryKey: [...operationKey('datasets:series', req), 'view'],
    queryFn: async () => ({ result: await callOperation('datasets:series', req), range: req.range ?? null }),
    placeholderData: keepPreviousData,
    meta,
  });
}
