import type { PaperReference } from '../../src/claims/claim.ts';

export const zhang2025: PaperReference = {
  id: 'zhang2025',
  arxiv: '2504.08628',
  title: 'Gradient Descent Robustly Learns the Intrinsic Dimension of Data in Training Convolutional Neural Networks',
  authors: 'Chenyang Zhang, Peifeng Gao, Difan Zou, Yuan Cao',
};
