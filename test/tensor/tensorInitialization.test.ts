import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/random/rng.ts';
import { scalarActivation } from '../../src/math/scalarActivation.ts';
import { hermiteCoefficient } from '../../src/math/activationMoments.ts';
import { hermiteMomentTensor, symmetricRankOneSum } from '../../src/tensor/hermiteTensor.ts';
import { jennrichDecomposition } from '../../src/tensor/jennrich.ts';
import { chooseMomentOrders } from '../../src/tensor/momentOrders.ts';
import { recoverSignsAndNorms } from '../../src/tensor/signAndMagnitude.ts';
import { tensorInitialization } from '../../src/tensor/tensorInitialization.ts';
import { nonOverlappingCnn, permutationInvariantError } from '../../src/models/nonOverlappingCnn.ts';
import { groundTruthKernels, sampleData } from '../../src/data/zhong2017/teacherData.ts';
import { InputError, InvalidParameterError } from '../../src/parameters/validation.ts';

function randomUnitRows(seed: string, count: number, dim: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(count * dim).map(() => rng.gaussian());
  for (let i = 0; i < count; i++) {
    const length = Math.hypot(...out.subarray(i * dim, (i + 1) * dim));
    for (let a = 0; a < dim; a++) out[i * dim + a] /= length;
  }
  return out;
}

describe('Hermite moment tensors', () => {
  test('order 2 and 3 entries equal the direct formulas', () => {
    const rng = createRng('hermite-direct');
    const dim = 3;
    const count = 200;
    const x = new Float64Array(count * dim).map(() => rng.gaussian());
    const y = new Float64Array(count).map(() => rng.gaussian());
    const m2 = hermiteMomentTensor(x, count, dim, 2, (p) => y[p]).data;
    const m3 = hermiteMomentTensor(x, count, dim, 3, (p) => y[p]).data;
    const d = (a: number, b: number) => (a === b ? 1 : 0);
    for (let a = 0; a < dim; a++)
      for (let b = 0; b < dim; b++) {
        let direct = 0;
        for (let p = 0; p < count; p++) direct += y[p] * (x[p * dim + a] * x[p * dim + b] - d(a, b));
        expect(m2[a * dim + b]).toBeCloseTo(direct / count, 12);
        for (let c = 0; c < dim; c++) {
          let third = 0;
          for (let p = 0; p < count; p++) {
            const [xa, xb, xc] = [x[p * dim + a], x[p * dim + b], x[p * dim + c]];
            third += y[p] * (xa * xb * xc - xa * d(b, c) - xb * d(a, c) - xc * d(a, b));
          }
          expect(m3[(a * dim + b) * dim + c]).toBeCloseTo(third / count, 12);
        }
      }
  });

  test('E[H_4] = 0 for Gaussian x (label 1): the correction removes every even moment', () => {
    const rng = createRng('h4');
    const count = 100_000;
    const x = new Float64Array(count * 2).map(() => rng.gaussian());
    const m4 = hermiteMomentTensor(x, count, 2, 4, () => 1);
    const raw = hermiteMomentTensor(x, count, 2, 4, () => 1, { corrected: false });
    expect(Math.hypot(...m4.data)).toBeLessThan(4 * m4.standardError);
    expect(raw.data[0]).toBeCloseTo(3, 0); // E[x⁴] = 3
  });
});

