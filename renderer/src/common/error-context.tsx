/** App-wide error reporting: any failed call lands in one dismissible banner, never swallowed. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** One error shown to the user. */
export interface ShownError {
  id: number;
  /** What the UI was doing ("Loading datasets"). */
  context: string;
  message: string;
}

interface ErrorState {
  errors: ShownError[];
  report(context: string, err: unknown): void;
  dismiss(id: number): void;
}

const ErrorContext = createContext<ErrorState | null>(null);
let nextId = 1;

/** Extracts a person-readable message from anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

/** True when an error means the user cancelled the work (not a failure). */
export function isCancelled(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (err as { kind?: string }).kind === 'cancelled' || err.name === 'CancelledError';
}

/** Holds the list of errors shown in the banner. */
export function ErrorProvider({ children }: { children: ReactNode }) {
  const [errors, setErrors] = useState<ShownError[]>([]);
  const report = useCallback((context: string, err: unknown) => {
    console.warn(`${context}:`, err);
    const message = errorMessage(err);
    setErrors((prev) => {
      // The same failure repeated (e.g. the server stopped) is shown once.
      if (prev.some((e) => e.context === context && e.message === message)) return prev;
      return [...prev, { id: nextId++, context, message }];
    });
  }, []);
  const dismiss = useCallback((id: number) => setErrors((prev) => prev.filter((e) => e.id !== id)), []);
  const value = useMemo(() => ({ errors, report, dismiss }), [errors, report, dismiss]);
  return <ErrorContext.Provider value={value}>{children}</ErrorContext.Provider>;
}

/** Returns the error list and the functions to report and dismiss errors. */
export function useErrors(): ErrorState {
  const ctx = useContext(ErrorContext);
  if (!ctx) throw new Error('useErrors must be used inside <ErrorProvider>.');
  return ctx;
}

/** Returns `report(context, err)` for reporting a failed call to the banner. */
export function useReportError(): ErrorState['report'] {
  return useErrors().report;
}
