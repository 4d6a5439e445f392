import type { PaperReference } from '../../src/claims/claim.ts';

export const timor2022: PaperReference = {
  id: 'timor2022',
  arxiv: '2201.12760',
  title: 'Implicit Regularization Towards Rank Minimization in ReLU Networks',
  authors: 'Nadav Timor, Gal Vardi, Ohad Shamir',
  order: 2,
  headlines: [
    {
      claim: 'timor2022/depth-min-norm-rank',
      regime: 'holding-domain',
      chart: 'Pass margin against depth',
      caption:
        'Depth and rank at near-minimal norm (weight decay, annealed): every run above the line closes at least half of the depth-2 net’s gap to rank 1, at depths 4, 6 and 8',
      order: 3,
    },
  ],
};
