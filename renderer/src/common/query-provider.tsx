/**
 * The renderer's query cache: every read of the back end goes through it, failures go to the error
 * banner under the context a query names, and the back end's events mark what they changed as stale.
 */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { EventName, Events } from '../../../shared/api';
import { getApi } from './api-client';
import { useReportError } from './error-context';
import { invalidationFor } from './query-keys';

/** What a query tells the cache about itself. */
export interface QueryMeta extends Record<string, unknown> {
  /** What the UI was doing, for the error banner ("Loading the datasets"); null: the page shows the failure itself. */
  context: string | null;
}

/** Marks the queries an event changed as stale (the ones on screen reload). */
function follow<E extends EventName>(client: QueryClient, event: E, payload: Events[E]): void {
  const change = invalidationFor(event, payload);
  if (change === 'all') void client.invalidateQueries();
  else for (const ns of change) void client.invalidateQueries({ queryKey: [ns] });
}

/** Provides the query cache to the app and keeps it in step with the back end's events. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const report = useReportError();
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({
          onError: (err, query) => {
            const context = (query.meta as QueryMeta | undefined)?.context;
            if (context) report(context, err);
          },
        }),
        // A failure is shown at once (no retries); a page shows its data again when it comes back,
        // and reloads it when an event or an action of this window changed it.
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false } },
      }),
  );
  useEffect(() => {
    const events = getApi().events;
    const offs = [
      events.onJobFinished((p) => follow(client, 'job:finished', p)),
      events.onAliasMoved((p) => follow(client, 'models:aliasMoved', p)),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
