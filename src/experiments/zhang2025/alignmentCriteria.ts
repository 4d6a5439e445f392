/**
 * P1-C6's alignment test, shared by every claim that must not mistake noise memorisation for
 * learning the intrinsic dimension: each entry is [criterion, violation], violation > 0 when broken.
 */
export const alignmentThresholds = { weightedMaxCosine: 0.85, signalFraction: 0.8 } as const;

export function alignmentViolations(
  m: { weightedMaxCosine: number; signalFraction: number; coverage: number[] },
  K: number,
  thresholds: { weightedMaxCosine: number; signalFraction: number } = alignmentThresholds,
): [string, number][] {
  return [
    [`weighted max-cos ≥ ${thresholds.weightedMaxCosine}`, thresholds.weightedMaxCosine - m.weightedMaxCosine],
    [`signal fraction ≥ ${thresholds.signalFraction}`, thresholds.signalFraction - m.signalFraction],
    [`coverage = K = ${K} for both classes`, (K - Math.min(...m.coverage)) / K],
  ];
}
