import type { Claim } from '../claims/claim.ts';
import type { RunRecord } from '../claims/result.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import type { CorpusReplay } from '../report/reportModel.ts';
import { InputError } from '../parameters/validation.ts';
import { displayPath, loadCorpus, type StoredCounterexample } from './store.ts';

export interface ReplayedCounterexample {
  readonly stored: StoredCounterexample;
  readonly record: RunRecord;
  readonly replay: CorpusReplay;
}

function checkNames(claim: Claim<any, any>, { path, file }: StoredCounterexample): void {
  const names = Object.keys(claim.domain);
  for (const name of Object.keys(file.params)) {
    if (name !== 'seed' && !names.includes(name)) throw new InputError(`malformed counterexample fixture ${displayPath(path)}: field params.${name}: not a parameter of ${claim.id} (${names.join(', ')}, seed)`);
  }
  for (const name of names) {
    if (!(name in file.params)) throw new InputError(`malformed counterexample fixture ${displayPath(path)}: field params.${name}: missing (every parameter of ${claim.id} is needed to replay)`);
  }
}

/** Whether a replay reproduced the stored failure bit for bit (same outcome, same margin). */
export function reproducesExactly(stored: StoredCounterexample, record: RunRecord, backend: string): boolean {
  return stored.file.backend === backend && record.outcome === 'fail' && Object.is(record.margin, stored.file.observed.margin);
}

/**
 * Replays a claim's stored counterexamples (all of them, or those of one regime), before the
 * search, as Hypothesis replays its example database. `run` is the runner's (cached) runOnce.
 */
export async function replayCorpus(
  claim: Claim<any, any>,
  directory: string,
  backend: ComputeBackend,
  run: (params: StoredCounterexample['file']['params'] & { seed: number }) => Promise<RunRecord>,
  select: (stored: StoredCounterexample) => boolean = () => true,
): Promise<ReplayedCounterexample[]> {
  const out: ReplayedCounterexample[] = [];
  for (const stored of loadCorpus(directory, claim.id)) {
    if (!select(stored)) continue;
    checkNames(claim, stored);
    const record = await run(stored.file.params as StoredCounterexample['file']['params'] & { seed: number });
    const stillFails = record.outcome === 'fail';
    const exact = reproducesExactly(stored, record, backend.name);
    const margin = record.margin === null ? 'no margin' : `margin ${record.margin.toPrecision(4)}`;
    const detail = stillFails
      ? `still fails (${margin}${exact ? ', reproduced exactly' : stored.file.backend !== backend.name ? `; stored on ${stored.file.backend}, replayed on ${backend.name}` : `; stored margin ${String(stored.file.observed.margin)}`})`
      : `no longer fails: ${record.outcome}${record.margin !== null ? `, ${margin}` : ''}${record.detail ? ` — ${record.detail}` : ''}`;
    out.push({
      stored,
      record,
      replay: { claimId: claim.id, file: displayPath(stored.path), stillFails, params: stored.file.params, detail: `[${stored.file.regime}] ${detail}` },
    });
  }
  return out;
}
