import type { Claim } from '../../src/claims/claim.ts';
import { stableRankAlgebra } from './stableRankAlgebra.ts';

/** The rank-robustness paper's claims, in the order a reader meets them. */
export const zhang2025Claims: Claim<any, any>[] = [stableRankAlgebra];
