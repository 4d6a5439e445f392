import { describe, expect, test } from 'vitest';
import { defineClaim } from '../../src/claims/claim.ts';
import { regimesOf, runGroupOf } from '../../src/claims/regime.ts';
import { grid } from '../../src/parameters/parameter.ts';
import { boundaryScaling } from '../../properties/zhang2025/boundaryScaling.ts';

const claim = (runGroup?: string) =>
  defineClaim({
    id: 'groups/claim',
    paper: { id: 'groups', arxiv: 'n/a', title: 'run groups', authors: 'theorycheck' },
    title: 'a claim',
    statement: 'always holds',
    provenance: { kind: 'derived', source: 'test' },
    conditions: [],
    domain: { q: grid([3, 4]) },
    passCondition: 'true',
    kind: 'deterministic',
    ...(runGroup ? { runGroup } : {}),
    failureRegimes: [
      { name: 'own group', why: 'shares a cache elsewhere', domain: { q: grid([3]) }, runGroup: 'elsewhere' },
      { name: 'claim group', why: 'no group of its own', domain: { q: grid([4]) } },
    ],
    examples: [
      { name: 'shared', params: { q: 3, seed: 1 }, expect: 'holds', runGroup: 'elsewhere' },
      { name: 'plain', params: { q: 4, seed: 1 }, expect: 'holds' },
    ],
    measure: () => ({}),
    holds: () => ({ pass: true, margin: 1 }),
  });

describe('run groups of regimes', () => {
  test("a regime's own group, else the claim's, else the claim's id", () => {
    for (const [c, fallback] of [
      [claim(), 'groups/claim'],
      [claim('together'), 'together'],
    ] as const) {
      const groups = Object.fromEntries(regimesOf(c).map((r) => [r, runGroupOf(c, r)]));
      expect(groups).toEqual({
        'holding-domain': fallback,
        'example:shared': 'elsewhere',
        'example:plain': fallback,
        'own group': 'elsewhere',
        'claim group': fallback,
      });
    }
  });

  test("boundary-scaling: the examples at the study's seed share the phase diagram's process, the fresh-seed regimes do not", () => {
    for (const regime of regimesOf(boundaryScaling, 'ci')) {
      const fixed = regime.startsWith('example:');
      expect(runGroupOf(boundaryScaling, regime), regime).toBe(fixed ? 'zhang2025/phase-diagram' : 'zhang2025/boundary-scaling');
    }
  });
});
