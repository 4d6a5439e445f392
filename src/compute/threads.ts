import { availableParallelism } from 'node:os';
import { InvalidParameterError } from '../parameters/validation.ts';

/** Worker threads for the CPU fast paths: THEORYCHECK_THREADS, else every core. Results do not depend on it. */
export function computeThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.THEORYCHECK_THREADS;
  if (raw === undefined || raw === '') return availableParallelism();
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidParameterError('THEORYCHECK_THREADS', raw, 'an integer ≥ 1');
  return value;
}
