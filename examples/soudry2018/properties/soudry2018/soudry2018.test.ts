import { checkClaims } from 'theorycheck/vitest';
import { soudry2018Claims } from './index.ts';

checkClaims(soudry2018Claims);
