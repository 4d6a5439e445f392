import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'vitest';
import { fixtureResults } from '../../report/fixture.ts';
import '../../../src/claims/vitest.ts';

// The first test carries a claim result, as checkClaims does; the second signals that it is running, then waits.
test('a finished claim', ({ task }) => {
  task.meta.theorycheck = fixtureResults().claims[0];
});
test('a claim still running when the signal comes', async () => {
  writeFileSync(process.env.THEORYCHECK_SIGNAL_MARK!, 'running');
  await sleep(100_000);
});
