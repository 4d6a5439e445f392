import { checkClaims, checkStudies } from '../../src/report/vitest/checkClaims.ts';
import { environmentSetting } from '../../src/config/environment.ts';
import { zhang2025Claims, zhang2025Studies } from './index.ts';

checkClaims(zhang2025Claims);
// The phase diagram shares its boundary searches with zhang2025/boundary-scaling (same process, claims first).
checkStudies(zhang2025Studies, environmentSetting('profile') === 'deep' ? 60 * 60_000 : 240_000);
