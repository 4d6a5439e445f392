import type { Claim } from '../src/claims/claim.ts';
import type { Study } from '../src/claims/study.ts';
import { type ClaimRegistry, createRegistry } from '../src/claims/registry.ts';
import { zhang2025Claims, zhang2025Studies } from './zhang2025/index.ts';
import { timor2022Claims, timor2022Studies } from './timor2022/index.ts';
import { zhong2017Claims, zhong2017Studies } from './zhong2017/index.ts';
import { mnistNoiseSweepStudy } from '../src/experiments/realData/mnistStudy.ts';

/** The built-in papers' claims, by paper. */
export const claimsByPaper: Record<string, Claim<any, any>[]> = {
  zhang2025: zhang2025Claims,
  timor2022: timor2022Claims,
  zhong2017: zhong2017Claims,
};

export const allClaims: Claim<any, any>[] = Object.values(claimsByPaper).flat();

/** Studies (experiments, regime maps) that `verify` runs after the claims, by paper. */
export const studiesByPaper: Record<string, Study[]> = {
  zhang2025: [mnistNoiseSweepStudy, ...zhang2025Studies],
  timor2022: timor2022Studies,
  zhong2017: zhong2017Studies,
};

export const allStudies: Study[] = Object.values(studiesByPaper).flat();

/** The built-in papers as one registry: what bin/theorycheck.mjs hands the CLI in a clone. */
export const builtinRegistry: ClaimRegistry = createRegistry(allClaims, allStudies);

/** The claim with this id; an unknown id is an InputError listing the known ones. */
export function requireClaim(id: string): Claim<any, any> {
  return builtinRegistry.require(id);
}

export function findClaim(id: string): Claim<any, any> | undefined {
  return builtinRegistry.find(id);
}
