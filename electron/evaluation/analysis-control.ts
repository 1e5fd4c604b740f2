/** How an analysis reports its progress and learns it was cancelled. */
import { CancelledError } from '../../shared/errors';

/** Passed to every analysis: `step` reports a phase and throws once the user cancelled. */
export interface AnalysisControl {
  signal: AbortSignal;
  /** Reports progress (fraction 0..1 or null) and throws a CancelledError when cancelled. */
  step(phase: string, fraction: number | null): void;
}

/** A control from a signal and a progress sink. */
export function analysisControl(signal: AbortSignal, report: (phase: string, fraction: number | null) => void = () => {}): AnalysisControl {
  return {
    signal,
    step(phase, fraction) {
      if (signal.aborted) throw new CancelledError('The analysis was cancelled.');
      report(phase, fraction);
    },
  };
}
