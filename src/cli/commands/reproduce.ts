import type { Command } from 'commander';
import { allClaims, findClaim } from '../../../properties/index.ts';
import { runOnce } from '../../claims/runClaim.ts';
import { getBackend, parseBackendRequest } from '../../compute/backends.ts';
import { InputError, InvalidParameterError } from '../../parameters/validation.ts';
import type { ParameterSpec } from '../../parameters/parameter.ts';
import { EXIT_OK, EXIT_UNEXPECTED_VERDICT } from '../errors.ts';

export interface ReproduceOptions {
  params: string;
  backend: string;
  json?: boolean;
}

/** Parses --params and checks every name against the claim's domain (values may lie off-grid). */
export function parseClaimParams(claimId: string, text: string): Record<string, number | string | boolean> & { seed: number } {
  const claim = findClaim(claimId);
  if (!claim) throw new InputError(`unknown claim "${claimId}"; known claims: ${allClaims.map((c) => c.id).join(', ')}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidParameterError('params', text, 'a JSON object such as {"noise":0.5,"seed":3}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidParameterError('params', text, 'a JSON object');
  const params = parsed as Record<string, unknown>;
  const domain = claim.domain as Record<string, ParameterSpec>;
  for (const [name, value] of Object.entries(params)) {
    if (name !== 'seed' && !(name in domain)) throw new InvalidParameterError(`params.${name}`, value, `a parameter of ${claimId}: ${Object.keys(domain).join(', ')}, seed`);
    if (!['number', 'string', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new InvalidParameterError(`params.${name}`, value, 'a finite number, a string or a boolean');
    }
  }
  for (const name of [...Object.keys(domain), 'seed']) {
    if (!(name in params)) throw new InvalidParameterError(`params.${name}`, undefined, 'present (every domain parameter and the seed are needed to replay a run)');
  }
  return params as Record<string, number | string | boolean> & { seed: number };
}

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .argument('<claim>', 'claim id, e.g. zhang2025/filter-rank-robust')
    .description('replay one run of a claim exactly, from the parameters and seed a report printed')
    .requiredOption('--params <json>', 'the run parameters, including seed, as JSON')
    .option('--backend <name>', 'compute backend', 'float64')
    .option('--json', 'print the measured values as JSON')
    .action(async (claimId: string, options: ReproduceOptions) => {
      const params = parseClaimParams(claimId, options.params);
      const claim = findClaim(claimId)!;
      const backend = getBackend(parseBackendRequest(options.backend));
      const record = await runOnce(claim, params, backend, 24 * 3600 * 1000);
      if (options.json) process.stdout.write(`${JSON.stringify(record, null, 1)}\n`);
      else {
        process.stdout.write(`${claimId} on ${backend.name} (${backend.device}): ${record.outcome}${record.margin !== null ? `, margin ${record.margin.toPrecision(4)}` : ''}${record.detail ? ` — ${record.detail}` : ''}\n`);
        const scalars = Object.entries(record.measured ?? {}).filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean');
        for (const [name, value] of scalars) process.stdout.write(`  ${name} = ${value}\n`);
      }
      program.setOptionValue('exitCode', record.outcome === 'pass' ? EXIT_OK : EXIT_UNEXPECTED_VERDICT);
    });
}
