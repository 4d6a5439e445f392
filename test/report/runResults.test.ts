import { describe, expect, test } from 'vitest';
import { backendEntry, backendsOf } from '../../src/report/provenance.ts';
import { runResultsFile } from '../../src/report/runResults.ts';
import type { ClaimResult } from '../../src/claims/result.ts';

const claim = (id: string, backend: string, device: string, corpus: ClaimResult['corpus'] = []) =>
  ({ id, regime: 'holding-domain', backend, device, corpus }) as unknown as ClaimResult;

describe('the results file of a run', () => {
  test('a backend entry keeps its fallback reason, and only when there is one', () => {
    expect(backendEntry({ name: 'js-float32', device: 'cpu', fallbackReason: 'requested native: no addon' })).toEqual({
      name: 'js-float32',
      device: 'cpu',
      fallbackReason: 'requested native: no addon',
    });
    expect(backendEntry({ name: 'float64', device: 'cpu' })).toEqual({ name: 'float64', device: 'cpu' });
  });

  test('the backends that ran carry the fallback reason of the backend the run resolved', () => {
    const resolved = [backendEntry({ name: 'js-float32', device: 'cpu', fallbackReason: 'why' })];
    expect(backendsOf([claim('a', 'js-float32', 'cpu'), claim('b', 'js-float32', 'cpu'), claim('c', 'float64', 'cpu')], resolved)).toEqual([
      { name: 'js-float32', device: 'cpu', fallbackReason: 'why' },
      { name: 'float64', device: 'cpu' },
    ]);
  });

  test('corpus comes from the claims, backends from the claims or, with none, the resolved backend', () => {
    const replay = { claimId: 'a', file: 'f.json', stillFails: true, params: { seed: 1 } };
    const common = {
      profile: 'smoke' as const,
      seed: 7,
      backends: [{ name: 'js-float32', device: 'cpu', fallbackReason: 'why' }],
      startedAt: new Date(),
      partial: false,
      command: 'test',
    };
    const file = runResultsFile({ ...common, claims: [claim('a', 'js-float32', 'cpu', [replay])] });
    expect(file.corpus).toEqual([replay]);
    expect(file.provenance.backends).toEqual([{ name: 'js-float32', device: 'cpu', fallbackReason: 'why' }]);
    expect(file.provenance.seed).toBe(7);
    expect(runResultsFile({ ...common, claims: [] }).provenance.backends).toEqual(common.backends);
  });
});