describe('Jennrich decomposition', () => {
  // Order 4 needs weights of one sign (m₄ < 0 for every ReLU kernel); order 3 may mix them.
  test.each([
    [3, [1.3, -0.6, 0.9]],
    [4, [-1.3, -0.6, -0.9]],
  ])('recovers non-orthogonal components of an exact order-%i tensor', (order, weights) => {
    const t = 3;
    const u = randomUnitRows(`jennrich/${order}`, t, t);
    const tensor = symmetricRankOneSum(weights, u, t, order);
    const found = jennrichDecomposition(tensor, t, order, createRng('ab'));
    for (let i = 0; i < t; i++) {
      const best = Math.max(
        ...[0, 1, 2].map((j) => Math.abs(u[i * t] * found[j * t] + u[i * t + 1] * found[j * t + 1] + u[i * t + 2] * found[j * t + 2])),
      );
      expect(best).toBeCloseTo(1, 8);
    }
  });

  test('is deterministic from its stream', () => {
    const u = randomUnitRows('det', 3, 3);
    const tensor = symmetricRankOneSum([1, 2, 3], u, 3, 3);
    expect(jennrichDecomposition(tensor, 3, 3, createRng('s'))).toEqual(jennrichDecomposition(tensor, 3, 3, createRng('s')));
  });
});

describe('tensor initialization', () => {
  test('moment orders follow the zero pattern; linear carries no kernels', () => {
    const orders = (name: 'relu' | 'squared-relu' | 'tanh' | 'sigmoid') => {
      const o = chooseMomentOrders(scalarActivation(name));
      return [o.subspace, o.decomposition];
    };
    expect(orders('relu')).toEqual([2, 4]);
    expect(orders('squared-relu')).toEqual([2, 3]);
    expect(orders('tanh')).toEqual([3, 3]);
    expect(orders('sigmoid')).toEqual([3, 3]);
    expect(() => chooseMomentOrders(scalarActivation('linear'))).toThrow(InputError);
  });

  test('signs and norms are exact from an exact first moment', () => {
    const phi = scalarActivation('tanh');
    const k = 4;
    const directions = randomUnitRows('signs', 2, k);
    const norms = [0.7, 1.3];
    const m1 = new Float64Array(k);
    for (let i = 0; i < 2; i++) for (let a = 0; a < k; a++) m1[a] += hermiteCoefficient(phi, norms[i], 1) * -directions[i * k + a];
    const { kernels } = recoverSignsAndNorms(directions, 2, k, m1, Float64Array.of(1, 1), phi);
    for (let i = 0; i < 2; i++) for (let a = 0; a < k; a++) expect(kernels[i * k + a]).toBeCloseTo(-norms[i] * directions[i * k + a], 8);
  });

  test('on the notes’ Appendix A instance it does at least as well as their numpy run', () => {
    // squared ReLU, k = 5, r = 4, t = 3, singular values (1, 0.75, 0.5): the notes report 0.132 at n = 50 000.
    const errors = [1, 2, 3].map((seed) => {
      const rng = createRng(seed);
      const model = nonOverlappingCnn(5, 4, 3, scalarActivation('squared-relu'));
      const truth = groundTruthKernels(rng.fork('truth'), 5, 3, 2);
      const data = sampleData(rng.fork('data'), model, truth, 50_000);
      return permutationInvariantError(tensorInitialization(model, data, rng.fork('tensor')).kernels, truth, 3, 5).error;
    });
    for (const error of errors) expect(error).toBeLessThan(0.132);
  });

  test('with many samples the estimate is close to W*, and t > k is refused', () => {
    const rng = createRng('init');
    const model = nonOverlappingCnn(4, 3, 2, scalarActivation('squared-relu'));
    const truth = groundTruthKernels(rng.fork('truth'), 4, 2, 1.5);
    const data = sampleData(rng.fork('data'), model, truth, 40_000);
    const init = tensorInitialization(model, data, rng.fork('tensor'));
    expect(permutationInvariantError(init.kernels, truth, 2, 4).error).toBeLessThan(0.1);
    expect(init.kernels).toEqual(tensorInitialization(model, data, rng.fork('tensor')).kernels);
    const wide = nonOverlappingCnn(2, 2, 3, scalarActivation('relu'));
    expect(() => tensorInitialization(wide, { n: 1, x: new Float64Array(4), y: new Float64Array(1) }, rng)).toThrow(InvalidParameterError);
  });
});
