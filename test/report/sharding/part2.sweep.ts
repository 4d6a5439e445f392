import { test } from 'vitest';
import { fixtureResults } from '../fixture.ts';
import '../../../src/report/vitest/checkClaims.ts';

// Each file carries some claim results on its tasks' metadata, as checkClaims does.
const claims = fixtureResults().claims.filter((_, index) => index % 2 === 2 - 1);
for (const claim of claims) {
  test(`${claim.id} [${claim.regime}]`, ({ task }) => {
    task.meta.theorycheck = claim;
  });
}
test('a study', ({ task }) => {
  task.meta.theorycheckMaps = [];
  task.meta.theorycheckExperiments = fixtureResults().experiments;
});
