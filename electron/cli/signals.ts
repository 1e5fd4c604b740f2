/** Ctrl-C and termination requests, handled politely: the first one asks to stop, a second one forces it. */

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Calls `onStop` on the first Ctrl-C (SIGINT) or SIGTERM; a second one exits at once with code 1.
 * Returns a function that removes the handlers.
 */
export function onStopRequest(onStop: () => void, stderr: { write(text: string): unknown }): () => void {
  let asked = false;
  const handler = () => {
    if (asked) {
      stderr.write('\nStopped.\n');
      process.exit(1);
    }
    asked = true;
    onStop();
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, handler);
  };
}

/** Resolves at the first Ctrl-C or SIGTERM; a later one gets Node's default (immediate exit). */
export function untilStopRequested(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      for (const s of STOP_SIGNALS) process.off(s, stop);
      resolve();
    };
    for (const s of STOP_SIGNALS) process.on(s, stop);
  });
}
