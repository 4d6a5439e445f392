import type { Claim } from '../../src/claims/claim.ts';
import type { Study } from '../../src/claims/study.ts';
import { rankOneInterpolantExists } from './rankOneInterpolantExists.ts';
import { linearDepth2RankOne } from './linearDepth2RankOne.ts';
import { reluDepth2FindsRankOne } from './reluDepth2FindsRankOne.ts';
import { balancednessConserved } from './balancednessConserved.ts';
import { normProductBound } from './normProductBound.ts';
import { depthMinNormRank } from './depthMinNormRank.ts';
import { gdIsAGradientFlowProxy } from './gdIsAGradientFlowProxy.ts';
import { reluDepth2RankMap } from './reluDepth2RankMap.ts';
import { depthTrend } from './depthTrend.ts';

/** The rank-minimization paper's claims, in the order a reader meets them. */
export const timor2022Claims: Claim<any, any>[] = [
  rankOneInterpolantExists,
  linearDepth2RankOne,
  reluDepth2FindsRankOne,
  balancednessConserved,
  normProductBound,
  depthMinNormRank,
  gdIsAGradientFlowProxy,
];

/** The regime map of the depth-2 negative result and the depth-trend experiment. */
export const timor2022Studies: Study[] = [reluDepth2RankMap, depthTrend];
