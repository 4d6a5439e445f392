import { z } from 'zod';
import { parseBoundedJson } from '../io/boundedJson.ts';
import { readRegularFileIfPresent } from '../io/readRegularFile.ts';
import { InputError } from '../parameters/validation.ts';
import type { ResultsFile } from './reportModel.ts';

// Loose objects: a results.json from a newer theorycheck (with added optional fields) still renders.
const parameterValue = z.union([z.number(), z.string(), z.boolean()]);
const params = z.record(z.string(), parameterValue.or(z.null())).and(z.looseObject({ seed: z.number() }));
const measuredValue = z.union([
  z.number(),
  z.boolean(),
  z.string(),
  z.null(),
  z.array(z.number().nullable()),
  z.array(z.array(z.number().nullable())),
]);
const measured = z.record(z.string(), measuredValue).nullable();
// By value, not only by type: a rate is in [0, 1], an interval is ordered, a count is a whole number.
const rate = z.number().min(0).max(1);
const interval = z
  .tuple([rate, rate])
  .refine(([lo, hi]) => lo <= hi, 'an interval [low, high] with low ≤ high')
  .nullable();
const count = z.number().int().nonnegative();
const duration = z.number().nonnegative();

const runRecord = z.looseObject({
  params,
  outcome: z.enum(['pass', 'fail', 'diverged', 'timeout', 'error']),
  margin: z.number().nullable(),
  detail: z.string().optional(),
  measured,
  durationMs: duration,
  shrinking: z.boolean(),
});

const claimResult = z
  .looseObject({
    id: z.string(),
    paper: z.looseObject({
      id: z.string(),
      arxiv: z.string(),
      title: z.string(),
      authors: z.string(),
      where: z.string().optional(),
      order: z.number().optional(),
      headlines: z
        .array(
          z.looseObject({ claim: z.string(), regime: z.string(), chart: z.string(), caption: z.string(), order: z.number().optional() }),
        )
        .optional(),
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
    runs: count,
    passes: count,
    failures: count,
    diverged: count,
    timeouts: count,
    errors: count,
    passRate: rate.nullable(),
    interval,
    threshold: rate,
    seed: z.number().int(),
    counterexample: z
      .looseObject({
        params,
        measured,
        detail: z.string().optional(),
        replay: z.string(),
        fastCheck: z.looseObject({ seed: z.number(), path: z.string().nullable() }).nullable(),
        shrinks: count,
      })
      .nullable(),
    durationMs: duration,
    backend: z.string(),
    device: z.string(),
    profile: z.enum(['smoke', 'ci', 'deep']),
    interrupted: z.boolean(),
    /** Set when the whole run was stopped (a signal, the suite time budget) while this regime ran: never "as expected". */
    stoppedBy: z.enum(['SIGINT', 'SIGTERM', 'SIGHUP', 'time-budget']).optional(),
    samples: z.array(runRecord),
    stopReason: z.enum(['decided', 'run cap', 'time limit', 'stopped']).optional(),
    sequential: z
      .looseObject({
        alpha: z.number().gt(0).lt(1),
        minRuns: z.number().int().positive(),
        maxRuns: z.number().int().positive(),
        runsNeeded: z.number().int().nonnegative().nullable(),
      })
      .optional(),
    breakdown: z
      .array(
        z.looseObject({
          name: z.string(),
          significant: z.boolean(),
          values: z.array(
            z.looseObject({
              value: z.string(),
              passes: z.number().int().nonnegative(),
              runs: z.number().int().nonnegative(),
              interval: z.tuple([z.number(), z.number()]),
              adjustedP: z.number().nullable(),
            }),
          ),
        }),
      )
      .optional(),
    dependence: z.array(z.string()).optional(),
  })
  .refine((r) => r.passes + r.failures + r.diverged + r.timeouts + r.errors <= r.runs, {
    message: 'passes, failures, diverged, timeouts and errors add up to more than runs',
    path: ['runs'],
  });

const provenance = z.looseObject({
  tool: z.string(),
  toolVersion: z.string(),
  node: z.string(),
  packages: z.record(z.string(), z.string()),
  backends: z.array(z.looseObject({ name: z.string(), device: z.string(), fallbackReason: z.string().optional() })),
  profile: z.enum(['smoke', 'ci', 'deep']),
  seed: z.number(),
  machine: z.looseObject({
    platform: z.string(),
    arch: z.string(),
    cpus: z.number(),
    cpuModel: z.string(),
    memoryGiB: z.number(),
    hostname: z.string(),
  }),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: duration,
  partial: z.boolean(),
  /** What stopped a partial run early: a signal or the suite time budget. */
  stoppedBy: z.enum(['SIGINT', 'SIGTERM', 'SIGHUP', 'time-budget']).optional(),
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
  cells: z.array(
    z
      .looseObject({
        x: gridValue,
        y: gridValue,
        runs: count,
        passes: count,
        passRate: rate.nullable(),
        interval,
        refined: z.boolean(),
        replay: z.string().optional(),
      })
      .refine((c) => c.passes <= c.runs, { message: 'more passes than runs', path: ['passes'] }),
  ),
  conditions: z.array(z.looseObject({ label: z.string(), points: z.array(z.looseObject({ x: z.number(), y: z.number() })) })),
  sensitivity: z
    .array(z.looseObject({ params: z.record(z.string(), z.unknown()), free: z.array(z.string()), essential: z.array(z.string()) }))
    .optional(),
  durationMs: duration,
  headline,
});

const experiment = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.number(), z.string(), z.null()]))),
  charts: z.array(z.looseObject({ title: z.string(), spec: z.record(z.string(), z.unknown()) })),
  // Bounded so that no file makes the report encode a gigantic PNG.
  images: z
    .array(
      z.looseObject({
        label: z.string(),
        width: z.number().int().positive().max(4096),
        height: z.number().int().positive().max(4096),
        pixels: z.array(z.number().nullable()),
      }),
    )
    .optional(),
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

/** The largest results.json read: far above what a deep run writes, far below what exhausts memory. */
export const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

/**
 * Like readResultsFile, but a missing file is null (a fresh report); any other problem is an
 * InputError: not a regular file, too large, nested too deep, a string too long, not JSON, or
 * not a results file by value. No message quotes the file's content.
 */
export function readResultsFileIfPresent(path: string): ResultsFile | null {
  const bytes = readRegularFileIfPresent(path, { what: 'results file', maxBytes: MAX_RESULTS_BYTES });
  if (bytes === null) return null;
  return parseResultsFile(parseBoundedJson(bytes.toString('utf8'), `malformed results file ${path}`), path);
}
