import type { Command } from 'commander';
import type { ClaimRegistry } from '../../claims/registry.ts';
import { addClaimsOption, type CliHost, openProject, profileOf, type Project, reportDirectoryOf } from '../project.ts';
import type { ExperimentReport, RegimeMap } from '../../report/reportModel.ts';
import type { Claim } from '../../claims/claim.ts';
import type { Study } from '../../claims/study.ts';
import type { ClaimResult } from '../../claims/result.ts';
import { budgetFor, regimesOf, runClaim } from '../../claims/runClaim.ts';
import type { Profile } from '../../claims/profile.ts';
import { getBackend, parseBackendRequest } from '../../compute/backends.ts';
import { InputError } from '../../parameters/validation.ts';
import { runResultsFile } from '../../report/runResults.ts';
import { writeReport } from '../../report/writeReport.ts';
import { createProgress } from '../progress.ts';
import { durationOption, integerOption, probabilityOption } from '../options.ts';
import { sequentialLines } from '../../report/sequentialText.ts';
import { EXIT_OK, EXIT_UNEXPECTED_VERDICT } from '../errors.ts';

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
 * Runs claims outside vitest and writes the same report. SIGINT or the suite time budget stop
 * the search between runs; what was gathered is written as a report marked partial.
 */
export async function verify(project: Project, options: VerifyOptions & { profile: Profile }): Promise<{ results: ClaimResult[]; exitCode: number; partial: boolean }> {
  const { registry, environment, corpusDirectory } = project;
  const profile = options.profile;
  const backend = parseBackendRequest(options.backend);
  const claims = options.study?.length ? [] : selectClaims(registry, options.claim, options.paper);
  const chosenStudies = options.study?.length ? options.study.map((id) => requireStudy(registry, id)) : null;
  // What the request resolves to here (runClaim resolves it the same way), with any fallback reason.
  const resolved = getBackend(backend);
  const startedAt = new Date();
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const timer = options.timeBudget ? setTimeout(onSignal, options.timeBudget) : null;
  const suiteDeadline = options.timeBudget ? Date.now() + options.timeBudget : Infinity;

  const plan = claims.flatMap((claim) => regimesOf(claim, profile).map((regime) => ({ claim, regime })));
  const totalRuns = plan.reduce((sum, { claim, regime }) => sum + (regime.startsWith('example:') ? 1 : (options.runs ?? budgetFor(claim, profile).runs)), 0);
  const progress = createProgress(totalRuns);
  const results: ClaimResult[] = [];
  const maps: RegimeMap[] = [];
  const experiments: ExperimentReport[] = [];
  let done = 0;
  // SIGINT and the time budget stay armed through the claims and the studies (the longest part).
  try {
    try {
      for (const { claim, regime } of plan) {
        const remaining = suiteDeadline - Date.now();
        const budget = budgetFor(claim, profile, options.runs ? { runs: options.runs } : {});
        const result = await runClaim(claim, {
          profile,
          seed: options.seed,
          backend,
          regime,
          alpha: options.alpha,
          corpus: environment.corpus,
          corpusDirectory,
          signal: controller.signal,
          // No claim may outlive the suite budget.
          budget: { ...budget, claimTimeMs: Math.max(1, Math.min(budget.claimTimeMs, remaining)), runTimeMs: Math.max(1, Math.min(budget.runTimeMs, remaining)) },
          onRun: (record) => progress.update(++done, { claim: `${claim.id} [${regime}]`, params: JSON.stringify(record.params) }),
        });
        results.push(result);
      }
    } finally {
      progress.stop();
    }
    // Studies (maps, reproduced experiments) of the selected papers, unless single claims were asked for.
    const studies = chosenStudies ?? (options.claim?.length ? [] : options.paper?.length ? options.paper.flatMap((p) => (Object.hasOwn(registry.studiesByPaper, p) ? registry.studiesByPaper[p] : [])) : registry.studies);
    for (const study of studies.filter((s) => s.profiles.includes(profile))) {
      if (controller.signal.aborted) break;
      process.stderr.write(`study ${study.id}\n`);
      const output = await study.run({ profile, seed: options.seed, backend: resolved, deadline: Math.min(suiteDeadline, Date.now() + 30 * 60_000), signal: controller.signal });
      maps.push(...(output.maps ?? []));
      experiments.push(...(output.experiments ?? []));
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    if (timer) clearTimeout(timer);
  }
  const partial = controller.signal.aborted;
  const { resultsPath } = await writeReport(
    options.out,
    runResultsFile({ claims: results, maps, experiments, profile, seed: options.seed, backends: [resolved], startedAt, partial, command: `theorycheck verify ${process.argv.slice(3).join(' ')}`.trim() }),
  );
  const unexpected = results.filter((r) => !r.asExpected);
  for (const r of results) {
    const mark = r.asExpected ? 'ok  ' : 'FAIL';
    process.stdout.write(`${mark} ${r.id} [${r.regime}] ${r.verdict} (${r.passes}/${r.runs} passed, expected ${r.expected})${r.finding ? ` — ${r.finding}` : ''}\n`);
    for (const line of sequentialLines(r)) process.stdout.write(`       ${line}\n`);
  }
  process.stdout.write(`${results.length - unexpected.length} as expected, ${unexpected.length} not${partial ? ' (partial run)' : ''}; results in ${resultsPath}\n`);
  return { results, exitCode: unexpected.length ? EXIT_UNEXPECTED_VERDICT : EXIT_OK, partial };
}

export function registerVerify(program: Command, host: CliHost): void {
  addClaimsOption(program
    .command('verify')
    .description('run the claims (all, or by --claim/--paper) and write reports/results.json and the HTML report')
    .option('--profile <profile>', 'budget profile: smoke, ci or deep', 'ci')
    .option('--seed <n>', 'base seed; each claim regime derives its own', integerOption('seed', 0), 42)
    .option('--backend <name>', 'compute backend: float64, native, gpujs, js-float32 or fast', 'fast')
    .option('--claim <id...>', 'only these claims')
    .option('--paper <id...>', 'only the claims of these papers')
    .option('--study <id...>', 'only these studies (no claims), e.g. zhang2025/phase-diagram')
    .option('--runs <n>', 'runs per claim regime (overrides the profile; for a stochastic holding domain the most runs)', integerOption('runs', 1))
    .option('--alpha <a>', 'error bound of stochastic verdicts, in (0, 1) (default 0.05)', probabilityOption('alpha'))
    .option('--time-budget <duration>', 'stop the whole run after this long (e.g. 90s, 5m); unfinished claims are inconclusive', durationOption('time-budget'))
    .option('--out <dir>', 'report directory', 'reports'))
    .action(async (options: VerifyOptions, command: Command) => {
      const project = await openProject(host, options.claims);
      const { exitCode } = await verify(project, { ...options, profile: profileOf(project, command, options.profile), out: reportDirectoryOf(project, command, options.out) });
      program.setOptionValue('exitCode', exitCode);
    });
}
