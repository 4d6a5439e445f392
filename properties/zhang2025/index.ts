import type { Claim } from '../../src/claims/claim.ts';
import { stableRankAlgebra } from './stableRankAlgebra.ts';
import { huberizedReluWellFormed } from './huberizedReluWellFormed.ts';
import { dataStableRankExplodes } from './dataStableRankExplodes.ts';
import { filterRankRobust } from './filterRankRobust.ts';
import { filterRankNear2k } from './filterRankNear2k.ts';
import { filtersAlignWithCleanDirections } from './filtersAlignWithCleanDirections.ts';
import { winnerDecidedAtInit } from './winnerDecidedAtInit.ts';
import { convergesAndGeneralizes } from './convergesAndGeneralizes.ts';
import { gdDescendsAtSmallStep } from './gdDescendsAtSmallStep.ts';
import { mnistClaims } from './mnistClaims.ts';
import { signalLearningBeatsNoise } from './signalLearningBeatsNoise.ts';
import { boundaryScaling } from './boundaryScaling.ts';
import { phaseDiagram } from './phaseDiagram.ts';
import type { Study } from '../../src/claims/study.ts';

/** The rank-robustness paper's claims, in the order a reader meets them. */
export const zhang2025Claims: Claim<any, any>[] = [
  stableRankAlgebra,
  huberizedReluWellFormed,
  dataStableRankExplodes,
  filterRankRobust,
  filterRankNear2k,
  filtersAlignWithCleanDirections,
  winnerDecidedAtInit,
  convergesAndGeneralizes,
  gdDescendsAtSmallStep,
  signalLearningBeatsNoise,
  boundaryScaling,
  ...mnistClaims,
];

/** The phase diagram of the noise boundary (the MNIST sweep is registered beside it in properties/index.ts). */
export const zhang2025Studies: Study[] = [phaseDiagram];
