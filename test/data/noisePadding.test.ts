import { describe, expect, it } from 'vitest';
import { padWithNoise } from '../../src/data/noisePadding.ts';
import { checkPatchDataset } from '../../src/data/patchDataset.ts';
import { matrix } from '../../src/linalg/matrix.ts';
import { createRng, gaussianArray } from '../../src/random/rng.ts';
import { randomOrthonormalRows } from '../../src/random/orthonormal.ts';

const n = 30;
const d = 50;
const clean = matrix(n, d, gaussianArray(createRng('clean'), n * d));
const labels = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1));

describe('noise padding', () => {
  it('puts the clean image in patch 1 and i.i.d. N(0, σp²) pixels in the other P−1 patches', () => {
    const P = 4;
    const sigma = 0.3;
    const data = checkPatchDataset(padWithNoise(clean, labels, { patches: P, noise: sigma }, createRng(1)));
    expect([data.samples, data.patches, data.dim]).toEqual([n, P, d]);
    expect(data.y).toEqual(labels);
    let sum = 0;
    let squares = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      expect(data.x.subarray(i * P * d, i * P * d + d)).toEqual(clean.data.subarray(i * d, (i + 1) * d));
      for (let k = i * P * d + d; k < (i + 1) * P * d; k++) {
        sum += data.x[k];
        squares += data.x[k] ** 2;
        count++;
      }
    }
    const mean = sum / count;
    const std = Math.sqrt(squares / count - mean * mean);
    // 4500 draws: the standard error of the mean is σ/67 and that of the std about σ/95.
    expect(Math.abs(mean)).toBeLessThan((4 * sigma) / Math.sqrt(count));
    expect(Math.abs(std - sigma)).toBeLessThan(0.05 * sigma);
  });

  it('σp = 0 pads with zeros, P = 1 pads with nothing, and the noise is seeded', () => {
    const zero = padWithNoise(clean, labels, { patches: 2, noise: 0 }, createRng(1));
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) expect(Math.abs(zero.x[(i * 2 + 1) * d + k])).toBe(0);
    expect(padWithNoise(clean, labels, { patches: 1, noise: 5 }, createRng(1)).x).toEqual(clean.data);
    const a = padWithNoise(clean, labels, { patches: 2, noise: 1 }, createRng(9));
    const b = padWithNoise(clean, labels, { patches: 2, noise: 1 }, createRng(9));
    const c = padWithNoise(clean, labels, { patches: 2, noise: 1 }, createRng(10));
    expect(a.x).toEqual(b.x);
    expect(a.x).not.toEqual(c.x);
  });

  it('orthogonal noise has no component in the clean span, isotropic noise does', () => {
    const basis = randomOrthonormalRows(createRng('span'), 5, d);
    const energyIn = (x: Float64Array) => {
      let inside = 0;
      for (let i = 0; i < n; i++) {
        const patch = x.subarray((i * 2 + 1) * d, (i * 2 + 2) * d);
        for (let b = 0; b < 5; b++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += patch[k] * basis.data[b * d + k];
          inside += s * s;
        }
      }
      return inside;
    };
    const orthogonal = padWithNoise(
      clean,
      labels,
      { patches: 2, noise: 1, noiseCovariance: 'orthogonal', cleanBasis: basis },
      createRng(2),
    );
    const isotropic = padWithNoise(clean, labels, { patches: 2, noise: 1, noiseCovariance: 'isotropic' }, createRng(2));
    expect(energyIn(orthogonal.x)).toBeLessThan(1e-20);
    // Expected n·5 = 150 for isotropic unit noise.
    expect(energyIn(isotropic.x)).toBeGreaterThan(75);
  });

  it('rejects bad options, naming the parameter', () => {
    expect(() => padWithNoise(clean, labels, { patches: 0, noise: 1 }, createRng(1))).toThrow(/invalid patches: 0/);
    expect(() => padWithNoise(clean, labels, { patches: 2, noise: -1 }, createRng(1))).toThrow(/invalid noise: -1/);
    expect(() => padWithNoise(clean, labels, { patches: 2, noise: 1, noiseCovariance: 'orthogonal' }, createRng(1))).toThrow(
      /invalid cleanBasis/,
    );
    expect(() => padWithNoise(clean, labels.subarray(1), { patches: 2, noise: 1 }, createRng(1))).toThrow(/29 labels for 30 images/);
  });
});
