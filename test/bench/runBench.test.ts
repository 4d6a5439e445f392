import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fastestBackend } from '../../src/compute/backends.ts';
import { defaultJaxPeerScript, defaultPeerScript, jaxInstallHint, probePeer } from '../../src/bench/peer.ts';
import { machinePeak, withMeasuredPeak } from '../../src/bench/peak.ts';
import { loadNativeAddon } from '../../src/compute/native/nativeAddon.ts';
import { formatBench, runBench } from '../../src/bench/runBench.ts';
import { benchShapes, flopsPerStep, parseShapes } from '../../src/bench/shapes.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';

const S = benchShapes.find((s) => s.name === 'S')!;
const numpyAt = (script: string) => ({ name: 'numpy' as const, script, python: 'python3' });
const base = { repeats: 1, peerThreads: [1], othersAt: [], otherBudgetMs: 100 } as const;
const peerRuns = existsSync(defaultPeerScript) && spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

const zen5 =
  'vendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2695.948\nflags\t\t: fpu sse2 avx fma avx2 avx512f avx512bw\n';

describe('npm run bench', () => {
  it('parses shape lists and rejects unknown shapes by name', () => {
    expect(parseShapes('s, L').map((s) => s.name)).toEqual(['S', 'L']);
    expect(() => parseShapes('S,XL')).toThrow(InvalidParameterError);
    expect(() => parseShapes('')).toThrow(/shapes/);
    expect(flopsPerStep(S)).toBe(4 * 100 * 4 * 100 * 20);
  });

  it('computes the float32 peak from the CPU flags and clock, and says what it assumed', () => {
    const peak = machinePeak(zen5, 2);
    expect(peak).toMatchObject({ simdLanes: 16, fmaUnits: 2, cores: 2, cpu: 'AMD EPYC' });
    expect(peak.peakGflops).toBeCloseTo((2 * 16 * 2 * 2 * 2695.948) / 1000, 9);
    expect(peak.assumptions.join(' ')).toMatch(/2695 MHz|2696 MHz/);
    // Zen 4 splits 512-bit FMAs in two; an AVX2 machine has 8 lanes; no readable clock is said so.
    expect(machinePeak(zen5.replace('26', '25'), 2).fmaUnits).toBe(1);
    expect(machinePeak('flags\t: sse2 avx avx2 fma\ncpu MHz\t: 3000\n', 4).peakGflops).toBeCloseTo((4 * 8 * 2 * 2 * 3000) / 1000, 9);
    expect(machinePeak('flags\t: sse2\n', 1).assumptions.join(' ')).toMatch(/no FMA/);
  });

  it('a missing peer is reported, never turned into a ratio', () => {
    const report = runBench({ ...base, shapes: [S], iterations: 3, peers: [numpyAt('/nonexistent/peer_numpy.py')] });
    const [row] = report.rows;
    expect(row.backend).toBe(fastestBackend());
    expect(row.peerMsPerStep).toBeNull();
    expect(row.ratio).toBeNull();
    expect(row.withinTarget).toBeNull();
    expect(row.peers[0].error).toMatch(/not found/);
    expect(report.peers[0]).toMatchObject({ available: false });
    expect(row.msPerStep).toBeGreaterThan(0);
    expect(row.cpuMsPerStep).toBeGreaterThan(0);
    expect(row.peakFraction).toBeCloseTo(row.gflops / report.machine.peakGflops, 12);
    expect(formatBench(report)).toMatch(/\| S \| 100 \| 4 \| 100 \| 10 \| 3 \| n\/a \|/);
  });

  it('a python without jax is reported with how to install it, and the bench goes on', () => {
    const probe = probePeer({ name: 'jax', script: defaultJaxPeerScript, python: '/nonexistent/python3' });
    expect(probe.available).toBe(false);
    const report = runBench({
      ...base,
      shapes: [S],
      iterations: 2,
      peers: [
        {
          name: 'jax',
          script: existsSync(defaultJaxPeerScript) ? defaultJaxPeerScript : defaultPeerScript,
          python: 'python3-without-jax-here',
        },
      ],
    });
    expect(report.peers[0]).toMatchObject({ available: false });
    expect(report.rows[0].ratio).toBeNull();
    expect(formatBench(report)).toContain('jax peer: not run');
    if (existsSync(defaultJaxPeerScript)) expect(formatBench(report)).toContain(jaxInstallHint);
  });

  it(
    'bench --gpu says in one line per gpu.js mode whether it can start and why not, and times nothing without a GPU mode',
    { timeout: 60_000 },
    () => {
      // Where a GPU mode starts (headless GL under xvfb-run, even on llvmpipe) it times: one short shape, no peers.
      const short = ['--shapes', 'S', '--iters', '5', '--repeats', '1', '--peers', '', '--other-budget', '100'];
      const bin = fileURLToPath(new URL('../../bin/theorycheck.mjs', import.meta.url));
      const run = spawnSync(process.execPath, [bin, 'bench', '--gpu', ...short], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines.slice(0, 3).map((l) => l.split(':')[0])).toEqual(['webgpu', 'headlessgl', 'webasm']);
      const gpuUsable = lines.slice(0, 2).some((l) => l.includes('can run —'));
      if (!gpuUsable) expect(lines[3]).toMatch(/^no GPU mode could start/);
      else expect(run.stdout).toMatch(/\| S \|/);
    },
  );

  it('compares like for like: ours resident against a peer that times no loading (JAX), loading included against NumPy', () => {
    // A stand-in jax module and peer script: the rule, not JAX, is under test here.
    const dir = mkdtempSync(join(tmpdir(), 'tc-fakejax-'));
    mkdirSync(join(dir, 'jax'));
    writeFileSync(join(dir, 'jax', '__init__.py'), "__version__ = 'stand-in'\n");
    const script = join(dir, 'peer_jax.py');
    writeFileSync(
      script,
      'import json, time\nt = time.perf_counter(); t = time.perf_counter()\nprint(json.dumps({"ms_per_iter": 0.05, "final_loss": 0.5}))\n',
    );
    const previous = process.env.PYTHONPATH;
    process.env.PYTHONPATH = dir;
    try {
      const report = runBench({ ...base, shapes: [S], iterations: 5, peers: [{ name: 'jax', script, python: 'python3' }] });
      const [row] = report.rows;
      expect(row.peers[0]).toMatchObject({ peer: 'jax', msPerStep: 0.05 });
      expect(row.peers[0].ratio).toBeCloseTo(row.msPerStepResident / 0.05, 12);
      expect(row.peers[0].ratioLoaded).toBeCloseTo(row.msPerStep / 0.05, 12);
      expect(row.ratio).toBeCloseTo(row.msPerStepResident / 0.05, 12);
      expect(row.ratioLoaded).toBeCloseTo(row.msPerStep / 0.05, 12);
      expect(row.withinTarget).toBe(row.ratio! <= S.target);
      expect(formatBench(report)).toMatch(/ours resident\/JAX/);
    } finally {
      if (previous === undefined) delete process.env.PYTHONPATH;
      else process.env.PYTHONPATH = previous;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('measures the FMA peak where the native addon is built, and reads throughput against it', () => {
    const nominal = machinePeak(zen5, 2);
    expect(withMeasuredPeak(nominal, undefined)).toBe(nominal);
    const stub = withMeasuredPeak(nominal, (threads, seconds) => (threads === 2 && seconds > 0 ? 500 : Number.NaN));
    expect(stub.measured).toMatchObject({ gflops: 500 });
    expect(stub.measured!.how).toMatch(/2 threads/);
    const addon = loadNativeAddon().addon;
    if (!addon) return;
    const one = addon.fmaPeak(1, 0.02);
    // One core at any clock above 100 MHz with 128-bit FMA does more than 1.6 GFLOP/s; no core does 10 TFLOP/s.
    expect(one).toBeGreaterThan(1.6);
    expect(one).toBeLessThan(10_000);
    expect(() => addon.fmaPeak(0, 0.1)).toThrow(/threads/);
    const report = runBench({ ...base, shapes: [S], iterations: 3, peers: [], peak: withMeasuredPeak(nominal, addon.fmaPeak) });
    expect(report.rows[0].measuredPeakFraction).toBeCloseTo(report.rows[0].gflops / report.machine.measured!.gflops, 12);
    expect(formatBench(report)).toMatch(/measured float32 FMA peak: \d+ GFLOP\/s/);
  });

  it.runIf(peerRuns)(
    'runs the NumPy peer and ours on the same shape and step count, with the ratio of the two',
    { timeout: 60_000 },
    () => {
      const report = runBench({
        ...base,
        shapes: [S],
        iterations: 20,
        peers: [numpyAt(defaultPeerScript)],
        othersAt: ['S'],
        otherBudgetMs: 50,
      });
      const [row] = report.rows;
      expect(row.peerMsPerStep).toBeGreaterThan(0);
      expect(row.bestPeer).toBe('numpy');
      expect(row.ratio).toBeCloseTo(row.msPerStep / row.peerMsPerStep!, 12);
      expect(row.peers[0].ratio).toBeCloseTo(row.ratio!, 12);
      // The peer's CPU time over its own timed span, through its perf_counter calls.
      expect(row.peers[0].cpuMsPerStep).toBeGreaterThan(0);
      expect(row.cpuRatio).toBeCloseTo(row.cpuMsPerStep / row.peers[0].cpuMsPerStep!, 12);
      expect(row.iterations).toBe(20);
      expect(row.others.map((o) => o.backend)).not.toContain(row.backend);
      expect(row.others.length).toBeGreaterThan(0);
    },
  );
});
