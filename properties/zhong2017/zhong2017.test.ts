import { checkClaims, checkStudies } from '../../src/report/vitest/checkClaims.ts';
import { environmentSetting } from '../../src/config/environment.ts';
import { zhong2017Claims, zhong2017Studies } from './index.ts';

checkClaims(zhong2017Claims);
// The deep sample-complexity search runs init + GD for every (d, n, seed) cell: give it 30 minutes.
checkStudies(zhong2017Studies, environmentSetting('profile') === 'deep' ? 30 * 60_000 : 240_000);
