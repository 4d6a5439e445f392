import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/random/rng.ts';
import { activationNames, scalarActivation } from '../../src/math/scalarActivation.ts';
import { bruteForce, hungarian, minimumAssignment } from '../../src/math/assignment.ts';
import {
  jacobianGram,
  lossAndGradient,
  nonOverlappingCnn,
  permutationInvariantError,
  predict,
} from '../../src/models/nonOverlappingCnn.ts';
import { groundTruthKernels, sampleData } from '../../src/data/zhong2017/teacherData.ts';
import { singularValues } from '../../src/linalg/stableRank.ts';
import { trainNonOverlappingCnn } from '../../src/training/nonOverlappingCnnGd.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';

describe('non-overlapping CNN', () => {
  test('buffered activations agree with the scalar ones', () => {
    const z = Float64Array.from({ length: 50 }, (_, i) => -3 + (6 * i) / 49);
    for (const name of activationNames) {
      const phi = scalarActivation(name, { leak: 0.2, shift: 0.4 });
      const value = new Float64Array(z.length);
      const derivative = new Float64Array(z.length);
      phi.applyBoth(z, value, derivative);
      z.forEach((x, i) => {
        expect(value[i]).toBeCloseTo(phi.value(x), 14);
        expect(derivative[i]).toBeCloseTo(phi.derivative(x), 14);
      });
    }
  });

  test.each(['relu', 'leaky-relu', 'squared-relu', 'sigmoid', 'tanh', 'quadratic'] as const)(
    'gradient of the squared loss matches central finite differences (%s)',
    (name) => {
      const rng = createRng(`fd/${name}`);
      const model = nonOverlappingCnn(4, 3, 2, scalarActivation(name), [1, -0.7]);
      const truth = groundTruthKernels(rng.fork('truth'), 4, 2, 2);
      const data = sampleData(rng.fork('data'), model, truth, 40);
      const w = truth.map((v) => v + 0.3 * rng.gaussian());
      const { gradient } = lossAndGradient(model, w, data);
      const h = 1e-6;
      for (let i = 0; i < w.length; i++) {
        const plus = Float64Array.from(w);
        const minus = Float64Array.from(w);
        plus[i] += h;
        minus[i] -= h;
        const numeric = (lossAndGradient(model, plus, data).loss - lossAndGradient(model, minus, data).loss) / (2 * h);
        expect(Math.abs(numeric - gradient[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
      }
    },
  );

  test('JᵀJ/n at W* is the finite-difference Hessian of the loss there (zero residuals)', () => {
    const rng = createRng('hessian');
    const model = nonOverlappingCnn(3, 2, 2, scalarActivation('tanh'));
    const truth = groundTruthKernels(rng.fork('truth'), 3, 2, 1.5);
    const data = sampleData(rng.fork('data'), model, truth, 30);
    const gram = jacobianGram(model, truth, data);
    const h = 1e-5;
    for (let i = 0; i < 6; i++) {
      const plus = Float64Array.from(truth);
      const minus = Float64Array.from(truth);
      plus[i] += h;
      minus[i] -= h;
      const gp = lossAndGradient(model, plus, data).gradient;
      const gm = lossAndGradient(model, minus, data).gradient;
      for (let j = 0; j < 6; j++) expect((gp[j] - gm[j]) / (2 * h)).toBeCloseTo(gram.data[j * 6 + i], 6);
    }
  });

  test('W* has condition number κ exactly and unit top singular value', () => {
    for (const kappa of [1, 2, 7]) {
      const kernels = groundTruthKernels(createRng(`kappa/${kappa}`), 6, 4, kappa);
      const s = singularValues({ rows: 4, cols: 6, data: kernels });
      expect(s[0]).toBeCloseTo(1, 10);
      expect(s[0] / s[3]).toBeCloseTo(kappa, 8);
    }
  });

  test('the error is invariant under permuting kernels, and zero only at a permutation', () => {
    const rng = createRng('perm');
    for (const t of [3, 6]) {
      const truth = groundTruthKernels(rng.fork(`t${t}`), 6, t, 2);
      const order = Array.from({ length: t }, (_, i) => (i + 1) % t);
      const permuted = new Float64Array(truth.length);
      order.forEach((from, to) => permuted.set(truth.subarray(from * 6, from * 6 + 6), to * 6));
      expect(permutationInvariantError(permuted, truth, t, 6).error).toBeLessThan(1e-15);
      const moved = Float64Array.from(permuted);
      moved[0] += 0.1;
      expect(permutationInvariantError(moved, truth, t, 6).error).toBeGreaterThan(0.01);
    }
  });

  test('Hungarian assignment equals brute force', () => {
    const rng = createRng('hungarian');
    for (let trial = 0; trial < 30; trial++) {
      const n = 2 + (trial % 5);
      const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.uniform()));
      expect(hungarian(cost).total).toBeCloseTo(bruteForce(cost).total, 12);
      expect(minimumAssignment(cost).total).toBeCloseTo(bruteForce(cost).total, 12);
    }
  });

  test('predict sums φ over patches and kernels', () => {
    const model = nonOverlappingCnn(2, 2, 1, scalarActivation('relu'));
    const y = predict(model, Float64Array.of(1, -1), Float64Array.of(2, 1, -1, 3), 1);
    expect(y[0]).toBe(1 + 0);
  });

  test('a diverging run is a status, not an exception; bad input names the parameter', () => {
    const rng = createRng('diverge');
    const model = nonOverlappingCnn(3, 2, 2, scalarActivation('squared-relu'));
    const truth = groundTruthKernels(rng.fork('truth'), 3, 2, 1);
    const data = sampleData(rng.fork('data'), model, truth, 50);
    const run = trainNonOverlappingCnn(
      model,
      data,
      truth.map((v) => 3 * v),
      { stepSize: 50, maxSteps: 200, truth },
    );
    expect(run.status).toBe('diverged');
    expect(() => groundTruthKernels(rng, 3, 4, 2)).toThrow(InvalidParameterError);
    expect(() => groundTruthKernels(rng, 3, 2, 0.5)).toThrow(/kappa/);
    expect(() => nonOverlappingCnn(3, 2, 2, scalarActivation('relu'), [1])).toThrow(/v/);
  });
});
