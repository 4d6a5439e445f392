import type { SuiteStop } from '../claims/result.ts';

/** The signals a run stops on, and the exit code each ends the process with (128 + its number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

export interface StopTrap {
  /** Aborted by the first signal, or when the time budget runs out. */
  readonly signal: AbortSignal;
  /** What stopped the run, or null while it runs on. */
  reason(): SuiteStop | null;
  /** The exit code a signal asks for (130, 143, 129), or null when none came. */
  signalExitCode(): number | null;
  dispose(): void;
}

/**
 * Arms SIGINT, SIGTERM and SIGHUP (and an optional time budget) for a long command: the first
 * stops the run between runs, so what was gathered is written as a partial report before the
 * process exits with the signal's code. A second signal while the report is written exits at
 * once (the report files are renamed into place whole, so none is ever torn).
 */
export function trapStops(timeBudgetMs?: number): StopTrap {
  const controller = new AbortController();
  let reason: SuiteStop | null = null;
  const stop = (why: SuiteStop) => {
    if (reason !== null) return;
    reason = why;
    controller.abort(why);
  };
  const handlers = Object.keys(STOP_SIGNALS).map((name) => {
    const signal = name as StopSignal;
    const handler = () => {
      if (reason !== null && reason !== 'time-budget') process.exit(STOP_SIGNALS[signal]);
      process.stderr.write(`theorycheck: ${signal} received; stopping after the current run and writing a partial report\n`);
      // A budget already spent does not hide the signal: the exit code still reports it.
      if (reason === 'time-budget') reason = signal;
      stop(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const timer = timeBudgetMs !== undefined ? setTimeout(() => stop('time-budget'), timeBudgetMs) : null;
  return {
    signal: controller.signal,
    reason: () => reason,
    signalExitCode: () => (reason !== null && reason !== 'time-budget' ? STOP_SIGNALS[reason] : null),
    dispose: () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      if (timer) clearTimeout(timer);
    },
  };
}
