import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendName, ComputeBackend } from '../../src/compute/backend.ts';
import { chooseFast } from '../../src/compute/fastChoice.ts';
import { chosenMode, describeGlContext, probeModes, probeModesSync, whyNot, type ModeProbe } from '../../src/compute/gpujs/gpuModes.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';

/** A backend whose step busy-waits `ms`, counting the steps it was asked for. */
function fakeBackend(name: BackendName, ms: number, steps: { count: number }): ComputeBackend {
  return {
    name,
    precision: 'float32',
    tolerance: { relative: 1, absolute: 1 },
    device: name,
    createTrainer: () => ({
      step: () => {
        steps.count++;
        const end = performance.now() + ms;
        while (performance.now() < end);
        return 0;
      },
      lossAndGradient: () => ({ loss: 0, gradient: new Float64Array() }),
      weights: () => new Float64Array(),
      outputs: () => new Float64Array(),
      dispose: () => {},
    }),
  };
}

const noGpu: ModeProbe[] = [
  { mode: 'webgpu', usable: false, reason: 'no adapter' },
  { mode: 'headlessgl', usable: false, reason: 'gl not installed' },
  { mode: 'webasm', usable: true, reason: 'WebAssembly available (CPU)' },
];
const withGl: ModeProbe[] = noGpu.map((p) => (p.mode === 'headlessgl' ? { ...p, usable: true, reason: 'gl opened a context' } : p));

describe("'fast' backend choice", () => {
  const available: BackendName[] = ['float64', 'native', 'gpujs', 'js-float32'];

  it('without a GPU mode takes the CPU path without timing anything, and says why', () => {
    const steps = { count: 0 };
    const choice = chooseFast({
      cpuFastest: 'native',
      available,
      create: (n) => fakeBackend(n, 0, steps),
      gpuProbes: () => noGpu,
      env: {},
    });
    expect(choice.name).toBe('native');
    expect(choice.why).toMatch(/headlessgl: gl not installed/);
    expect(steps.count).toBe(0);
  });

  it('with a GPU mode calibrates once, picks the faster, and reuses the cached answer', () => {
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'theorycheck-fast-')), 'fast.json');
    const steps = { count: 0 };
    const create = (n: BackendName) => fakeBackend(n, n === 'gpujs' ? 1 : 6, steps);
    const first = chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => withGl, env: {}, cacheFile });
    expect(first.name).toBe('gpujs');
    expect(first.why).toMatch(/calibrated now: native .* gpujs/);
    expect(steps.count).toBeGreaterThan(0);
    expect(Object.values(JSON.parse(readFileSync(cacheFile, 'utf8')))).toHaveLength(1);
    const before = steps.count;
    const again = chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => withGl, env: {}, cacheFile });
    expect(again.name).toBe('gpujs');
    expect(again.why).toMatch(/^calibrated 20/);
    expect(steps.count).toBe(before);
  });

  it('stops timing a candidate whose first timed step is more than 10× slower than the best', () => {
    const counts: Record<string, { count: number }> = { native: { count: 0 }, gpujs: { count: 0 } };
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'theorycheck-fast-')), 'fast.json');
    const create = (n: BackendName) => fakeBackend(n, n === 'gpujs' ? 30 : 1, counts[n]);
    expect(chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => withGl, env: {}, cacheFile }).name).toBe('native');
    // native: a warm-up and three timed steps; gpujs: a warm-up and one.
    expect([counts.native.count, counts.gpujs.count]).toEqual([4, 2]);
  });

  it('a calibration against one CPU path is not reused for another (js-float32 when native did not build, then native)', () => {
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'theorycheck-fast-')), 'fast.json');
    const steps = { count: 0 };
    const create = (n: BackendName) => fakeBackend(n, n === 'gpujs' ? 3 : n === 'native' ? 0 : 6, steps);
    expect(chooseFast({ cpuFastest: 'js-float32', available, create, gpuProbes: () => withGl, env: {}, cacheFile }).name).toBe('gpujs');
    const native = chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => withGl, env: {}, cacheFile });
    expect(native.name).toBe('native');
    expect(native.why).toMatch(/^calibrated now: native .* gpujs/);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')))).toHaveLength(2);
    // And one made with another GL renderer (the same CPU with a GPU attached) is not either.
    const onGpu = withGl.map((p) => (p.mode === 'headlessgl' ? { ...p, renderer: 'ANGLE (NVIDIA H100)' } : p));
    expect(chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => onGpu, env: {}, cacheFile }).why).toMatch(
      /^calibrated now/,
    );
    // The cached answer says what was measured.
    expect(chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => onGpu, env: {}, cacheFile }).why).toMatch(
      /^calibrated 20\S+: native \d+\.\d+ ms\/step, gpujs \d+\.\d+ ms\/step at shape M \(/,
    );
  });

  it('THEORYCHECK_FAST overrides, and a bad value names the variable', () => {
    const create = (n: BackendName) => fakeBackend(n, 0, { count: 0 });
    expect(
      chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => withGl, env: { THEORYCHECK_FAST: 'js-float32' } }).name,
    ).toBe('js-float32');
    expect(() =>
      chooseFast({ cpuFastest: 'native', available, create, gpuProbes: () => withGl, env: { THEORYCHECK_FAST: 'tpu' } }),
    ).toThrow(InvalidParameterError);
  });
});

describe('gpu.js modes', () => {
  it('each mode says whether it can run and why not, in one line', async () => {
    for (const probes of [probeModesSync(), await probeModes()]) {
      expect(probes.map((p) => p.mode)).toEqual(['webgpu', 'headlessgl', 'webasm']);
      for (const p of probes) expect(p.reason).toMatch(/^[^\n]+$/);
      // The trainer is synchronous; gpu.js's WebGPU kernels are not.
      expect(probes[0].usable).toBe(false);
    }
    expect(chosenMode(noGpu)).toBe('webasm');
    expect(whyNot(noGpu, 'webasm')).toBe('webgpu: no adapter; headlessgl: gl not installed');
    // A usable mode that was not needed is not given a reason it did not fail for.
    expect(whyNot(withGl, 'headlessgl')).toBe('webgpu: no adapter; webasm: usable, but headlessgl ranks first');
  });

  it("a GL context is described by the driver's renderer and gl's version, and a software rasterizer is named", () => {
    const context = (renderer: string | null, direct = true) => ({
      RENDERER: 1,
      VERSION: 2,
      // gl's public getParameter masks the renderer; _getParameterDirect is the driver's answer.
      getParameter: (name: number) => (name === 1 ? 'ANGLE' : 'WebGL 1.0 stack-gl 8.1.6'),
      ...(direct ? { _getParameterDirect: (name: number) => (name === 1 ? renderer : 'OpenGL ES 2.0') } : {}),
    });
    expect(describeGlContext(context('ANGLE (Mesa/X.org llvmpipe (LLVM 15.0.6, 256 bits) OpenGL 4.5 core)'))).toEqual({
      renderer: 'ANGLE (Mesa/X.org llvmpipe (LLVM 15.0.6, 256 bits) OpenGL 4.5 core), WebGL 1.0 stack-gl 8.1.6',
      software: true,
    });
    expect(describeGlContext(context('ANGLE (NVIDIA Corporation, NVIDIA H100/PCIe/SSE2, OpenGL 4.5 core)')).software).toBe(false);
    expect(describeGlContext(context('Google SwiftShader')).software).toBe(true);
    // An older gl without the direct read: what getParameter says.
    expect(describeGlContext(context(null, false))).toEqual({ renderer: 'ANGLE, WebGL 1.0 stack-gl 8.1.6', software: false });
  });
});
