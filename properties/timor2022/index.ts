import type { Claim } from '../../src/claims/claim.ts';
import type { Study } from '../../src/claims/study.ts';
import { rankOneInterpolantExists } from './rankOneInterpolant.ts';
import { linearDepthTwoRankOne } from './linearDepthTwo.ts';
import { reluDepthTwoRank } from './reluDepthTwoRank.ts';
import { balancednessConserved } from './balancedness.ts';
import { normProductBound } from './normProduct.ts';
import { depthMinNormRank } from './depthMinNormRank.ts';
import { gradientFlowProxy } from './gradientFlowProxy.ts';
import { rankRegimeMap } from './rankRegimeMap.ts';
import { depthTrend } from './depthTrend.ts';

/** The rank-minimization paper's claims, in the order a reader meets them. */
export const timor2022Claims: Claim<any, any>[] = [
  rankOneInterpolantExists,
  linearDepthTwoRankOne,
  reluDepthTwoRank,
  balancednessConserved,
  normProductBound,
  depthMinNormRank,
  gradientFlowProxy,
];

/** The regime map of the depth-2 negative result and the depth-trend experiment. */
export const timor2022Studies: Study[] = [rankRegimeMap, depthTrend];
