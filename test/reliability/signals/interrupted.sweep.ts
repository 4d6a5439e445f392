import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'vitest';
import { fixtureResults } from '../../report/fixture.ts';
import '../../../src/report/vitest/checkClaims.ts';

// The first test carries a claim result, as checkClaims does; the second signals that it is running, then waits.
test('a finished claim', ({ task }) => {
  task.meta.theorycheck = fixtureResults().claims[0];
});
// vitest's worker sends task updates throttled to one per 100 ms, and a trailing update can wait for
// the next one; a test that takes longer than that makes the next update carry the first result.
test('a spacer', async () => {
  await sleep(300);
});
test('a claim still running when the signal comes', async () => {
  writeFileSync(process.env.THEORYCHECK_SIGNAL_MARK!, 'running');
  await sleep(100_000);
});
