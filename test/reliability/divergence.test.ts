import { describe, expect, test } from 'vitest';
import { defineClaim } from '../../src/claims/claim.ts';
import { runClaim } from '../../src/claims/runClaim.ts';
import { ResultCache } from '../../src/cache/resultCache.ts';
import { grid, fixed } from '../../src/parameters/parameter.ts';
import { createSignalNoiseModel } from '../../src/data/zhang2025/signalNoiseModel.ts';
import { gaussianFilters } from '../../src/models/initialization.ts';
import { trainPatchCnn } from '../../src/training/patchCnnGradientDescent.ts';

// A learning rate that blows training up is a verdict about the run ("diverged", with the step),
// not an exception: the claim is judged and the suite goes on to the next claim.
const blowUp = (onDiverged: 'fail' | 'discard') =>
  defineClaim({
    id: `reliability/diverging-${onDiverged}`,
    paper: { id: 'reliability', arxiv: 'n/a', title: 'divergence handling', authors: 'theorycheck' },
    title: 'training loss ends small',
    statement: 'the final training loss is below 1',
    provenance: { kind: 'derived', source: 'test' },
    conditions: [],
    domain: { learningRate: grid([1e10, 1e12]), q: fixed(3) },
    passCondition: 'final loss < 1',
    kind: 'stochastic',
    threshold: 0.5,
    failureRegimes: [],
    onDiverged,
    // Eight runs: the sequential rule needs seven straight failures to decide below a threshold of 0.5.
    budgets: { ci: { runs: 8 }, smoke: { runs: 8 }, deep: { runs: 8 } },
    measure(params, { rng, backend }) {
      const model = createSignalNoiseModel({ K: 1, dim: 8, patches: 2, noise: 1 }, rng.fork('model'));
      const { data } = model.sampleBalanced(12, rng.fork('train'));
      // Labels no filter can fit, and a superlinear activation: an oversized step overflows.
      const y = Float64Array.from(data.y, (_, i) => (i % 3 === 0 ? 1 : -1));
      const result = trainPatchCnn(
        backend,
        {
          model: { filtersPerClass: 2, activation: { kind: 'relu-pow', q: params.q } },
          data: { ...data, y },
          initialWeights: gaussianFilters(rng.fork('init'), 2, 8, 1),
        },
        { iterations: 50, learningRate: params.learningRate },
      );
      return {
        status: result.status === 'diverged' ? 'diverged' : 'ok',
        divergedAt: result.divergedAt,
        finalLoss: result.losses.at(-1) ?? Number.NaN,
      };
    },
    holds: (m) => ({ pass: m.finalLoss < 1, margin: 1 - m.finalLoss }),
  });

describe('divergence is a verdict', () => {
  test('diverged runs count as failures (onDiverged: fail) with the step in the detail, and the claim gets a verdict', async () => {
    const result = await runClaim(blowUp('fail'), {
      profile: 'ci',
      backend: 'float64',
      corpus: 'off',
      cache: new ResultCache('memory', '', 'test'),
    });
    expect(result.errors).toBe(0);
    expect(result.failures).toBe(result.runs);
    expect(result.verdict).toBe('fails');
    expect(result.samples[0].detail).toMatch(/training diverged at step \d+/);
  });

  test('or are discarded and reported (onDiverged: discard), leaving the claim inconclusive, and the next claim still runs', async () => {
    const result = await runClaim(blowUp('discard'), {
      profile: 'ci',
      backend: 'float64',
      corpus: 'off',
      cache: new ResultCache('memory', '', 'test'),
    });
    expect(result.diverged).toBe(result.runs);
    expect(result.verdict).toBe('inconclusive');
    expect(result.finding).toMatch(/diverged/);
    const next = await runClaim(blowUp('fail'), {
      profile: 'smoke',
      backend: 'native',
      corpus: 'off',
      cache: new ResultCache('memory', '', 'test'),
    });
    expect(next.verdict).toBe('fails');
  });
});
