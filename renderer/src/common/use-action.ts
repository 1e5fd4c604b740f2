/** The state of one user action that calls the back end (save, deploy, delete): busy, its error, and whether it succeeded. */
import { useCallback, useState } from 'react';
import { errorMessage } from './error-context';

/** What a form or dialog needs to show about its action. */
export interface ActionState {
  busy: boolean;
  /** The message of the last failure (shown where the action was asked for). */
  error: string | null;
  /** The last run succeeded (cleared by `touch`, e.g. when the form changes again). */
  done: boolean;
  /** Runs `work`; a throw becomes `error` (the UI stays usable to try again). */
  run(work: () => Promise<void>): Promise<void>;
  /** Forgets `done` (and any error) after an edit. */
  touch(): void;
  /** Shows a message without running anything (e.g. the form's own check failed). */
  fail(message: string): void;
}

/** Holds one action's state. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await work();
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);
  const touch = useCallback(() => {
    setDone(false);
    setError(null);
  }, []);
  const fail = useCallback((message: string) => {
    setDone(false);
    setError(message);
  }, []);
  return { busy, error, done, run, touch, fail };
}
