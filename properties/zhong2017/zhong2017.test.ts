import { checkClaims, checkStudies } from '../../src/claims/vitest.ts';
import { zhong2017Claims, zhong2017Studies } from './index.ts';

checkClaims(zhong2017Claims);
checkStudies(zhong2017Studies);
