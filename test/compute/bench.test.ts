import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fastestBackend } from '../../src/compute/backends.ts';
import { defaultPeerScript } from '../../src/bench/peer.ts';
import { formatBench, runBench } from '../../src/bench/runBench.ts';
import { benchShapes, flopsPerStep, parseShapes } from '../../src/bench/shapes.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';

const S = benchShapes.find((s) => s.name === 'S')!;
const base = { repeats: 1, python: 'python3', peerThreads: [1], othersAt: [], otherBudgetMs: 100 } as const;
const peerRuns = existsSync(defaultPeerScript) && spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe('npm run bench', () => {
  it('parses shape lists and rejects unknown shapes by name', () => {
    expect(parseShapes('s, L').map((s) => s.name)).toEqual(['S', 'L']);
    expect(() => parseShapes('S,XL')).toThrow(InvalidParameterError);
    expect(() => parseShapes('')).toThrow(/shapes/);
    expect(flopsPerStep(S)).toBe(4 * 100 * 4 * 100 * 20);
  });

  it('a missing peer is reported, never turned into a ratio', () => {
    const [row] = runBench({ ...base, shapes: [S], iterations: 3, peerScript: '/nonexistent/peer_numpy.py' });
    expect(row.backend).toBe(fastestBackend());
    expect(row.peerMsPerStep).toBeNull();
    expect(row.ratio).toBeNull();
    expect(row.withinTarget).toBeNull();
    expect(row.peerError).toMatch(/not found/);
    expect(row.msPerStep).toBeGreaterThan(0);
    expect(formatBench([row])).toMatch(/\| S \| 100 \| 4 \| 100 \| 10 \| 3 \| n\/a \|/);
  });

  it.runIf(peerRuns)('runs the NumPy peer and ours on the same shape and step count, with the ratio of the two', { timeout: 60_000 }, () => {
    const [row] = runBench({ ...base, shapes: [S], iterations: 20, peerScript: defaultPeerScript, othersAt: ['S'], otherBudgetMs: 50 });
    expect(row.peerMsPerStep).toBeGreaterThan(0);
    expect(row.ratio).toBeCloseTo(row.msPerStep / row.peerMsPerStep!, 12);
    expect(row.iterations).toBe(20);
    expect(row.others.map((o) => o.backend)).not.toContain(row.backend);
    expect(row.others.length).toBeGreaterThan(0);
  });
});
