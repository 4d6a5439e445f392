import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterError } from '../parameters/validation.ts';
import { type Profile, profiles } from '../claims/profile.ts';
import { type BackendRequest, parseBackendRequest } from '../compute/backendRequest.ts';

/** Whether stored counterexamples are replayed (`read`), also saved (`write`), or ignored (`off`). */
export type CorpusMode = 'off' | 'read' | 'write';
/** Where finished runs are cached: on disk, in memory, or not at all. */
export type CacheMode = 'off' | 'memory' | 'disk';

/**
 * Everything the THEORYCHECK_* environment variables say, typed and validated. The CLI reads it
 * once and passes it down; the vitest glue and the reporter read it where vitest gives them no
 * flags. No other module reads these variables.
 */
export interface Environment {
  /** THEORYCHECK_PROFILE: smoke, ci (default) or deep. */
  readonly profile: Profile;
  /** THEORYCHECK_SEED: the base seed, an integer ≥ 0 (default 42). */
  readonly seed: number;
  /** THEORYCHECK_BACKEND: a backend name or `fast` (default). */
  readonly backend: BackendRequest;
  /** THEORYCHECK_CORPUS: `write` (default: replay stored cases, save new ones), `read` or `off`. */
  readonly corpus: CorpusMode;
  /** THEORYCHECK_CORPUS_DIR, else fixtures/counterexamples under the working directory. */
  readonly corpusDirectory: string;
  /** Whether THEORYCHECK_CORPUS_DIR was set. */
  readonly corpusDirectoryGiven: boolean;
  /** THEORYCHECK_CACHE: `disk` (default, under .cache/results), `memory` or `off`. */
  readonly cache: CacheMode;
  /** THEORYCHECK_THREADS: worker threads of the CPU fast paths, else every core. Results do not depend on it. */
  readonly threads: number;
  /** False when THEORYCHECK_NO_NATIVE=1 disables the native kernel. */
  readonly native: boolean;
  /** THEORYCHECK_REPORT_DIR, else reports/ (where vitest runs write their report). */
  readonly reportDirectory: string;
  /** THEORYCHECK_CRASH_DIR, else the system's temporary folder (where an internal error's crash log goes). */
  readonly crashDirectory: string;
  /** THEORYCHECK_FAST: the backend `fast` must mean (checked against the backends that run here), else '' (measure). */
  readonly fast: string;
}

/** The variables this module reads, for messages and docs. */
export const environmentVariables = [
  'THEORYCHECK_PROFILE',
  'THEORYCHECK_SEED',
  'THEORYCHECK_BACKEND',
  'THEORYCHECK_CORPUS',
  'THEORYCHECK_CORPUS_DIR',
  'THEORYCHECK_CACHE',
  'THEORYCHECK_THREADS',
  'THEORYCHECK_NO_NATIVE',
  'THEORYCHECK_REPORT_DIR',
  'THEORYCHECK_FAST',
  'THEORYCHECK_CRASH_DIR',
] as const;

function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined || text === '') return fallback;
  if (!(allowed as readonly string[]).includes(text)) throw new InvalidParameterError(name, text, `one of ${allowed.join(', ')}`);
  return text as T;
}

function integerAtLeast(name: string, text: string | undefined, least: number, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < least)
    throw new InvalidParameterError(name, text, `an integer ≥ ${least}`);
  return value;
}

type Env = NodeJS.ProcessEnv;

/** One reader per setting, each validating only its own variable. */
const readers: { readonly [K in keyof Environment]: (env: Env, cwd: string) => Environment[K] } = {
  profile: (env) => oneOf('THEORYCHECK_PROFILE', env.THEORYCHECK_PROFILE, profiles, 'ci'),
  seed: (env) => integerAtLeast('THEORYCHECK_SEED', env.THEORYCHECK_SEED, 0, 42),
  backend: (env) => parseBackendRequest(env.THEORYCHECK_BACKEND || 'fast', 'THEORYCHECK_BACKEND'),
  corpus: (env) => oneOf('THEORYCHECK_CORPUS', env.THEORYCHECK_CORPUS, ['write', 'read', 'off'], 'write'),
  corpusDirectory: (env, cwd) => env.THEORYCHECK_CORPUS_DIR || join(cwd, 'fixtures', 'counterexamples'),
  corpusDirectoryGiven: (env) => Boolean(env.THEORYCHECK_CORPUS_DIR),
  cache: (env) => oneOf('THEORYCHECK_CACHE', env.THEORYCHECK_CACHE, ['disk', 'memory', 'off'], 'disk'),
  threads: (env) => integerAtLeast('THEORYCHECK_THREADS', env.THEORYCHECK_THREADS, 1, 0) || availableParallelism(),
  native: (env) => oneOf('THEORYCHECK_NO_NATIVE', env.THEORYCHECK_NO_NATIVE, ['0', '1'], '0') !== '1',
  reportDirectory: (env) => env.THEORYCHECK_REPORT_DIR || 'reports',
  crashDirectory: (env) => env.THEORYCHECK_CRASH_DIR || tmpdir(),
  fast: (env) => env.THEORYCHECK_FAST ?? '',
};

/**
 * Reads and validates every THEORYCHECK_* variable; a bad value is an InvalidParameterError
 * naming the variable and its constraint (the CLI prints it as one line and exits 2). Cheap,
 * and read afresh on each call, so a test that sets a variable sees it.
 */
export function readEnvironment(env: Env = process.env, cwd: string = process.cwd()): Environment {
  return Object.fromEntries(Object.entries(readers).map(([key, read]) => [key, read(env, cwd)])) as unknown as Environment;
}

/**
 * One setting, validating only its variable: for code that runs at import time or deep in a
 * backend (the native addon, the thread count), where an unrelated bad variable must not throw.
 */
export function environmentSetting<K extends keyof Environment>(
  key: K,
  env: Env = process.env,
  cwd: string = process.cwd(),
): Environment[K] {
  return readers[key](env, cwd);
}
