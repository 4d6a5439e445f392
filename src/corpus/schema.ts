import { z } from 'zod';
import type { BackendName } from '../compute/backend.ts';

const parameterValue = z.union([z.number(), z.string(), z.boolean()]);
/**
 * Non-finite numbers are stored as {"$number": "-Infinity"} (see cache/canonicalJson.ts). A
 * literal, not an enum: the enum's key "-Infinity" breaks the emitted .d.ts under skipLibCheck: false.
 */
const number = z.union([z.number(), z.object({ $number: z.literal(['Infinity', '-Infinity', 'NaN']) }).strict()]);
const measuredScalar = z.union([number, z.string(), z.boolean(), z.null()]);

/**
 * One stored counterexample, fixtures/counterexamples/<paper>/<claim>/<hash>.json. Everything a
 * reader or the runner needs to replay it: the claim, the exact parameters and seed, the regime
 * it was found in, the backend, and what was observed then.
 */
export const counterexampleFileSchema = z
  .object({
    format: z.literal(1),
    claimId: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'a claim id such as zhang2025/stable-rank-algebra'),
    regime: z.string().min(1),
    /** What the claim says should happen in that regime: a failure is a finding only where it should hold. */
    expected: z.enum(['holds', 'fails', 'probe']),
    params: z
      .record(z.string(), parameterValue)
      .refine((p) => typeof p.seed === 'number' && Number.isInteger(p.seed), { message: 'must include an integer seed' }),
    /** The backends theorycheck has (BackendName): a stored case names the one that found it. */
    backend: z.enum(['float64', 'native', 'native-float64', 'gpujs', 'js-float32']),
    device: z.string(),
    fastCheck: z.object({ seed: z.number().int(), path: z.string().nullable() }).nullable(),
    packageVersion: z.string().min(1),
    observed: z.object({
      outcome: z.literal('fail'),
      margin: number.nullable(),
      detail: z.string().nullable(),
      /** The scalar measurements (arrays left out to keep the file small and readable). */
      measured: z.record(z.string(), measuredScalar),
    }),
  })
  .strict();

export type CounterexampleFile = z.infer<typeof counterexampleFileSchema>;

// The schema's list of backends and BackendName must stay the same list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameBackends: Same<CounterexampleFile['backend'], BackendName> = true;
void _sameBackends;
