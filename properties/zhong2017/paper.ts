import type { PaperReference } from '../../src/claims/claim.ts';

export const zhong2017: PaperReference = {
  id: 'zhong2017',
  arxiv: '1711.03440',
  title: 'Learning Non-overlapping Convolutional Neural Networks with Multiple Kernels',
  authors: 'Kai Zhong, Zhao Song, Inderjit S. Dhillon',
  order: 3,
  headlines: [
    {
      claim: 'zhong2017/local-linear-convergence',
      regime: 'holding-domain',
      chart: 'errors over training',
      caption: 'Recovery: the distance of GD to the true kernels, block by block, from starts inside the basin',
      order: 2,
    },
  ],
};
