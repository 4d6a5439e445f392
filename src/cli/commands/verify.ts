import type { Command } from 'commander';
import type { ClaimRegistry } from '../../claims/registry.ts';
import { addClaimsOption, type CliHost, openProject, profileOf, type Project, reportDirectoryOf } from '../project.ts';
import type { Claim } from '../../claims/claim.ts';
import type { Study } from '../../claims/study.ts';
import type { ClaimResult } from '../../claims/result.ts';
import { budgetFor, regimesOf } from '../../claims/runClaim.ts';
import type { Profile } from '../../claims/profile.ts';
import { getBackend, parseBackendRequest } from '../../compute/backends.ts';
import { InputError } from '../../parameters/validation.ts';
import { runResultsFile } from '../../report/runResults.ts';
import { writeReport } from '../../report/writeReport.ts';
import { createProgress } from '../progress.ts';
import { durationOption, integerOption, probabilityOption } from '../options.ts';
import { sequentialLines } from '../../report/sequentialText.ts';
import { EXIT_OK, EXIT_UNEXPECTED_VERDICT } from '../errors.ts';
import { trapStops } from '../signals.ts';
import { requireOutputDirectory } from '../outputDirectory.ts';
import { countOutcomes } from '../../report/outcomeCounts.ts';
import { checkCorpus } from '../../corpus/replay.ts';
import { previousDurations } from '../parallel/pool.ts';
import { type PlanOutput, runVerifyPlan } from '../parallel/runVerifyPlan.ts';

export interface VerifyOptions {
  profile: string;
  seed: number;
  backend: string;
  claim?: string[];
  paper?: string[];
  out: string;
  timeBudget?: number;
  runs?: number;
  alpha?: number;
  claims?: string[];
  /** Worker processes for the claim regimes and studies (default: the cores, see defaultJobs); 1 runs everything in this process. */
  jobs?: number;
  /** Only these studies, and no claims. */
  study?: string[];
}

/** The registered study with this id; an unknown id is an InputError listing the known ones. */
function requireStudy(registry: ClaimRegistry, id: string): Study {
  const study = registry.studies.find((s) => s.id === id);
  if (!study) throw new InputError(`unknown study "${id}"; known studies: ${registry.studies.map((s) => s.id).join(', ')}`);
  return study;
}

/** The claims of a run: by --claim ids, else by --paper, else every claim of the registry. */
export function selectClaims(registry: ClaimRegistry, ids: string[] | undefined, papers: string[] | undefined): Claim<any, any>[] {
  if (ids?.length) {
    return ids.map((id) => registry.require(id));
  }
  if (papers?.length) {
    return papers.flatMap((paper) => {
      const claims = Object.hasOwn(registry.claimsByPaper, paper) ? registry.claimsByPaper[paper] : undefined;
      if (!claims) throw new InputError(`unknown paper "${paper}"; known papers: ${Object.keys(registry.claimsByPaper).join(', ')}`);
      return claims;
    });
  }
  return [...registry.claims];
}

/**
 * Runs claims outside vitest and writes the same report. SIGINT, SIGTERM, SIGHUP or the suite
 * time budget stop the search between runs; what was gathered is written as a report marked
 * partial, and a signal then gives its exit code (130, 143, 129).
 */
