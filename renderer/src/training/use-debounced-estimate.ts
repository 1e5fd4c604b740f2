/** The training estimate of a config on a dataset, re-requested shortly after the config stops changing. */
import { useMemo } from 'react';
import type { Req } from '../../../shared/api';
import type { TrainingEstimate } from '../../../shared/model/training';
import type { PartialVariant } from '../../../shared/model/variant';
import { errorMessage } from '../common/error-context';
import { useDebounced } from '../common/use-debounced';
import { useOperation } from '../common/use-operation';

const DEBOUNCE_MS = 450;

/** The state of the estimate: the latest result, whether one is being measured, and the last error. */
export interface EstimateState {
  estimate: TrainingEstimate | null;
  loading: boolean;
  error: string | null;
}

/** Measures `config` on the dataset once it has been unchanged for a moment; `enabled` false (invalid config) skips it. */
export function useDebouncedEstimate(datasetId: number | null, config: PartialVariant, preset: string | null, enabled: boolean): EstimateState {
  // The request as text: equal configs are one request, and the debounce compares strings.
  const key = datasetId === null || !enabled ? null : JSON.stringify({ datasetId, config, ...(preset ? { preset } : {}) });
  const settled = useDebounced(key, DEBOUNCE_MS);
  const req = useMemo(() => (settled === null ? null : (JSON.parse(settled) as Req<'training:estimate'>)), [settled]);
  // Errors show beside the estimate, not in the banner.
  const q = useOperation('training:estimate', key === null ? null : req, null, { keepPrevious: true });
  return {
    estimate: q.isError ? null : (q.data ?? null),
    loading: key !== null && (settled !== key || q.isFetching),
    error: q.isError ? errorMessage(q.error) : null,
  };
}
