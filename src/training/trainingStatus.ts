/** How a training loop ended; divergence and time-outs are statuses, not exceptions. */
export type TrainingStatus = 'converged' | 'completed' | 'diverged' | 'timeout';

/**
 * A run's training status as a claim reports it: `ok` (it finished, converged or not), or the way
 * it failed to finish, which the runner judges instead of the claim's `holds`.
 */
export type RunStatus = 'ok' | 'diverged' | 'timeout';

/**
 * The status of one or more training runs together: diverged if any diverged, else timeout if any
 * timed out, else ok. Takes loop statuses and run statuses alike.
 */
export function combinedStatus(...statuses: readonly (TrainingStatus | RunStatus)[]): RunStatus {
  return statuses.includes('diverged') ? 'diverged' : statuses.includes('timeout') ? 'timeout' : 'ok';
}
