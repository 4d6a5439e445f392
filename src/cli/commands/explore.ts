import type { Command } from 'commander';
import { addClaimsOption, type CliHost, openProject, profileOf, reportDirectoryOf } from '../project.ts';
import { getBackend, parseBackendRequest } from '../../compute/backends.ts';
import { sharedCache } from '../../cache/resultCache.ts';
import { displayPath } from '../../corpus/store.ts';
import { checkAxes, parseAxis, parseSetting } from '../../explore/axis.ts';
import { explore, exploreBudgets } from '../../explore/explore.ts';
import { renderTextMap } from '../../explore/textMap.ts';
import type { ParameterValue } from '../../parameters/parameter.ts';
import { backendEntry, collectProvenance } from '../../report/provenance.ts';
import { mergeIntoReport, readExistingResults } from '../../report/mergeResults.ts';
import { formatParams } from '../../report/html/format.ts';
import { collect, durationOption, integerOption } from '../options.ts';
import { createProgress } from '../progress.ts';
import { EXIT_OK } from '../errors.ts';
import { trapStops } from '../signals.ts';
import { requireOutputDirectory } from '../outputDirectory.ts';

export interface ExploreOptions {
  x: string;
  y: string;
  set?: string[];
  seeds?: number;
  refine?: number;
  target?: number;
  profile: string;
  seed: number;
  backend: string;
  timeBudget?: number;
  out: string;
  claims?: string[];
}

export function registerExplore(program: Command, host: CliHost): void {
  addClaimsOption(
    program
      .command('explore')
      .argument('<claim>', 'claim id, e.g. zhang2025/stable-rank-algebra')
      .description(
        'map where a claim holds and where it fails over two parameters, search for failures, and report which parameters matter',
      )
      .requiredOption('--x <param=values>', 'x axis: a grid (noise=0,0.5,1,2) or a range from:to:count (noise=0:4:9)')
      .requiredOption('--y <param=values>', 'y axis, same forms as --x')
      .option('--set <param=value>', 'hold another parameter fixed (repeatable); unset ones are drawn from the claim domain', collect)
      .option('--seeds <n>', 'seeds per cell before refinement (default by profile: smoke 2, ci 4, deep 10)', integerOption('seeds', 1))
      .option(
        '--refine <n>',
        'rounds of refinement at the boundary (default by profile: smoke 1, ci 1, deep 2)',
        integerOption('refine', 0),
      )
      .option(
        '--target <n>',
        'runs of targeted search for a failure (default by profile: smoke 10, ci 30, deep 200)',
        integerOption('target', 0),
      )
      .option('--profile <profile>', 'budget profile: smoke, ci or deep', 'ci')
      .option('--seed <n>', 'base seed of the map and the search', integerOption('seed', 0), 42)
      .option('--backend <name>', 'compute backend: float64, native, gpujs, js-float32 or fast', 'fast')
      .option(
        '--time-budget <duration>',
        'start no run after this long (e.g. 90s, 5m); the map is written as far as it got',
        durationOption('time-budget'),
      )
      .option('--out <dir>', 'report directory (the map is merged into its results.json)', 'reports'),
  ).action(async (claimId: string, options: ExploreOptions, command: Command) => {
    const project = await openProject(host, options.claims);
    const claim = project.registry.require(claimId);
    const profile = profileOf(project, command, options.profile);
    options.out = reportDirectoryOf(project, command, options.out);
    const backend = getBackend(parseBackendRequest(options.backend));
    const x = parseAxis(claim, options.x, '--x');
    const y = parseAxis(claim, options.y, '--y');
    const fixed: Record<string, ParameterValue> = Object.fromEntries((options.set ?? []).map((text) => parseSetting(claim, text)));
    checkAxes(x, y, fixed);
    // Fail on a broken results.json before the long run, not after it; it is never overwritten.
    requireOutputDirectory(options.out);
    const existing = readExistingResults(options.out);

    const startedAt = new Date();
    // SIGINT, SIGTERM, SIGHUP stop the map between runs; it is merged as far as it got, then the signal's exit code.
    const stops = trapStops();
    const controller = { signal: stops.signal };
    const seeds = options.seeds ?? exploreBudgets[profile].seeds;
    const progress = createProgress(x.values.length * y.values.length * seeds);
    let done = 0;
    let outcome;
    try {
      outcome = await explore({
        claim,
        x,
        y,
        fixed,
        profile,
        baseSeed: options.seed,
        backend,
        cache: sharedCache(),
        seeds,
        refineRounds: options.refine,
        targetRuns: options.target,
        deadline: options.timeBudget ? Date.now() + options.timeBudget : undefined,
        signal: controller.signal,
        corpus: project.environment.corpus,
        corpusDirectory: project.corpusDirectory,
        onRun: (record) => progress.update(++done, { claim: `${claim.id} explore`, params: formatParams(record.params) }),
        onPlan: (planned) => progress.setTotal(planned),
      });
    } catch (error) {
      stops.dispose();
      throw error;
    } finally {
      progress.stop();
    }

    const stoppedBy = stops.reason() ?? undefined;
    const provenance = () =>
      collectProvenance({
        profile,
        seed: options.seed,
        backends: [backendEntry(backend)],
        startedAt,
        partial: outcome.partial || stoppedBy !== undefined,
        stoppedBy,
        command: `theorycheck explore ${process.argv.slice(3).join(' ')}`.trim(),
      });
    let resultsPath: string;
    try {
      // A report merged into is marked partial too: one of its maps was cut short.
      const base = existing && stoppedBy ? { ...existing, provenance: { ...existing.provenance, partial: true, stoppedBy } } : existing;
      ({ resultsPath } = await mergeIntoReport(options.out, base, { maps: [outcome.map] }, provenance));
    } finally {
      stops.dispose();
    }

    const out = process.stdout;
    out.write(`${renderTextMap(outcome.map, claim.kind, claim.threshold ?? 1)}\n`);
    if (outcome.shrunk)
      out.write(
        `targeted search: failure after ${outcome.targeted.runs} runs, shrunk to ${formatParams(outcome.shrunk.params)}${outcome.shrunk.detail ? ` — ${outcome.shrunk.detail}` : ''}\n`,
      );
    else if (outcome.targeted.runs === 0) out.write('targeted search: not run (time budget spent on the map)\n');
    else
      out.write(
        `targeted search: no failure in ${outcome.targeted.runs} runs (smallest margin ${Math.min(...outcome.targeted.bestMargins).toPrecision(3)})\n`,
      );
    for (const s of outcome.sensitivities) {
      const rescues = Object.entries(s.rescues).map(([name, values]) => `${name} (passes at ${values.join(', ')})`);
      out.write(
        `failure at ${formatParams(s.params)}\n  free: ${s.free.join(', ') || 'none'}\n  essential: ${rescues.join('; ') || 'none'}\n`,
      );
    }
    for (const path of outcome.saved) out.write(`saved counterexample ${displayPath(path)}\n`);
    out.write(
      `${outcome.stats.runs} runs (${outcome.stats.computed} trained, ${outcome.stats.runs - outcome.stats.computed} from the cache)${outcome.partial ? '; stopped early, the map is partial' : ''}; map in ${resultsPath}\n`,
    );
    program.setOptionValue('exitCode', stops.signalExitCode() ?? EXIT_OK);
  });
}
