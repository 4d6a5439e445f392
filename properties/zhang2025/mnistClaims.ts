import type { Claim } from '../../src/claims/claim.ts';
import { mnistDataRankGrows } from './mnistDataRankGrows.ts';
import { mnistFilterRankRobust } from './mnistFilterRankRobust.ts';
import { mnistCleanSubspaceAlignment } from './mnistCleanSubspaceAlignment.ts';

/** The rank-robustness claims checked on real MNIST digits (issue 6), data side first. */
export const mnistClaims: Claim<any, any>[] = [mnistDataRankGrows, mnistFilterRankRobust, mnistCleanSubspaceAlignment];
