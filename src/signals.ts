// How a process learns it is being stopped. GitHub cancels a step with SIGINT, then SIGTERM about
// 7.5 s later, then kills it; its post steps still run. A terminal sends SIGINT on Ctrl-C, a CI
// system SIGTERM. The first signal cancels the job (src/cancel.ts): it stops waiting and reading,
// puts back what it must, and renders what it did. Later signals do not cut that short, except the
// same signal twice from a person at a terminal, which ends the process at once.

export const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof EXIT_CODES;

/** An AbortSignal aborted with the signal's name by the first SIGINT or SIGTERM. */
export function cancelOnSignals(options: { onRepeat?: (signal: StopSignal) => void } = {}): AbortSignal {
  const controller = new AbortController();
  for (const signal of Object.keys(EXIT_CODES) as StopSignal[]) {
    process.on(signal, () => {
      if (!controller.signal.aborted) controller.abort(signal);
      else if (controller.signal.reason === signal) options.onRepeat?.(signal);
    });
  }
  return controller.signal;
}

/** The signal that stopped the job, if one did. */
export function stoppedBy(signal: AbortSignal): StopSignal | undefined {
  return signal.aborted ? (signal.reason as StopSignal) : undefined;
}
