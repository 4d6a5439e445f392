import { environmentSetting } from '../config/environment.ts';

/** Worker threads for the CPU fast paths: THEORYCHECK_THREADS, else every core. Results do not depend on it. */
export function computeThreads(): number {
  return environmentSetting('threads');
}
