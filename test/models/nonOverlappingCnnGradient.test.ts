import { describe, expect, test } from 'vitest';
import { createRng, gaussianArray } from '../../src/random/rng.ts';
import { activationNames, scalarActivation } from '../../src/math/scalarActivation.ts';
import { lossAndGradient, nonOverlappingCnn } from '../../src/models/nonOverlappingCnn.ts';
import { groundTruthKernels, sampleData } from '../../src/data/zhong2017/teacherData.ts';
import { hermiteMomentTensor } from '../../src/tensor/hermiteTensor.ts';

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** The plain loops the generated kernels replace, in their summation order: the kernels must reproduce them bit for bit. */
function referenceLossAndGradient(
  model: ReturnType<typeof nonOverlappingCnn>,
  w: Float64Array,
  data: { n: number; x: Float64Array; y: Float64Array },
) {
  const { k, r, t, v, activation } = model;
  const gradient = new Float64Array(t * k);
  let loss = 0;
  for (let i = 0; i < data.n; i++) {
    const value: number[] = [];
    const slope: number[] = [];
    for (let l = 0; l < r; l++)
      for (let j = 0; j < t; j++) {
        let s = 0;
        for (let a = 0; a < k; a++) s += w[j * k + a] * data.x[(i * r + l) * k + a];
        value.push(activation.value(s));
        slope.push(activation.derivative(s));
      }
    let f = 0;
    for (let q = 0; q < r * t; q++) f += v[q % t] * value[q];
    const residual = f - data.y[i];
    loss += residual * residual;
    for (let l = 0; l < r; l++)
      for (let j = 0; j < t; j++) {
        const c = residual * v[j] * slope[l * t + j];
        if (c === 0) continue;
        for (let a = 0; a < k; a++) gradient[j * k + a] += c * data.x[(i * r + l) * k + a];
      }
  }
  for (let i = 0; i < gradient.length; i++) gradient[i] /= data.n;
  return { loss: loss / (2 * data.n), gradient };
}

describe('generated zhong2017 kernels', () => {
  // (k, r, t): generated code for the claims' sizes, the generic loop above t·k = 256.
  test.each([
    [4, 2, 2],
    [6, 4, 3],
    [20, 2, 15],
  ])('the squared-loss gradient equals the plain loops bit for bit (k=%i, r=%i, t=%i)', (k, r, t) => {
    for (const name of activationNames.filter((n) => n !== 'sigmoid' && n !== 'tanh')) {
      const rng = createRng(`kernel/${name}/${k}/${t}`);
      const model = nonOverlappingCnn(
        k,
        r,
        t,
        scalarActivation(name, { leak: 0.2, shift: 0.3 }),
        Array.from({ length: t }, (_, j) => 1 - 0.3 * j),
      );
      const data = sampleData(rng.fork('data'), model, groundTruthKernels(rng.fork('truth'), k, t, 2), 60);
      const w = gaussianArray(rng.fork('w'), t * k);
      const got = lossAndGradient(model, w, data);
      const want = referenceLossAndGradient(model, w, data);
      expect(Object.is(got.loss, want.loss), name).toBe(true);
      expect(bits(got.gradient), name).toBe(bits(want.gradient));
    }
  });

  // Order 2 corrected (x_a x_b − δ_ab) and order 3 raw; dim 30 at order 3 takes the table-driven path.
  test.each([
    [5, 2, true],
    [4, 3, false],
    [30, 3, false],
  ] as const)('Hermite moment entries equal the direct sums bit for bit (dim %i, order %i, corrected %s)', (dim, order, corrected) => {
    const count = 97;
    const x = gaussianArray(createRng(`hermite-bits/${dim}/${order}`), count * dim);
    const y = (p: number) => Math.cos(p) - 0.2;
    const tensor = hermiteMomentTensor(x, count, dim, order, y, { corrected }).data;
    const entries =
      order === 2
        ? [
            [0, 0],
            [1, 3],
            [4, 4],
          ]
        : [
            [0, 0, 0],
            [0, 1, 2],
            [dim - 1, 1, dim - 1],
          ];
    for (const index of entries) {
      const sorted = [...index].sort((a, b) => a - b);
      let sum = 0;
      for (let p = 0; p < count; p++) {
        let h = 0;
        h += sorted.reduce((product, a) => product * x[p * dim + a], 1);
        if (corrected && order === 2 && sorted[0] === sorted[1]) h += -1;
        sum += y(p) * h;
      }
      const flat = index.reduce((i, a) => i * dim + a, 0);
      expect(tensor[flat], index.join(',')).toBe(sum / count);
    }
  });
});
