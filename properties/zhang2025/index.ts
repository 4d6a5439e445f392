import type { Claim } from '../../src/claims/claim.ts';
import { stableRankAlgebra } from './stableRankAlgebra.ts';
import { huberizedReluWellFormed } from './huberizedRelu.ts';
import { dataStableRankExplodes } from './dataStableRankExplodes.ts';
import { filterRankRobust } from './filterRankRobust.ts';
import { twoKBand } from './twoKBand.ts';
import { filterAlignmentClaim } from './filterAlignment.ts';
import { winnerAtInit } from './winnerAtInit.ts';
import { convergenceAndGeneralization } from './convergenceAndGeneralization.ts';
import { gradientDescentDescends } from './gradientDescentDescends.ts';
import { mnistClaims } from './mnistClaims.ts';
import { signalLearningBeatsNoise } from './signalLearning.ts';
import { boundaryScaling } from './boundaryScaling.ts';
import { phaseDiagramStudy } from './phaseDiagramStudy.ts';
import type { Study } from '../../src/claims/study.ts';

/** The rank-robustness paper's claims, in the order a reader meets them. */
export const zhang2025Claims: Claim<any, any>[] = [
  stableRankAlgebra,
  huberizedReluWellFormed,
  dataStableRankExplodes,
  filterRankRobust,
  twoKBand,
  filterAlignmentClaim,
  winnerAtInit,
  convergenceAndGeneralization,
  gradientDescentDescends,
  signalLearningBeatsNoise,
  boundaryScaling,
  ...mnistClaims,
];

/** The phase diagram of the noise boundary (the MNIST sweep is registered beside it in properties/index.ts). */
export const zhang2025Studies: Study[] = [phaseDiagramStudy];
