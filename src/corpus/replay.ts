import type { Claim } from '../claims/claim.ts';
import type { RunRecord } from '../claims/result.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import type { CorpusReplay } from './corpusReplay.ts';
import { InputError, InvalidParameterError } from '../parameters/validation.ts';
import { displayPath, loadCorpus, type StoredCounterexample } from './store.ts';
import { checkParamValues } from './paramValues.ts';

export interface ReplayedCounterexample {
  readonly stored: StoredCounterexample;
  readonly record: RunRecord;
  /** The backend it was replayed on, and whether that reproduced the stored failure bit for bit. */
  readonly backend: ComputeBackend;
  readonly exact: boolean;
  readonly replay: CorpusReplay;
}

/**
 * Checks run parameters against a claim's domain: no unknown name, every domain parameter and the
 * seed present. `where` names a file the parameters came from (a stored counterexample): its
 * problems are InputErrors naming it; without one they are InvalidParameterErrors of `params.<name>`.
 */
export function checkParamNames(claim: Claim<any, any>, params: Readonly<Record<string, unknown>>, where?: string): void {
  const names = Object.keys(claim.domain);
  const fail = (name: string, value: unknown, inFile: string, constraint: string): never => {
    throw where !== undefined
      ? new InputError(`${where}: field params.${name}: ${inFile}`)
      : new InvalidParameterError(`params.${name}`, value, constraint);
  };
  for (const [name, value] of Object.entries(params)) {
    if (name !== 'seed' && !names.includes(name))
      fail(
        name,
        value,
        `not a parameter of ${claim.id} (${names.join(', ')}, seed)`,
        `a parameter of ${claim.id}: ${names.join(', ')}, seed`,
      );
  }
  // A stored file's seed is checked by its schema; --params needs it too.
  for (const name of where !== undefined ? names : [...names, 'seed']) {
    if (!(name in params))
      fail(
        name,
        undefined,
        `missing (every parameter of ${claim.id} is needed to replay)`,
        'present (every domain parameter and the seed are needed to replay a run)',
      );
  }
}

/** A stored case's parameters against the claim's domain, by name and by value; problems are InputErrors naming the file and the field. */
export function checkStoredCase(claim: Claim<any, any>, stored: StoredCounterexample): void {
  const where = `malformed counterexample fixture ${displayPath(stored.path)}`;
  checkParamNames(claim, stored.file.params, where);
  checkParamValues(claim, stored.file.params, where);
}

/**
 * Checks every stored case of these claims by name and by value, before a command replays any:
 * a malformed case stops `verify` or `corpus --prune` before it has run or deleted anything.
 */
export function checkCorpus(claims: readonly Claim<any, any>[], directory: string): void {
  for (const claim of claims) for (const stored of loadCorpus(directory, claim.id)) checkStoredCase(claim, stored);
}

/** Whether a replay reproduced the stored failure bit for bit (same outcome, same margin). */
export function reproducesExactly(stored: StoredCounterexample, record: RunRecord, backend: string): boolean {
  return stored.file.backend === backend && record.outcome === 'fail' && Object.is(record.margin, stored.file.observed.margin);
}

/**
 * Replays a claim's stored counterexamples (all of them, or those of one regime), before the
 * search, as Hypothesis replays its example database. `run` is the runner's (cached) runOnce;
 * it receives the stored case too, and `backend` may be chosen per case (the one that found it).
 */
export async function replayCorpus(
  claim: Claim<any, any>,
  directory: string,
  backendFor: ComputeBackend | ((stored: StoredCounterexample) => ComputeBackend),
  run: (
    params: StoredCounterexample['file']['params'] & { seed: number },
    stored: StoredCounterexample,
    backend: ComputeBackend,
  ) => Promise<RunRecord>,
  select: (stored: StoredCounterexample) => boolean = () => true,
): Promise<ReplayedCounterexample[]> {
  const out: ReplayedCounterexample[] = [];
  const corpus = loadCorpus(directory, claim.id);
  // Every case is checked by value before any is replayed: a typo in one file stops the run at once (exit 2), and is never replayed, judged or pruned.
  for (const stored of corpus) checkStoredCase(claim, stored);
  for (const stored of corpus) {
    if (!select(stored)) continue;
    const backend = typeof backendFor === 'function' ? backendFor(stored) : backendFor;
    const record = await run(stored.file.params as StoredCounterexample['file']['params'] & { seed: number }, stored, backend);
    const stillFails = record.outcome === 'fail';
    const exact = reproducesExactly(stored, record, backend.name);
    const margin = record.margin === null ? 'no margin' : `margin ${record.margin.toPrecision(4)}`;
    const detail = stillFails
      ? `still fails (${margin}${exact ? ', reproduced exactly' : stored.file.backend !== backend.name ? `; stored on ${stored.file.backend}, replayed on ${backend.name}` : `; stored margin ${String(stored.file.observed.margin)}`})`
      : `no longer fails: ${record.outcome}${record.margin !== null ? `, ${margin}` : ''}${record.detail ? ` — ${record.detail}` : ''}`;
    out.push({
      stored,
      record,
      backend,
      exact,
      replay: {
        claimId: claim.id,
        file: displayPath(stored.path),
        stillFails,
        params: stored.file.params,
        detail: `[${stored.file.regime}] ${detail}`,
      },
    });
  }
  return out;
}
