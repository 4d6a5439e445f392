import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../parameters/validation.ts';
import type { ResultsFile } from './reportModel.ts';

// Loose objects: a results.json from a newer theorycheck (with added optional fields) still renders.
const parameterValue = z.union([z.number(), z.string(), z.boolean()]);
const params = z.record(z.string(), parameterValue.or(z.null())).and(z.looseObject({ seed: z.number() }));
const measuredValue = z.union([z.number(), z.boolean(), z.string(), z.null(), z.array(z.number().nullable()), z.array(z.array(z.number().nullable()))]);
const measured = z.record(z.string(), measuredValue).nullable();
const interval = z.tuple([z.number(), z.number()]).nullable();

const runRecord = z.looseObject({
  params,
  outcome: z.enum(['pass', 'fail', 'diverged', 'timeout', 'error']),
  margin: z.number().nullable(),
  detail: z.string().optional(),
  measured,
  durationMs: z.number(),
  shrinking: z.boolean(),
});

const claimResult = z.looseObject({
  id: z.string(),
  paper: z.looseObject({
    id: z.string(),
    arxiv: z.string(),
    title: z.string(),
    authors: z.string(),
    where: z.string().optional(),
    order: z.number().optional(),
    headlines: z.array(z.looseObject({ claim: z.string(), regime: z.string(), chart: z.string(), caption: z.string(), order: z.number().optional() })).optional(),
  }),
  title: z.string(),
  statement: z.string(),
  provenance: z.looseObject({ kind: z.enum(['quoted', 'reconstructed', 'derived', 'simulated']), source: z.string() }),
  conditions: z.array(z.string()),
  passCondition: z.string(),
  kind: z.enum(['deterministic', 'stochastic']),
  regime: z.string(),
  regimeWhy: z.string().nullable(),
  domain: z.record(z.string(), z.string()),
  expected: z.enum(['holds', 'fails', 'probe']),
  verdict: z.enum(['holds', 'fails', 'inconclusive']),
  asExpected: z.boolean(),
  finding: z.string().nullable(),
  runs: z.number().int().nonnegative(),
  passes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  diverged: z.number().int().nonnegative(),
  timeouts: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  passRate: z.number().nullable(),
  interval,
  threshold: z.number(),
  seed: z.number(),
  counterexample: z
    .looseObject({
      params,
      measured,
      detail: z.string().optional(),
      replay: z.string(),
      fastCheck: z.looseObject({ seed: z.number(), path: z.string().nullable() }).nullable(),
      shrinks: z.number(),
    })
    .nullable(),
  durationMs: z.number(),
  backend: z.string(),
  device: z.string(),
  profile: z.enum(['smoke', 'ci', 'deep']),
  interrupted: z.boolean(),
  samples: z.array(runRecord),
  stopReason: z.enum(['decided', 'run cap', 'time limit', 'stopped']).optional(),
  sequential: z
    .looseObject({ alpha: z.number().gt(0).lt(1), minRuns: z.number().int().positive(), maxRuns: z.number().int().positive(), runsNeeded: z.number().int().nonnegative().nullable() })
    .optional(),
  breakdown: z
    .array(
      z.looseObject({
        name: z.string(),
        significant: z.boolean(),
        values: z.array(z.looseObject({ value: z.string(), passes: z.number().int().nonnegative(), runs: z.number().int().nonnegative(), interval: z.tuple([z.number(), z.number()]), adjustedP: z.number().nullable() })),
      }),
    )
    .optional(),
  dependence: z.array(z.string()).optional(),
});

const provenance = z.looseObject({
  tool: z.string(),
  toolVersion: z.string(),
  node: z.string(),
  packages: z.record(z.string(), z.string()),
  backends: z.array(z.looseObject({ name: z.string(), device: z.string(), fallbackReason: z.string().optional() })),
  profile: z.enum(['smoke', 'ci', 'deep']),
  seed: z.number(),
  machine: z.looseObject({ platform: z.string(), arch: z.string(), cpus: z.number(), cpuModel: z.string(), memoryGiB: z.number(), hostname: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  partial: z.boolean(),
  command: z.string(),
  commit: z.string().optional(),
});

const headline = z.object({ caption: z.string(), order: z.number().optional() }).optional();

const gridValue = z.union([z.number(), z.string()]);
const regimeMap = z.looseObject({
  claimId: z.string(),
  title: z.string(),
  x: z.string(),
  y: z.string(),
  rest: z.record(z.string(), z.string()),
  cells: z.array(z.looseObject({ x: gridValue, y: gridValue, runs: z.number(), passes: z.number(), passRate: z.number().nullable(), interval, refined: z.boolean(), replay: z.string().optional() })),
  conditions: z.array(z.looseObject({ label: z.string(), points: z.array(z.looseObject({ x: z.number(), y: z.number() })) })),
  sensitivity: z.array(z.looseObject({ params: z.record(z.string(), z.unknown()), free: z.array(z.string()), essential: z.array(z.string()) })).optional(),
  durationMs: z.number(),
  headline,
});

const experiment = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.number(), z.string(), z.null()]))),
  charts: z.array(z.looseObject({ title: z.string(), spec: z.record(z.string(), z.unknown()) })),
  images: z.array(z.looseObject({ label: z.string(), width: z.number().int().positive(), height: z.number().int().positive(), pixels: z.array(z.number().nullable()) })).optional(),
  headline,
});

const corpusReplay = z.looseObject({
  claimId: z.string(),
  file: z.string(),
  stillFails: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  detail: z.string().optional(),
});

export const resultsFileSchema = z.looseObject({
  claims: z.array(claimResult),
  provenance,
  maps: z.array(regimeMap).optional(),
  experiments: z.array(experiment).optional(),
  corpus: z.array(corpusReplay).optional(),
});

/** The first problem zod found, as `claims[3].verdict: Invalid option: …`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${path || '(top level)'}: ${issue.message}${more}`;
}

/** Validates a parsed results.json; a bad one is an InputError naming the file and the first problem. */
export function parseResultsFile(value: unknown, source: string): ResultsFile {
  const parsed = resultsFileSchema.safeParse(value);
  if (!parsed.success) throw new InputError(`malformed results file ${source}: ${firstIssue(parsed.error)}`);
  // JSON writes NaN and ±Infinity as null; the renderer treats null as "no value" throughout.
  return parsed.data as unknown as ResultsFile;
}

export function readResultsFile(path: string): ResultsFile {
  const file = readResultsFileIfPresent(path);
  if (!file) throw new InputError(`cannot read results file ${path}: no such file (run \`theorycheck verify\` first, or pass --in)`);
  return file;
}

/** Like readResultsFile, but a missing file is null (a fresh report); any other problem is an InputError. */
export function readResultsFileIfPresent(path: string): ResultsFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`cannot read results file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`malformed results file ${path}: not JSON (${(error as Error).message.replace(/\s+/g, ' ')})`);
  }
  return parseResultsFile(value, path);
}
