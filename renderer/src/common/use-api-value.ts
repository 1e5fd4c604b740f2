/** Loads one value from the back end, again whenever its id or revision changes; a failure goes to the error banner. */
import { useEffect, useState } from 'react';
import { useReportError } from './error-context';

/** A loaded value: null while loading (or after a failure, then `failed`). */
export interface ApiValue<T> {
  value: T | null;
  failed: boolean;
}

/**
 * Calls `load` when `id` (null: nothing to load) or `revision` changes. The value of an earlier
 * revision of the same id stays on screen while it reloads; one of another id is never shown.
 */
export function useApiValue<T>(id: string | null, revision: number, load: () => Promise<T>, context: string): ApiValue<T> {
  const report = useReportError();
  const [state, setState] = useState<{ id: string; value: T | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (id === null) return;
    let stale = false;
    load().then(
      (value) => !stale && setState({ id, value, failed: false }),
      (err) => {
        if (stale) return;
        setState({ id, value: null, failed: true });
        report(context, err);
      },
    );
    return () => {
      stale = true;
    };
    // `load` is captured through `id` and `revision`: callers build it inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, revision, context, report]);
  return state && state.id === id ? { value: state.value, failed: state.failed } : { value: null, failed: false };
}
