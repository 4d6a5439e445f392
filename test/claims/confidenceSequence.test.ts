import { describe, expect, test } from 'vitest';
import { confidenceSequence, defaultAlpha, logEvidence, sequentialDecision } from '../../src/claims/confidenceSequence.ts';
import { wilsonInterval } from '../../src/claims/statistics.ts';
import { createRng } from '../../src/random/rng.ts';

const THRESHOLD = 0.8;
const CAP = 200;
const STREAMS = 2000;

/** One seeded Bernoulli stream at rate p, decided by `decide` after every run, stopped at the cap. */
function simulate(p: number, seed: string, decide: (passes: number, failures: number) => 'holds' | 'fails' | 'undecided') {
  const rng = createRng(seed);
  let passes = 0;
  let failures = 0;
  for (let n = 1; n <= CAP; n++) {
    if (rng.uniform() < p) passes++;
    else failures++;
    const decision = decide(passes, failures);
    if (decision !== 'undecided') return { decision, runs: n };
  }
  return { decision: 'undecided' as const, runs: CAP };
}

function wrongRate(p: number, decide: (passes: number, failures: number) => 'holds' | 'fails' | 'undecided', streams = STREAMS) {
  let wrong = 0;
  let runs = 0;
  for (let s = 0; s < streams; s++) {
    const r = simulate(p, `stream/${p}/${s}`, decide);
    runs += r.runs;
    if (r.decision !== 'undecided' && (r.decision === 'holds') !== p >= THRESHOLD) wrong++;
  }
  return { wrong: wrong / streams, meanRuns: runs / streams };
}

describe('the sequential rule (beta mixture confidence sequence)', () => {
  const sequential = (passes: number, failures: number) => sequentialDecision(passes, failures, THRESHOLD);

  test('over 12 000 seeded streams at rates on both sides of the threshold, wrong decided verdicts stay ≤ α, and runs fall with the distance', () => {
    const distances = [0.05, 0.1, 0.15];
    for (const side of [-1, 1]) {
      const meanRuns = distances.map((d) => {
        const p = THRESHOLD + side * d;
        const { wrong, meanRuns } = wrongRate(p, sequential);
        expect(wrong, `wrong decided verdicts at p = ${p}`).toBeLessThanOrEqual(defaultAlpha);
        return meanRuns;
      });
      expect(meanRuns[0]).toBeGreaterThan(meanRuns[1]);
      expect(meanRuns[1]).toBeGreaterThan(meanRuns[2]);
    }
  });

  test('the Wilson interval re-read after every run is not anytime-valid: at p = θ it wrongly fails a third of the streams, ours at most α (the simulation can tell the difference)', () => {
    const wilson = (passes: number, failures: number) => {
      const [lo, hi] = wilsonInterval(passes, passes + failures);
      return lo >= THRESHOLD ? 'holds' : hi < THRESHOLD ? 'fails' : 'undecided';
    };
    const reread = wrongRate(THRESHOLD, wilson, 1000).wrong;
    const ours = wrongRate(THRESHOLD, sequential, 1000).wrong;
    expect(reread).toBeGreaterThan(0.2);
    expect(ours).toBeLessThanOrEqual(defaultAlpha);
  });

  test('20 straight passes certify a rate ≥ 0.8 and 19 do not; three straight failures already refute it', () => {
    expect(sequentialDecision(19, 0, 0.8)).toBe('undecided');
    expect(sequentialDecision(20, 0, 0.8)).toBe('holds');
    expect(sequentialDecision(0, 2, 0.8)).toBe('undecided');
    expect(sequentialDecision(0, 3, 0.8)).toBe('fails');
    expect(logEvidence(0, 0, 0.8)).toEqual({ holds: 0, fails: 0 });
  });

  test('the interval agrees with the decision and narrows with more runs', () => {
    for (const [passes, failures] of [
      [20, 0],
      [19, 1],
      [57, 3],
      [16, 4],
      [3, 9],
      [40, 10],
    ] as const) {
      const [lo, hi] = confidenceSequence(passes, failures);
      expect(lo).toBeLessThanOrEqual(passes / (passes + failures));
      expect(hi).toBeGreaterThanOrEqual(passes / (passes + failures));
      const decision = sequentialDecision(passes, failures, 0.8);
      expect(decision === 'holds').toBe(lo >= 0.8 - 1e-6);
      expect(decision === 'fails').toBe(hi < 0.8 + 1e-6);
    }
    const [lo30, hi30] = confidenceSequence(24, 6);
    const [lo300, hi300] = confidenceSequence(240, 60);
    expect(hi300 - lo300).toBeLessThan(hi30 - lo30);
    expect(confidenceSequence(0, 0)).toEqual([0, 1]);
  });
});
