import { fixed, grid, integers } from '../../parameters/parameter.ts';

/**
 * The size-2 datasets of research notes §2.3 as readable grids: the angle between the unit
 * inputs in degrees and y = (1, labelRatio). Simplest values first, so fast-check shrinks a
 * counterexample toward small angles and the (1, 1) labels.
 */
export const angleDeg = integers(10, 170, 10);
export const labelRatio = grid([1, 2, 0.5, -1, -2, -0.5]);
export const dim = grid([10, 5, 20]);
export const width = grid([20, 50]);
/** ε: w ~ N(0, ε²/d), v ~ N(0, ε²/m). */
export const smallInit = grid([1e-3, 1e-4, 1e-2]);
/** The notes' step; GD at η = 0.05 tracks gradient flow on unit inputs (P2-C7 checks it). */
export const learningRate = fixed(0.05);
export const maxSteps = fixed(20_000);
