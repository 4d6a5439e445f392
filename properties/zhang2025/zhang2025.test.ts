import { checkClaims } from '../../src/claims/vitest.ts';
import { zhang2025Claims } from './index.ts';

checkClaims(zhang2025Claims);
