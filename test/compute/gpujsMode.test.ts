import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getBackend } from '../../src/compute/backends.ts';
import { gpuJsModes } from '../../src/compute/gpujs/gpujsBackend.ts';
import { float64Backend } from '../../src/compute/float64/float64Backend.ts';
import { mismatch } from './closeTo.ts';
import { buildProblem, plainPlan, type ProblemPlan } from './randomProblem.ts';

// gl is gpu.js's optionalDependency: npm drops it when its source build fails (no X11/GL headers).
const requireFromGpuJs = createRequire(createRequire(import.meta.url).resolve('gpu.js'));
const glInstalled = (() => {
  try {
    requireFromGpuJs.resolve('gl');
    return true;
  } catch {
    return false;
  }
})();
const display = process.env.DISPLAY;
const headlessgl = gpuJsModes().find((p) => p.mode === 'headlessgl')!;

/** The gpujs backend's device in a fresh process with this environment, after `prelude` (which sees `Module`). */
function deviceInChild(env: NodeJS.ProcessEnv, prelude = ''): string {
  const script = `
    import Module from 'node:module';
    ${prelude}
    const { getBackend } = await import('./src/compute/backends.ts');
    console.log(JSON.stringify(getBackend('gpujs').device));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as string;
}

const plan: ProblemPlan = plainPlan({ samples: 5, dim: 9, seed: 4 });

describe('the gpujs backend runs headless GL where gl can open a context, and says why not elsewhere', () => {
  const withDisplay = !glInstalled ? 'gl is not installed' : !display ? 'no display (run under xvfb-run -a)' : null;
  it.skipIf(withDisplay !== null)(
    `with gl and a display: mode headlessgl, on the renderer gl reports${withDisplay ? ` — skipped: ${withDisplay}` : ''}`,
    () => {
      expect(headlessgl.usable, headlessgl.reason).toBe(true);
      const backend = getBackend('gpujs');
      expect(backend.device).toMatch(/^gpu\.js headlessgl on \S/);
      expect(backend.device).toContain(headlessgl.renderer!);
      expect(backend.device).toMatch(/stack-gl \d+\.\d+\.\d+/);
      if (headlessgl.software) expect(backend.device).toMatch(/, a software rasterizer \(/);
      // The kernels themselves ran on gl, not on gpu.js's quiet CPU fallback.
      const problem = buildProblem(plan);
      const trainer = backend.createTrainer(problem);
      try {
        trainer.step(0.1);
        expect((trainer as unknown as { ranOn(): string }).ranOn()).toBe('HeadlessGLKernel');
      } finally {
        trainer.dispose();
      }
    },
  );

  // A GL kernel's output is one texture, at most maxTextureSize (16384 on llvmpipe) on a side: more patch rows or input dimensions run in blocks.
  it.skipIf(withDisplay !== null)(
    `with gl and a display: more patch rows, or more input dimensions, than a texture side still match the reference${withDisplay ? ` — skipped: ${withDisplay}` : ''}`,
    { timeout: 60_000 },
    () => {
      const backend = getBackend('gpujs');
      for (const [samples, patches, dim, filtersPerClass] of [
        [4200, 4, 6, 2],
        [2, 2, 16500, 1],
      ]) {
        const problem = buildProblem({ ...plan, samples, patches, dim, filtersPerClass });
        const reference = float64Backend.createTrainer(problem);
        const trainer = backend.createTrainer(problem);
        try {
          expect(mismatch('outputs', trainer.outputs(), reference.outputs(), backend.tolerance)).toBeNull();
          const actual = trainer.lossAndGradient();
          const expected = reference.lossAndGradient();
          expect(mismatch('loss', [actual.loss], [expected.loss], backend.tolerance)).toBeNull();
          expect(mismatch('gradient', actual.gradient, expected.gradient, backend.tolerance)).toBeNull();
          expect((trainer as unknown as { ranOn(): string }).ranOn()).toBe('HeadlessGLKernel');
        } finally {
          trainer.dispose();
          reference.dispose();
        }
      }
    },
  );

  it.skipIf(!glInstalled)(
    `with gl but no display: webasm, and the reason names the missing display${glInstalled ? '' : ' — skipped: gl is not installed'}`,
    { timeout: 30_000 },
    () => {
      const env = { ...process.env };
      delete env.DISPLAY;
      const device = deviceInChild(env);
      expect(device).toMatch(/^gpu\.js webasm /);
      expect(device).toContain('headlessgl: gl is installed but could not open a context: no X display (DISPLAY is not set;');
    },
  );

  // Where gl is installed, the child's require('gl') fails as for a missing package, so this path runs everywhere.
  it('without gl: webasm, and the reason says gl is not installed', { timeout: 30_000 }, () => {
    const hideGl = `
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === 'gl') throw Object.assign(new Error("Cannot find module 'gl'"), { code: 'MODULE_NOT_FOUND' });
        return resolve.call(this, request, ...rest);
      };`;
    const device = deviceInChild(process.env, hideGl);
    expect(device).toMatch(/^gpu\.js webasm /);
    expect(device).toContain('headlessgl: the optional package gl is not installed (npm drops it when its source build fails');
  });
});
