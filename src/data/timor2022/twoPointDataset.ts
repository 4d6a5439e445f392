import { invalidParameter, requireInteger, requireNumber } from '../../parameters/validation.ts';
import type { RegressionData } from '../../models/fullyConnected.ts';
import { randomOrthonormalRows } from '../../random/orthonormal.ts';
import type { Rng } from '../../random/rng.ts';

/**
 * The timor2022 datasets of size 2: unit inputs x1, x2 at a given angle, placed in a random
 * 2-plane of R^d (the dynamics only see the plane, the rotation keeps the weights generic),
 * with labels y1, y2.
 */
export function twoPointDataset(rng: Rng, options: { dim: number; angleDeg: number; labels: [number, number] }): RegressionData {
  requireInteger('dim', options.dim, 2);
  requireNumber('angleDeg', options.angleDeg, { min: 0, max: 180 });
  for (const y of options.labels) if (!Number.isFinite(y)) invalidParameter('labels', options.labels, 'two finite numbers');
  const theta = (options.angleDeg * Math.PI) / 180;
  const plane = randomOrthonormalRows(rng, 2, options.dim);
  const e1 = plane.data.subarray(0, options.dim);
  const e2 = plane.data.subarray(options.dim, 2 * options.dim);
  const x1 = Float64Array.from(e1);
  const x2 = new Float64Array(options.dim);
  for (let k = 0; k < options.dim; k++) x2[k] = Math.cos(theta) * e1[k] + Math.sin(theta) * e2[k];
  return { inputs: [x1, x2], labels: [...options.labels] };
}
