import type { PaperReference } from '../../src/claims/claim.ts';

export const zhang2025: PaperReference = {
  id: 'zhang2025',
  arxiv: '2504.08628',
  title: 'Gradient Descent Robustly Learns the Intrinsic Dimension of Data in Training Convolutional Neural Networks',
  authors: 'Chenyang Zhang, Peifeng Gao, Difan Zou, Yuan Cao',
  order: 1,
  headlines: [
    {
      claim: 'zhang2025/filter-rank-robust',
      regime: 'holding-domain',
      chart: 'Stable rank against noise level',
      caption:
        'Synthetic data: filter stable rank sr(W) and data stable rank sr(X) against the noise level σp·√d (0 is the same run without noise)',
      order: 1,
    },
  ],
};
