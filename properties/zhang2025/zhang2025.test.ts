import { checkClaims } from '../../src/report/vitest/checkClaims.ts';
import { zhang2025Claims } from './index.ts';

checkClaims(zhang2025Claims);
