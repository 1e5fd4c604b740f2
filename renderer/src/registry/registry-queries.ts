/** The registry's reads through the query cache: deploys, rollbacks and trainings reload them through their events. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AliasEvent, ModelComparison, ModelPolicy, ModelVersionDetail, RegisteredModel } from '../../../shared/registry/types';
import { useValue, type Loaded } from '../common/use-operation';

/** Every model by name with its versions and aliases. */
export function useRegistry(enabled = true): Loaded<RegisteredModel[]> {
  return useValue('models:registry', enabled ? undefined : null, 'Loading the model registry');
}

/** Every recorded move of a model's aliases (none for no name). */
export function useAliasHistory(name: string | null): Loaded<AliasEvent[]> {
  return useValue('models:history', name === null ? null : { name }, 'Loading the alias history');
}

/** A model's policy (none for no name). */
export function useModelPolicy(name: string | null): Loaded<ModelPolicy> {
  return useValue('models:policy', name === null ? null : { name }, 'Loading the model policy');
}

/** One version (`NAME@VERSION`) with its lineage and metrics. */
export function useModelVersion(ref: string): Loaded<ModelVersionDetail> {
  return useValue('models:get', { ref }, 'Opening the model version');
}

/** Two versions of one model side by side. */
export function useComparison(name: string, a: number, b: number): Loaded<ModelComparison> {
  return useValue('models:compare', { a: `${name}@${a}`, b: `${name}@${b}` }, 'Comparing the versions');
}

/**
 * Returns `changed(deletedRef?)`: the registry and what serves it reload after an action of this
 * window. A deleted version (`NAME@VERSION`) is not read again: it is gone, and its page is being left.
 */
export function useRegistryChanged(): (deletedRef?: string) => void {
  const client = useQueryClient();
  return useCallback(
    (deletedRef?: string) => {
      const gone = (key: readonly unknown[]) => deletedRef !== undefined && key[1] === 'get' && (key[2] as { ref?: string } | null)?.ref === deletedRef;
      for (const ns of ['models', 'monitoring', 'serving']) void client.invalidateQueries({ queryKey: [ns], predicate: (q) => !gone(q.queryKey) });
    },
    [client],
  );
}
