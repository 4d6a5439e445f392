import { InvalidParameterError } from '../parameters/validation.ts';

/** The benchmark shapes of issue 2, with the targets of issue 16 against the faster of the two peers. */
export interface BenchShape {
  readonly name: 'S' | 'M' | 'L';
  readonly samples: number;
  readonly patches: number;
  readonly dim: number;
  readonly filtersPerClass: number;
  /** Default steps timed; the peer and the fastest path always run the same number. */
  readonly iterations: number;
  /** Target: our fastest path within this multiple of the faster peer. */
  readonly target: number;
  /** Goal: the multiple of the faster peer we aim for. */
  readonly goal: number;
}

export const benchShapes: readonly BenchShape[] = [
  { name: 'S', samples: 100, patches: 4, dim: 100, filtersPerClass: 10, iterations: 200, target: 1, goal: 0.7 },
  { name: 'M', samples: 1000, patches: 4, dim: 784, filtersPerClass: 20, iterations: 30, target: 1, goal: 0.7 },
  { name: 'L', samples: 2000, patches: 9, dim: 784, filtersPerClass: 50, iterations: 10, target: 1, goal: 0.7 },
];

export function parseShapes(text: string): BenchShape[] {
  const names = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidParameterError('shapes', text, 'a comma-separated list of S, M, L');
  return names.map((name) => {
    const shape = benchShapes.find((s) => s.name === name);
    if (!shape) throw new InvalidParameterError('shapes', text, 'a comma-separated list of S, M, L');
    return shape;
  });
}

/** Multiply-adds of one step: Z = X Wᵀ and G = Cᵀ X, each nP·d·2m. */
export function flopsPerStep(shape: BenchShape): number {
  return 2 * 2 * shape.samples * shape.patches * shape.dim * 2 * shape.filtersPerClass;
}
