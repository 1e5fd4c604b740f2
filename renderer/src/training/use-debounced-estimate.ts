/** The training estimate of a config on a dataset, re-requested shortly after the config stops changing. */
import { useEffect, useState } from 'react';
import type { TrainingEstimate } from '../../../shared/model/training';
import type { PartialVariant } from '../../../shared/model/variant';
import { getApi } from '../common/api-client';
import { errorMessage } from '../common/error-context';

const DEBOUNCE_MS = 450;

/** The state of the estimate: the latest result, whether one is being measured, and the last error. */
export interface EstimateState {
  estimate: TrainingEstimate | null;
  loading: boolean;
  error: string | null;
}

/** Measures `config` on the dataset once it has been unchanged for a moment; `enabled` false (invalid config) skips it. */
export function useDebouncedEstimate(datasetId: number | null, config: PartialVariant, preset: string | null, enabled: boolean): EstimateState {
  const [state, setState] = useState<EstimateState>({ estimate: null, loading: false, error: null });
  const key = JSON.stringify([datasetId, config, preset]);
  useEffect(() => {
    if (datasetId === null || !enabled) {
      setState((s) => ({ ...s, loading: false }));
      return;
    }
    let stale = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      getApi()
        .training.estimate({ datasetId, config, ...(preset ? { preset } : {}) })
        .then(
          (estimate) => !stale && setState({ estimate, loading: false, error: null }),
          (err) => !stale && setState({ estimate: null, loading: false, error: errorMessage(err) }),
        );
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // config and preset are captured through key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled]);
  return state;
}
