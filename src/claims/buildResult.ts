import type fc from 'fast-check';
import type { Claim, ClaimParameters, RunBudget } from './claim.ts';
import type { ClaimResult, Counterexample, RunRecord, StopReason } from './result.ts';
import type { ResolvedRegime } from './regime.ts';
import type { Profile } from './profile.ts';
import type { CorpusStep } from './corpusStep.ts';
import { decideVerdict } from './verdict.ts';
import { replayCommand } from './replay.ts';
import { describeDependence, passRateBreakdown } from './breakdown.ts';
import { type ParameterSpec } from '../parameters/parameter.ts';
import { describeValues } from '../parameters/describe.ts';
import type { ComputeBackend } from '../compute/backend.ts';

function describeDomain(domain: Record<string, ParameterSpec>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(domain).map(([name, parameter]) => [name, `{${describeValues(parameter.values, { max: 12, head: 4, tail: 2 })}}`]),
  );
}

export interface BuildInputs<P extends ClaimParameters> {
  readonly claim: Claim<P, any>;
  readonly regime: ResolvedRegime<P>;
  readonly budget: RunBudget;
  readonly alpha: number;
  readonly backend: ComputeBackend;
  readonly profile: Profile;
  readonly fcSeed: number;
  readonly started: number;
  readonly records: readonly RunRecord[];
  readonly decidedAt: number | null;
  readonly corpus: CorpusStep<P>;
  readonly signal?: AbortSignal;
}

/** A ClaimResult and the run behind its counterexample (kept for the corpus). */
export interface BuiltResult {
  readonly result: ClaimResult;
  readonly failingRecord: RunRecord | null;
}

/** Turns fast-check's run details and the recorded runs into the regime's result. */
export function buildClaimResult<P extends ClaimParameters>(
  inputs: BuildInputs<P>,
  details: fc.RunDetails<[P & { seed: number }]>,
): BuiltResult {
  const { claim, regime, budget, backend, records } = inputs;
  const fixedParams = regime.fixedParams;
  const threshold = claim.threshold ?? 1;
  const counted = records.filter((r) => !r.shrinking);
  const passes = counted.filter((r) => r.outcome === 'pass').length;
  const failures = counted.filter((r) => r.outcome === 'fail').length;
  const diverged = counted.filter((r) => r.outcome === 'diverged').length;
  const timeouts = counted.filter((r) => r.outcome === 'timeout').length;
  const errors = counted.filter((r) => r.outcome === 'error').length;
  const plannedRuns = fixedParams ? 1 : budget.runs;
  const decided = inputs.decidedAt !== null;
  const aborted = Boolean(inputs.signal?.aborted);
  // A sequential stop interrupts fast-check too; only the time limit and the signal count as
  // interruptions, and not once the verdict was decided (a signal arriving afterwards changes nothing).
  const interrupted = !decided && (details.interrupted || aborted);
  // Only a stochastic holding domain is a pass rate; examples and failure regimes are searches for
  // a counterexample, judged like a deterministic claim (one counterexample: fails).
  const { verdict, interval, passRate } = decideVerdict(regime.collectsPassRate ? 'stochastic' : 'deterministic', threshold, {
    passes,
    failures,
    interrupted: interrupted && !details.failed,
    plannedRuns: plannedRuns - diverged - timeouts - errors,
    alpha: inputs.alpha,
  });
  let counterexample: Counterexample | null = null;
  const shrunk = details.failed && details.counterexample ? details.counterexample[0] : null;
  const failing = shrunk
    ? [...records].reverse().find((r) => r.outcome === 'fail' && JSON.stringify(r.params) === JSON.stringify(shrunk))
    : counted.find((r) => r.outcome === 'fail');
  if (failing) {
    counterexample = {
      params: failing.params,
      measured: failing.measured,
      detail: failing.detail,
      replay: replayCommand(claim.id, failing.params, backend.name),
      fastCheck: shrunk ? { seed: details.seed, path: details.counterexamplePath } : null,
      shrinks: shrunk ? details.numShrinks : 0,
    };
  }
  const stopReason: StopReason = decided || details.failed ? 'decided' : aborted ? 'stopped' : interrupted ? 'time limit' : 'run cap';
  const breakdown = regime.collectsPassRate ? passRateBreakdown(counted, inputs.alpha) : undefined;
  const dependence = breakdown ? describeDependence(breakdown) : undefined;
  const expected = regime.expected;
  const findings: string[] = [];
  // Cut short by the suite (SIGINT, --time-budget) rather than by its own budget: not judged, so not unexpected.
  const cutBySuite = aborted && !decided && counted.length < plannedRuns;
  if (expected === 'fails' && !counterexample)
    findings.push(
      cutBySuite
        ? `not searched to the end: the run was stopped after ${counted.length} runs`
        : `expected failure not observed: no counterexample in ${counted.length} runs`,
    );
  if (expected === 'holds' && verdict === 'fails') findings.push('the claim failed where it is expected to hold');
  if (timeouts) findings.push(`${timeouts} run(s) hit the per-run time limit and count as neither pass nor fail`);
  if (diverged) findings.push(`${diverged} run(s) diverged and were discarded`);
  if (errors) findings.push(`${errors} run(s) raised an error: ${counted.find((r) => r.outcome === 'error')?.detail}`);
  if (interrupted) findings.push(`time limit reached after ${counted.length} of ${plannedRuns} planned runs`);
  if (dependence?.length) findings.push(dependence.join('; '));
  const asExpected =
    errors === 0 &&
    (expected === 'probe' ||
      (expected === 'holds' ? verdict !== 'fails' : counterexample !== null || (cutBySuite && verdict === 'inconclusive')));
  const result: ClaimResult = {
    id: claim.id,
    paper: claim.paper,
    title: claim.title,
    statement: claim.statement,
    provenance: claim.provenance,
    conditions: claim.conditions,
    passCondition: claim.passCondition,
    kind: claim.kind,
    regime: regime.name,
    regimeWhy: regime.why,
    domain: fixedParams
      ? Object.fromEntries(Object.entries(fixedParams).map(([k, v]) => [k, String(v)]))
      : describeDomain(regime.domain as Record<string, ParameterSpec>),
    expected,
    verdict,
    asExpected,
    finding: findings.length ? findings.join('; ') : null,
    runs: counted.length,
    passes,
    failures,
    diverged,
    timeouts,
    errors,
    passRate,
    interval,
    threshold,
    seed: inputs.fcSeed,
    counterexample,
    durationMs: performance.now() - inputs.started,
    backend: backend.name,
    device: backend.device,
    profile: inputs.profile,
    interrupted,
    samples: records,
    corpus: inputs.corpus.replayed.map((r) => r.replay),
    stopReason,
    ...(regime.collectsPassRate
      ? {
          sequential: {
            alpha: inputs.alpha,
            minRuns: budget.minRuns ?? 1,
            maxRuns: budget.runs,
            runsNeeded: verdict === 'inconclusive' ? null : counted.length,
          },
          breakdown,
          dependence,
        }
      : {}),
  };
  return { result, failingRecord: failing ?? null };
}
