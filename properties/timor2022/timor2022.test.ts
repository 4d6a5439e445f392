import { checkClaims, checkStudies } from '../../src/report/vitest/checkClaims.ts';
import { environmentSetting } from '../../src/config/environment.ts';
import { timor2022Claims, timor2022Studies } from './index.ts';

checkClaims(timor2022Claims);
// The deep profile runs the depth trend to depth 8 with 200k-step caps.
checkStudies(timor2022Studies, environmentSetting('profile') === 'deep' ? 30 * 60_000 : 60_000);