export async function verify(
  project: Project,
  options: VerifyOptions & { profile: Profile },
): Promise<{ results: ClaimResult[]; exitCode: number; partial: boolean }> {
  const { registry, environment, corpusDirectory } = project;
  const profile = options.profile;
  const backend = parseBackendRequest(options.backend);
  const claims = options.study?.length ? [] : selectClaims(registry, options.claim, options.paper);
  const chosenStudies = options.study?.length ? options.study.map((id) => requireStudy(registry, id)) : null;
  requireOutputDirectory(options.out);
  // Every stored case the claims will replay, by value, before the first run: a typo in one is exit 2 at once.
  if (environment.corpus !== 'off') checkCorpus(claims, corpusDirectory);
  // What the request resolves to here (runClaim resolves it the same way), with any fallback reason.
  const resolved = getBackend(backend);
  const startedAt = new Date();
  const stops = trapStops(options.timeBudget);
  const controller = { signal: stops.signal };
  const suiteDeadline = options.timeBudget ? Date.now() + options.timeBudget : Infinity;

  const plan = claims.flatMap((claim) => regimesOf(claim, profile).map((regime) => ({ claim, regime })));
  const totalRuns = plan.reduce(
    (sum, { claim, regime }) => sum + (regime.startsWith('example:') ? 1 : (options.runs ?? budgetFor(claim, profile).runs)),
    0,
  );
  const progress = createProgress(totalRuns);
  let done = 0;
  // Studies (maps, reproduced experiments) of the selected papers, unless single claims were asked for.
  const studies = (
    chosenStudies ??
    (options.claim?.length
      ? []
      : options.paper?.length
        ? options.paper.flatMap((p) => (Object.hasOwn(registry.studiesByPaper, p) ? registry.studiesByPaper[p] : []))
        : registry.studies)
  ).filter((s) => s.profiles.includes(profile));
  let output: PlanOutput;
  // The signals and the time budget stay armed through the claims and the studies (the longest part), and the report's writing.
  try {
    output = await runVerifyPlan(plan, studies, {
      jobs: options.jobs,
      settings: {
        profile,
        seed: options.seed,
        backend,
        runs: options.runs,
        alpha: options.alpha,
        corpus: environment.corpus,
        corpusDirectory,
        registry: project.registrySource,
        suiteDeadline,
      },
      signal: controller.signal,
      estimate: previousDurations(options.out),
      onRun: (claim, params) => progress.update(++done, { claim, params }),
      onClaimsDone: () => progress.stop(),
    });
  } catch (error) {
    stops.dispose();
    throw error;
  }
  const { maps, experiments } = output;
  const partial = controller.signal.aborted;
  const stoppedBy = stops.reason() ?? undefined;
  // Regimes the whole run's stop cut short (not their own budget): never "as expected".
  const results = stoppedBy ? output.results.map((r) => (r.interrupted ? { ...r, stoppedBy } : r)) : output.results;
  let resultsPath: string;
  try {
    ({ resultsPath } = await writeReport(
      options.out,
      runResultsFile({
        claims: results,
        maps,
        experiments,
        profile,
        seed: options.seed,
        backends: [resolved],
        startedAt,
        partial,
        stoppedBy,
        command: `theorycheck verify ${process.argv.slice(3).join(' ')}`.trim(),
      }),
    ));
  } finally {
    // Armed until the report is written: a signal during the write still ends with its code.
    stops.dispose();
  }
  for (const r of results) {
    const mark = r.stoppedBy && r.asExpected ? 'cut ' : r.asExpected ? 'ok  ' : 'FAIL';
    process.stdout.write(
      `${mark} ${r.id} [${r.regime}] ${r.verdict} (${r.passes}/${r.runs} passed, expected ${r.expected})${r.finding ? ` — ${r.finding}` : ''}\n`,
    );
    for (const line of sequentialLines(r)) process.stdout.write(`       ${line}\n`);
  }
  const counts = countOutcomes(results);
  const stopped = stoppedBy
    ? ` (partial run: stopped by ${stoppedBy === 'time-budget' ? 'the time budget' : stoppedBy})`
    : partial
      ? ' (partial run)'
      : '';
  process.stdout.write(
    `${counts.asExpected} as expected, ${counts.unexpected} not, ${counts.interrupted} interrupted${stopped}; results in ${resultsPath}\n`,
  );
  const exitCode = stops.signalExitCode() ?? (counts.unexpected ? EXIT_UNEXPECTED_VERDICT : EXIT_OK);
  return { results, exitCode, partial };
}

export function registerVerify(program: Command, host: CliHost): void {
  addClaimsOption(
    program
      .command('verify')
      .description('run the claims (all, or by --claim/--paper) and write reports/results.json and the HTML report')
      .option('--profile <profile>', 'budget profile: smoke, ci or deep', 'ci')
      .option('--seed <n>', 'base seed; each claim regime derives its own', integerOption('seed', 0), 42)
      .option('--backend <name>', 'compute backend: float64, native, gpujs, js-float32 or fast', 'fast')
      .option('--claim <id...>', 'only these claims')
      .option('--paper <id...>', 'only the claims of these papers')
      .option('--study <id...>', 'only these studies (no claims), e.g. zhang2025/phase-diagram')
      .option(
        '--runs <n>',
        'runs per claim regime (overrides the profile; for a stochastic holding domain the most runs)',
        integerOption('runs', 1),
      )
      .option('--alpha <a>', 'error bound of stochastic verdicts, in (0, 1) (default 0.05)', probabilityOption('alpha'))
      .option(
        '--time-budget <duration>',
        'stop the whole run after this long (e.g. 90s, 5m); unfinished claims are inconclusive',
        durationOption('time-budget'),
      )
      .option(
        '--jobs <n>',
        'worker processes over claim regimes and studies; 1 = this process (default: THEORYCHECK_THREADS, else the cores, unless the plan is short)',
        integerOption('jobs', 1),
      )
      .option('--out <dir>', 'report directory', 'reports'),
  ).action(async (options: VerifyOptions, command: Command) => {
    const project = await openProject(host, options.claims);
    const { exitCode } = await verify(project, {
      ...options,
      profile: profileOf(project, command, options.profile),
      out: reportDirectoryOf(project, command, options.out),
    });
    program.setOptionValue('exitCode', exitCode);
  });
}
