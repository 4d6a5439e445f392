import type { PaperReference } from '../../src/claims/claim.ts';

export const timor2022: PaperReference = {
  id: 'timor2022',
  arxiv: '2201.12760',
  title: 'Implicit Regularization Towards Rank Minimization in ReLU Networks',
  authors: 'Nadav Timor, Gal Vardi, Ohad Shamir',
  order: 2,
};
