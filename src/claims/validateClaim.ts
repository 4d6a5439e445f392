import { InputError } from '../parameters/validation.ts';

/** Field → what it must be; checked in this order, so the message names the first missing one. */
const claimFields: readonly [string, (value: unknown) => boolean, string][] = [
  ['id', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string such as "mypaper/my-claim"'],
  ['domain', (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object of parameter specs (grid, integers, fixed, …)'],
  ['measure', (v) => typeof v === 'function', 'a function measure(params, context)'],
  ['holds', (v) => typeof v === 'function', 'a function holds(measured, params) returning { pass, margin }'],
  ['kind', (v) => v === 'deterministic' || v === 'stochastic', '"deterministic" or "stochastic"'],
  ['failureRegimes', (v) => Array.isArray(v), 'an array of failure regimes (it may be empty)'],
];

const studyFields: readonly [string, (value: unknown) => boolean, string][] = [
  ['id', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string such as "mypaper/my-study"'],
  ['profiles', (v) => Array.isArray(v), 'an array of profiles (smoke, ci, deep)'],
  ['run', (v) => typeof v === 'function', 'a function run(context) returning { maps, experiments }'],
];

function problemOf(value: unknown, fields: typeof claimFields): string | null {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const record = value as Record<string, unknown>;
  for (const [field, ok, what] of fields) {
    if (record[field] === undefined) return `is missing "${field}" (${what})`;
    if (!ok(record[field])) return `has a bad "${field}" (must be ${what})`;
  }
  return null;
}

/** What is wrong with a would-be claim, or null when it has every required field. */
export function claimProblem(value: unknown): string | null {
  const problem = problemOf(value, claimFields);
  if (problem) return problem;
  const claim = value as { kind: string; threshold?: unknown };
  if (
    claim.kind === 'stochastic' &&
    claim.threshold !== undefined &&
    !(typeof claim.threshold === 'number' && claim.threshold > 0 && claim.threshold <= 1)
  ) {
    return 'has a bad "threshold" (must be a pass rate in (0, 1])';
  }
  return null;
}

/** What is wrong with a would-be study, or null. */
export function studyProblem(value: unknown): string | null {
  return problemOf(value, studyFields);
}

/** Duck-typed, so claims built against another copy of theorycheck (src/ or dist/) are recognized too. */
export function isClaimLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { measure?: unknown }).measure === 'function' &&
    typeof (value as { holds?: unknown }).holds === 'function'
  );
}

export function isStudyLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { run?: unknown }).run === 'function' &&
    Array.isArray((value as { profiles?: unknown }).profiles)
  );
}

/** Throws an InputError naming the claim (or "a claim") and the field. */
export function assertClaim(value: unknown, what = 'defineClaim'): void {
  const problem = claimProblem(value);
  if (!problem) return;
  const id = typeof (value as { id?: unknown })?.id === 'string' ? ` "${(value as { id: string }).id}"` : '';
  throw new InputError(`${what}: claim${id} ${problem}`);
}

export function assertStudy(value: unknown, what = 'defineStudy'): void {
  const problem = studyProblem(value);
  if (!problem) return;
  const id = typeof (value as { id?: unknown })?.id === 'string' ? ` "${(value as { id: string }).id}"` : '';
  throw new InputError(`${what}: study${id} ${problem}`);
}
