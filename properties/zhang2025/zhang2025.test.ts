import { checkClaims, checkStudies } from '../../src/claims/vitest.ts';
import { profileFromEnvironment } from '../../src/claims/profile.ts';
import { zhang2025Claims, zhang2025Studies } from './index.ts';

checkClaims(zhang2025Claims);
// The phase diagram shares its boundary searches with zhang2025/boundary-scaling (same process, claims first).
checkStudies(zhang2025Studies, profileFromEnvironment() === 'deep' ? 60 * 60_000 : 240_000);
