import type { Claim } from '../../claims/claim.ts';
import type { ClaimResult } from '../../claims/result.ts';
import type { Study, StudyOutput } from '../../claims/study.ts';
import { runGroupOf } from '../../claims/regime.ts';
import type { ExperimentReport, RegimeMap } from '../../report/reportModel.ts';
import { computeThreads } from '../../compute/threads.ts';
import { describeTask, type PoolOptions, runTasksInParallel } from './pool.ts';
import { runClaimTask, runStudyTask, type VerifySettings, type VerifyTask } from './verifyTasks.ts';

export interface PlanOptions {
  /**
   * --jobs: 1 runs everything in this process, more forks that many workers (see pool.ts).
   * Unset: the cores (THEORYCHECK_THREADS), when the plan is worth a worker's start-up (see defaultJobs).
   */
  readonly jobs?: number;
  readonly settings: VerifySettings;
  readonly signal: AbortSignal;
  readonly estimate?: PoolOptions['estimate'];
  /** After every run of a claim regime, labelled `id [regime]` (progress bars). */
  readonly onRun: (label: string, params: string) => void;
  /** The claims are done (or, in workers, handed out): the progress bar can go. */
  readonly onClaimsDone: () => void;
}

export interface PlanOutput {
  /** In plan order, whichever process ran them. */
  readonly results: ClaimResult[];
  readonly maps: RegimeMap[];
  readonly experiments: ExperimentReport[];
}

/** Below this much earlier claim time, one process is faster than starting workers (each loads the claims, ≈1.5 s of CPU). */
const worthWorkersMs = 10_000;

/**
 * Workers by default: every core, unless an earlier report of this plan says it is short, or,
 * with no earlier report, the profile is smoke (seconds of work in all).
 */
export function defaultJobs(
  plan: readonly { claim: Claim<any, any>; regime: string }[],
  profile: string,
  estimate?: PoolOptions['estimate'],
): number {
  const cores = computeThreads();
  if (cores === 1) return 1;
  const known = plan.map(({ claim, regime }) => estimate?.({ kind: 'claim', claimId: claim.id, regime }));
  if (known.some((ms) => ms !== undefined)) return known.reduce<number>((sum, ms) => sum + (ms ?? 0), 0) >= worthWorkersMs ? cores : 1;
  return profile === 'smoke' ? 1 : cores;
}

/**
 * The claim regimes of `plan`, then the studies: in this process one after the other, or over
 * `jobs` worker processes with the results merged in the same order, so the report is the same.
 */
export async function runVerifyPlan(
  plan: readonly { claim: Claim<any, any>; regime: string }[],
  studies: readonly Study[],
  options: PlanOptions,
): Promise<PlanOutput> {
  const { settings, signal } = options;
  const results: ClaimResult[] = [];
  const outputs: StudyOutput[] = [];
  const jobs = settings.registry ? (options.jobs ?? defaultJobs(plan, settings.profile, options.estimate)) : 1;
  if (jobs > 1 && plan.length + studies.length > 1) {
    const tasks: VerifyTask[] = [
      ...plan.map(({ claim, regime }) => ({ kind: 'claim' as const, claimId: claim.id, regime, group: runGroupOf(claim, regime) })),
      ...studies.map((s) => ({ kind: 'study' as const, studyId: s.id, group: s.runGroup ?? s.id })),
    ];
    try {
      const values = await runTasksInParallel(tasks, {
        jobs,
        settings,
        signal,
        estimate: options.estimate,
        onStart: (task) => task.kind === 'study' && process.stderr.write(`study ${task.studyId}\n`),
        onRun: (task, params) => options.onRun(describeTask(task), params),
      });
      results.push(...(values.slice(0, plan.length) as ClaimResult[]));
      outputs.push(...(values.slice(plan.length) as StudyOutput[]));
    } finally {
      options.onClaimsDone();
    }
  } else {
    try {
      for (const { claim, regime } of plan) {
        results.push(
          await runClaimTask(claim, regime, settings, signal, (record) =>
            options.onRun(`${claim.id} [${regime}]`, JSON.stringify(record.params)),
          ),
        );
      }
    } finally {
      options.onClaimsDone();
    }
    for (const study of studies) {
      if (signal.aborted) break;
      process.stderr.write(`study ${study.id}\n`);
      outputs.push(await runStudyTask(study, settings, signal));
    }
  }
  return { results, maps: outputs.flatMap((o) => o.maps ?? []), experiments: outputs.flatMap((o) => o.experiments ?? []) };
}
