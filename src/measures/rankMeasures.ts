import type { Matrix } from '../linalg/matrix.ts';
import { singularValues } from '../linalg/stableRank.ts';

/**
 * Numerical-rank tolerance for trained timor2022 weights: singular values above 3% of σ1 count.
 * Small init leaves a residue of relative size ≈ ε (≤ 1e-2 here) in every direction, and the
 * smallest two-group ratio in the bad regimes (170°, opposite labels) is tan 5° ≈ 0.087, so 3%
 * separates "init residue" from "a second learned direction".
 */
export const RANK_TOLERANCE = 0.03;

/** All three rank measures the notes ask for, from one singular value decomposition. */
export interface RankMeasures {
  /** σ2/σ1 (0 for rank ≤ 1). */
  readonly ratio: number;
  /** ‖W‖F²/‖W‖2². */
  readonly stableRank: number;
  /** #{σ_i > tolerance·σ1}. */
  readonly numericalRank: number;
  readonly tolerance: number;
  /** ‖W‖2/‖W‖F = sr^{-1/2}, the quantity the depth argument is stated in. */
  readonly spectralOverFrobenius: number;
  readonly singularValues: number[];
}

/** Stable rank, numerical rank and σ2/σ1 of a weight matrix. */
export function rankMeasures(w: Matrix, tolerance = RANK_TOLERANCE): RankMeasures {
  const s = singularValues(w);
  const top = s[0] ?? 0;
  if (top === 0) return { ratio: 0, stableRank: 0, numericalRank: 0, tolerance, spectralOverFrobenius: 0, singularValues: s };
  const frobeniusSquared = s.reduce((sum, v) => sum + v * v, 0);
  return {
    ratio: s.length > 1 ? s[1] / top : 0,
    stableRank: frobeniusSquared / (top * top),
    numericalRank: s.filter((v) => v > tolerance * top).length,
    tolerance,
    spectralOverFrobenius: top / Math.sqrt(frobeniusSquared),
    singularValues: s,
  };
}
