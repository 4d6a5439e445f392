import type { Claim } from '../../src/claims/claim.ts';
import type { Study } from '../../src/claims/study.ts';
import { rhoSignPattern } from './rhoSignPattern.ts';
import { hermiteZeroPattern } from './hermiteZeroPattern.ts';
import { hessianAtGroundTruth } from './hessianAtGroundTruth.ts';
import { hermiteMomentIdentities } from './hermiteMomentIdentities.ts';
import { localLinearConvergence } from './localLinearConvergence.ts';
import { tensorInitializationBasin } from './tensorInitializationBasin.ts';
import { endToEndRecovery } from './endToEndRecovery.ts';
import { sampleComplexity } from './sampleComplexity.ts';

/** The non-overlapping CNN recovery paper's claims, in the order a reader meets them. */
export const zhong2017Claims: Claim<any, any>[] = [
  rhoSignPattern,
  hermiteZeroPattern,
  hessianAtGroundTruth,
  hermiteMomentIdentities,
  tensorInitializationBasin,
  localLinearConvergence,
  endToEndRecovery,
];

export const zhong2017Studies: Study[] = [sampleComplexity];
