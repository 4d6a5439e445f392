import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { availableBackends, fastestBackend, getBackend } from '../../src/compute/backends.ts';
import { createNativeBackend } from '../../src/compute/native/nativeBackend.ts';
import { trainPatchCnn } from '../../src/training/patchCnnGradientDescent.ts';
import { float64Backend } from '../../src/compute/float64/float64Backend.ts';
import { mismatch } from './closeTo.ts';
import { buildProblem, plainPlan } from './randomProblem.ts';

const problem = buildProblem(plainPlan({ seed: 3 }));

// Backend selection in a fresh process, so that environment switches take effect at registration.
function selectInChild(
  request: string,
  env: Record<string, string>,
): { name: string; device: string; fallbackReason?: string; ran: string } {
  const script = `
    import { getBackend } from './src/compute/backends.ts';
    import { trainPatchCnn } from './src/training/patchCnnGradientDescent.ts';
    const b = getBackend(${JSON.stringify(request)});
    const data = { samples: 2, patches: 1, dim: 2, x: new Float64Array([1, 0, 0, 1]), y: new Float64Array([1, -1]) };
    const r = trainPatchCnn(b, { model: { filtersPerClass: 1, activation: { kind: 'relu' } }, data, initialWeights: new Float64Array(4).fill(0.1) }, { iterations: 2, learningRate: 0.1 });
    console.log(JSON.stringify({ name: b.name, device: b.device, fallbackReason: b.fallbackReason, ran: r.backend }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('backend selection records what ran', () => {
  it('a training result names the backend that actually ran', () => {
    for (const name of availableBackends()) {
      const backend = getBackend(name);
      const result = trainPatchCnn(backend, problem, { iterations: 2, learningRate: 0.1 });
      expect(result.backend).toBe(backend.name);
      expect(result.device).toBe(backend.device);
    }
    const fast = getBackend('fast');
    expect(fast.name).toBe(fastestBackend());
    expect(trainPatchCnn(fast, problem, { iterations: 1, learningRate: 0.1 }).backend).toBe(fastestBackend());
  });

  it('gpujs records the gpu.js mode it got', () => {
    expect(getBackend('gpujs').device).toMatch(/^gpu\.js (webasm|headlessgl|webgl2?|webgpu|cpu) /);
  });

  it('when the native kernel is unavailable, native and fast fall back and say why', { timeout: 30_000 }, () => {
    const native = selectInChild('native', { THEORYCHECK_NO_NATIVE: '1' });
    expect(native.name).not.toBe('native');
    expect(native.ran).toBe(native.name);
    expect(native.fallbackReason).toMatch(/requested native: disabled by THEORYCHECK_NO_NATIVE=1/);
    const fast = selectInChild('fast', { THEORYCHECK_NO_NATIVE: '1' });
    expect(fast.name).toBe('js-float32');
    expect(fast.fallbackReason).toMatch(/native\) unavailable: disabled/);
  });

  it.runIf(availableBackends().includes('native'))('with the native kernel built, fast is native and carries no fallback reason', () => {
    const fast = getBackend('fast');
    expect(fast.name).toBe('native');
    expect(fast.fallbackReason).toBeUndefined();
    expect(fast.device).toMatch(/^native C float32, /);
  });
});

describe.runIf(availableBackends().includes('native'))('native kernel: determinism and exact shortcuts', () => {
  // Large enough (Up·Rp·dp above the threading threshold) that two threads really split the work.
  const big = buildProblem(
    plainPlan({ samples: 100, patches: 4, dim: 100, filtersPerClass: 5, zeroPatches: 0.2, duplicatePatches: 0.2, seed: 11 }),
  );

  function trajectory(precision: 32 | 64, threads: string) {
    const previous = process.env.THEORYCHECK_THREADS;
    process.env.THEORYCHECK_THREADS = threads;
    try {
      const trainer = createNativeBackend(precision).backend!.createTrainer(big);
      const losses = Array.from({ length: 5 }, () => trainer.step(0.5));
      const stats = (trainer as unknown as { stats(): { threads: number } }).stats();
      return { losses, weights: trainer.weights(), threads: stats.threads };
    } finally {
      if (previous === undefined) delete process.env.THEORYCHECK_THREADS;
      else process.env.THEORYCHECK_THREADS = previous;
    }
  }

  for (const precision of [32, 64] as const) {
    it(`float${precision}: bit-identical for 1, 2 and 3 threads`, () => {
      const one = trajectory(precision, '1');
      expect(one.threads).toBe(1);
      for (const threads of ['2', '3']) {
        const many = trajectory(precision, threads);
        expect(many.threads).toBe(Number(threads));
        expect(many.losses).toEqual(one.losses);
        expect(Buffer.from(many.weights.buffer).equals(Buffer.from(one.weights.buffer))).toBe(true);
      }
    });
  }

  it('drops zero patches and merges identical ones, counting them exactly, and still matches the reference', () => {
    // Big enough that hashing, copying and transposing at load time run on several threads.
    const large = buildProblem({
      samples: 320,
      patches: 4,
      dim: 100,
      filtersPerClass: 3,
      activation: { kind: 'huber', q: 3, kappa: 0.5 },
      dataScale: 0,
      weightScale: -1,
      zeroPatches: 0.2,
      duplicatePatches: 0.3,
      zeroValues: 0,
      seed: 12,
    });
    const { x, samples, patches, dim } = large.data;
    const seen = new Set<string>();
    let zero = 0;
    for (let s = 0; s < samples * patches; s++) {
      const row = Array.from(x.subarray(s * dim, (s + 1) * dim));
      if (row.every((v) => v === 0)) zero++;
      else seen.add(row.join(','));
    }
    expect(zero).toBeGreaterThan(0);
    expect(seen.size + zero).toBeLessThan(samples * patches);
    const backend = createNativeBackend(64).backend!;
    const trainer = backend.createTrainer(large);
    expect((trainer as unknown as { stats(): object }).stats()).toMatchObject({ uniquePatches: seen.size, zeroPatches: zero });
    const expected = float64Backend.createTrainer(large).lossAndGradient();
    const actual = trainer.lossAndGradient();
    expect(mismatch('loss', [actual.loss], [expected.loss], backend.tolerance)).toBeNull();
    expect(mismatch('gradient', actual.gradient, expected.gradient, backend.tolerance)).toBeNull();
  });
});
