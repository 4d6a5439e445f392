import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSignalNoiseModel, type SignalNoiseModelParameters } from '../../../src/data/zhang2025/signalNoiseModel.ts';
import { checkPatchDataset } from '../../../src/data/patchDataset.ts';
import { InvalidParameterError } from '../../../src/parameters/validation.ts';
import { createRng } from '../../../src/random/rng.ts';

const base: SignalNoiseModelParameters = { K: 2, dim: 12, patches: 3, noise: 0.7 };

function patch(x: Float64Array, i: number, p: number, patches: number, dim: number): Float64Array {
  return x.subarray((i * patches + p) * dim, (i * patches + p + 1) * dim);
}

function dotRow(v: Float64Array, basis: Float64Array, b: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) s += v[k] * basis[b * dim + k];
  return s;
}

const models = fc.record({
  K: fc.integer({ min: 1, max: 4 }),
  extra: fc.integer({ min: 0, max: 10 }),
  patches: fc.integer({ min: 1, max: 4 }),
  noise: fc.constantFrom(0, 0.3, 2),
  signalNorm: fc.constantFrom(0.5, 1, 3),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

describe('the zhang2025 signal/noise data model', () => {
  it('signal basis orthonormal; balanced (y,k); signal patch = ‖μ‖u(y,k); projected noise ⟂ span U', () => {
    fc.assert(
      fc.property(models, ({ K, extra, patches, noise, signalNorm, seed }) => {
        const dim = 2 * K + extra;
        const model = createSignalNoiseModel({ K, dim, patches, noise, signalNorm }, createRng(seed));
        const u = model.basis.data;
        for (let a = 0; a < 2 * K; a++) {
          for (let b = 0; b < 2 * K; b++) {
            let s = 0;
            for (let k = 0; k < dim; k++) s += u[a * dim + k] * u[b * dim + k];
            expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
        const n = 2 * K * 3;
        const { data, signalIndex } = model.sampleBalanced(n, createRng(seed).fork('train'));
        checkPatchDataset(data);
        const counts = new Array(2 * K).fill(0);
        for (let i = 0; i < n; i++) {
          counts[signalIndex[i]]++;
          expect(data.y[i]).toBe(signalIndex[i] < K ? 1 : -1);
          const signal = patch(data.x, i, 0, patches, dim);
          for (let k = 0; k < dim; k++) expect(Math.abs(signal[k] - signalNorm * u[signalIndex[i] * dim + k])).toBeLessThan(1e-15);
          for (let p = 1; p < patches; p++) {
            const xi = patch(data.x, i, p, patches, dim);
            for (let b = 0; b < 2 * K; b++)
              expect(Math.abs(dotRow(xi, u, b, dim))).toBeLessThan(1e-12 * Math.max(1, noise * Math.sqrt(dim)));
          }
        }
        expect(counts.every((c) => c === 3)).toBe(true);
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('noise has variance σp² per coordinate in the (d − 2K)-dimensional complement; isotropic noise is not orthogonal', () => {
    const K = 2,
      dim = 40,
      patches = 5,
      noise = 0.5;
    const model = createSignalNoiseModel({ K, dim, patches, noise }, createRng(1));
    const { data } = model.sampleBalanced(400, createRng(2));
    let energy = 0;
    let count = 0;
    for (let i = 0; i < 400; i++)
      for (let p = 1; p < patches; p++) {
        const xi = patch(data.x, i, p, patches, dim);
        energy += xi.reduce((s, v) => s + v * v, 0);
        count++;
      }
    // E‖ξ‖² = σp²(d − 2K) = 9; mean over 1600 patches, sd of the mean ≈ 0.25·√(2·36)/40 ≈ 0.053.
    expect(Math.abs(energy / count - noise * noise * (dim - 2 * K))).toBeLessThan(0.3);

    const iso = createSignalNoiseModel({ K, dim, patches, noise, noiseCovariance: 'isotropic' }, createRng(1));
    const isoData = iso.sampleBalanced(8, createRng(2)).data;
    const proj = Math.abs(dotRow(patch(isoData.x, 0, 1, patches, dim), iso.basis.data, 0, dim));
    expect(proj).toBeGreaterThan(1e-6);
  });

  it('same seed, same data; test sets drawn from other streams are fresh', () => {
    const model = createSignalNoiseModel(base, createRng(5));
    const again = createSignalNoiseModel(base, createRng(5));
    expect(again.basis.data).toEqual(model.basis.data);
    const train = model.sampleBalanced(8, createRng(5).fork('train'));
    expect(again.sampleBalanced(8, createRng(5).fork('train')).data.x).toEqual(train.data.x);
    const test = model.sampleIid(8, createRng(5).fork('test'));
    const test2 = model.sampleIid(8, createRng(5).fork('test-2'));
    // No noise patch of a test set repeats one of the training set or of another test set.
    const noisePatches = (x: Float64Array) =>
      Array.from({ length: 8 }, (_, i) => Array.from(patch(x, i, 1, base.patches, base.dim)).join(','));
    const trainSet = new Set(noisePatches(train.data.x));
    for (const key of [...noisePatches(test.data.x), ...noisePatches(test2.data.x)]) expect(trainSet.has(key)).toBe(false);
    expect(test.data.x).not.toEqual(test2.data.x);
    // Same basis: test signal patches are the training directions.
    expect(Array.from(patch(test.data.x, 0, 0, base.patches, base.dim))).toEqual(
      Array.from(model.basis.data.subarray(test.signalIndex[0] * base.dim, (test.signalIndex[0] + 1) * base.dim)),
    );
  });

  it('i.i.d. sampling draws every (y,k) roughly uniformly', () => {
    const model = createSignalNoiseModel({ ...base, patches: 1 }, createRng(3));
    const { signalIndex, data } = model.sampleIid(4000, createRng(4));
    const counts = [0, 0, 0, 0];
    for (const index of signalIndex) counts[index]++;
    // Binomial(4000, 1/4): sd ≈ 27; allow 5σ.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(137);
    expect(data.y.filter((y) => y === 1).length).toBe(counts[0] + counts[1]);
  });

  it('a random signal position puts the signal patch in every position', () => {
    const model = createSignalNoiseModel({ ...base, signalPosition: 'random' }, createRng(1));
    const { data, signalIndex } = model.sampleBalanced(40, createRng(2));
    const positions = new Set<number>();
    for (let i = 0; i < 40; i++) {
      for (let p = 0; p < base.patches; p++) {
        const v = patch(data.x, i, p, base.patches, base.dim);
        if (Math.abs(dotRow(v, model.basis.data, signalIndex[i], base.dim) - 1) < 1e-12) positions.add(p);
      }
    }
    expect(positions.size).toBe(base.patches);
  });

  it.each<[string, Partial<SignalNoiseModelParameters>, string, RegExp]>([
    ['2K > d', { K: 7, dim: 12 }, 'K', /at most dim\/2 = 6/],
    ['P < 1', { patches: 0 }, 'patches', /integer ≥ 1/],
    ['σp < 0', { noise: -0.1 }, 'noise', /≥ 0/],
    ['σp NaN', { noise: Number.NaN }, 'noise', /finite/],
    ['σp infinite', { noise: Number.POSITIVE_INFINITY }, 'noise', /finite/],
    ['K non-integer', { K: 1.5 }, 'K', /integer/],
    ['d non-integer', { dim: 12.5 }, 'dim', /integer/],
    ['P NaN', { patches: Number.NaN }, 'patches', /integer/],
    ['K = 0', { K: 0 }, 'K', /integer ≥ 1/],
    ['‖μ‖ = 0', { signalNorm: 0 }, 'signalNorm', /> 0/],
    ['unknown covariance', { noiseCovariance: 'diagonal' as never }, 'noiseCovariance', /projected/],
  ])('rejects %s naming the parameter and the constraint', (_, change, parameter, constraint) => {
    const run = () => createSignalNoiseModel({ ...base, ...change }, createRng(1));
    expect(run).toThrow(InvalidParameterError);
    try {
      run();
    } catch (error) {
      expect((error as InvalidParameterError).parameter).toBe(parameter);
      expect((error as Error).message).toMatch(new RegExp(`^invalid ${parameter}:`));
      expect((error as Error).message).toMatch(constraint);
    }
  });

  it('rejects sample counts that cannot be balanced or are not positive integers', () => {
    const model = createSignalNoiseModel(base, createRng(1));
    expect(() => model.sampleBalanced(6, createRng(2))).toThrow(/invalid n: 6 \(must be a multiple of 2K = 4/);
    expect(() => model.sampleBalanced(2, createRng(2))).toThrow(/invalid n: 2 \(must be an integer ≥ 4/);
    expect(() => model.sampleBalanced(4.5, createRng(2))).toThrow(InvalidParameterError);
    expect(() => model.sampleIid(0, createRng(2))).toThrow(/invalid n: 0/);
    expect(() => model.sampleIid(Number.NaN, createRng(2))).toThrow(InvalidParameterError);
  });
});
