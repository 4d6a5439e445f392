import { checkStudies } from '../../../src/report/vitest/checkClaims.ts';
import { mnistNoiseSweepStudy } from '../../../src/experiments/realData/mnistStudy.ts';

// The MNIST noise sweep's table, charts and filter images ride into the report from here.
checkStudies([mnistNoiseSweepStudy], 60_000);
