import type { Command } from 'commander';
import { addClaimsOption, type CliHost, openProject } from '../project.ts';
import type { Claim } from '../../claims/claim.ts';
import { runOnce } from '../../claims/runClaim.ts';
import { getBackend, parseBackendRequest } from '../../compute/backends.ts';
import { InputError, InvalidParameterError } from '../../parameters/validation.ts';
import { EXIT_OK, EXIT_UNEXPECTED_VERDICT } from '../errors.ts';
import { durationOption } from '../options.ts';
import { readCounterexample } from '../../corpus/store.ts';
import { checkParamNames, checkStoredCase, reproducesExactly } from '../../corpus/replay.ts';
import { checkParamValues } from '../../corpus/paramValues.ts';
import { addExperimentOptions, isExperimentName, reproduceExperiment } from './reproduceExperiment.ts';

export interface ReproduceOptions {
  params?: string;
  /** A stored counterexample to replay instead of --params. */
  file?: string;
  seed?: number;
  timeBudget?: number;
  backend: string;
  json?: boolean;
  claims?: string[];
}

/** Parses --params and checks every name against the claim's domain (values may lie off-grid). */
export function parseClaimParams(claim: Claim<any, any>, text: string): Record<string, number | string | boolean> & { seed: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidParameterError('params', text, 'a JSON object such as {"noise":0.5,"seed":3}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidParameterError('params', text, 'a JSON object');
  const params = parsed as Record<string, unknown>;
  checkParamNames(claim, params);
  for (const [name, value] of Object.entries(params)) {
    if (!['number', 'string', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new InvalidParameterError(`params.${name}`, value, 'a finite number, a string or a boolean');
    }
  }
  // Typed parameters may lie off the grid, near it: see paramValues.ts.
  checkParamValues(claim, params);
  return params as Record<string, number | string | boolean> & { seed: number };
}

export function registerReproduce(program: Command, host: CliHost): void {
  addExperimentOptions(
    addClaimsOption(
      program
        .command('reproduce')
        .argument('[claim]', 'claim id, e.g. zhang2025/filter-rank-robust, or an experiment: mnist, cifar10 (not needed with --file)')
        .description(
          'replay one run of a claim exactly (from the parameters and seed a report printed, or a stored counterexample file), or reproduce an experiment',
        )
        .option('--params <json>', 'the run parameters, including seed, as JSON (required for a claim)')
        .option('--file <path>', 'a stored counterexample to replay: fixtures/counterexamples/<paper>/<claim>/<hash>.json')
        .option('--backend <name>', "compute backend (with --file: the stored case's backend)", 'float64')
        .option('--time-budget <duration>', 'time limit of the run (e.g. 90s, 5m)', durationOption('time-budget'))
        .option('--json', 'print the measured values as JSON'),
    ),
  ).action(async (claimArgument: string | undefined, options: ReproduceOptions, command: Command) => {
    if (claimArgument && isExperimentName(claimArgument))
      return void program.setOptionValue('exitCode', await reproduceExperiment(claimArgument, options as never, command));
    if (options.params !== undefined && options.file !== undefined) throw new InputError('give --params or --file, not both');
    const stored = options.file !== undefined ? readCounterexample(options.file).file : null;
    if (stored && claimArgument && claimArgument !== stored.claimId)
      throw new InputError(`claim "${claimArgument}" does not match the claim of ${options.file}: "${stored.claimId}"`);
    const claimId = stored?.claimId ?? claimArgument;
    if (!claimId) throw new InputError('reproduce needs a claim id with --params, or --file <counterexample.json>');
    if (!stored && options.params === undefined)
      throw new InvalidParameterError('params', undefined, 'given to replay a claim (--params \'{"seed":3,…}\'), or use --file');
    const claim = (await openProject(host, options.claims)).registry.require(claimId);
    if (stored) checkStoredCase(claim, { path: options.file!, file: stored });
    const params = parseClaimParams(claim, options.params ?? JSON.stringify(stored!.params));
    // --seed replaces the run's seed: does the failure depend on it?
    if (options.seed !== undefined) params.seed = options.seed;
    const backendName = stored && command.getOptionValueSource('backend') === 'default' ? stored.backend : options.backend;
    const backend = getBackend(parseBackendRequest(backendName));
    const record = await runOnce(claim, params, backend, options.timeBudget ?? 24 * 3600 * 1000);
    if (options.json) process.stdout.write(`${JSON.stringify(record, null, 1)}\n`);
    else {
      process.stdout.write(
        `${claimId} on ${backend.name} (${backend.device}): ${record.outcome}${record.margin !== null ? `, margin ${record.margin.toPrecision(4)}` : ''}${record.detail ? ` — ${record.detail}` : ''}\n`,
      );
      const scalars = Object.entries(record.measured ?? {}).filter(
        ([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean',
      );
      for (const [name, value] of scalars) process.stdout.write(`  ${name} = ${value}\n`);
    }
    if (stored) {
      const exact = options.seed === undefined && reproducesExactly({ path: options.file!, file: stored }, record, backend.name);
      process.stdout.write(
        record.outcome === 'fail'
          ? `the stored failure ${exact ? 'reproduces exactly' : `still fails (stored on ${stored.backend} with margin ${String(stored.observed.margin)})`}\n`
          : 'the stored failure no longer occurs\n',
      );
      // A stored case is expected to fail: exit 0 while it does.
      return void program.setOptionValue('exitCode', record.outcome === 'fail' ? EXIT_OK : EXIT_UNEXPECTED_VERDICT);
    }
    program.setOptionValue('exitCode', record.outcome === 'pass' ? EXIT_OK : EXIT_UNEXPECTED_VERDICT);
  });
}
