import { maxMarginDirection } from './maxMarginDirection.ts';

/** The claims of Soudry et al. 2018 this project checks. */
export const soudry2018Claims = [maxMarginDirection];
