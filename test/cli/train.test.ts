import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCliInProcess } from '../helpers/cliInProcess.ts';
import { createSignalNoiseModel } from '../../src/data/zhang2025/signalNoiseModel.ts';
import { encodeNpy, readNpy, writeNpy } from '../../src/io/npy.ts';
import { createRng, gaussianArray } from '../../src/random/rng.ts';
import { filterStableRank } from '../../src/measures/stableRanks.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'train-cli-'));
const f = (name: string) => join(dir, name);
const K = 2,
  n = 12,
  P = 2,
  d = 8,
  m = 3;

beforeAll(() => {
  const rng = createRng('cli-train');
  const model = createSignalNoiseModel({ K, dim: d, patches: P, noise: 0.2 }, rng.fork('model'));
  const { data } = model.sampleBalanced(n, rng.fork('train'));
  writeNpy(f('X.npy'), [n, P, d], data.x);
  writeNpy(f('y.npy'), [n], data.y);
  writeNpy(f('U.npy'), [2 * K, d], model.basis.data);
  writeNpy(f('W0.npy'), [2 * m, d], gaussianArray(rng.fork('init'), 2 * m * d, 0.1));
  writeNpy(f('X2d.npy'), [n, P * d], data.x);
  writeNpy(f('y-short.npy'), [n - 1], data.y.subarray(1));
  writeNpy(
    f('y01.npy'),
    [n],
    data.y.map((v) => (v > 0 ? 1 : 0)),
  );
  writeNpy(f('W0-wrong-d.npy'), [2 * m, d + 1], new Float64Array(2 * m * (d + 1)));
  writeNpy(f('W0-odd.npy'), [3, d], new Float64Array(3 * d));
  writeFileSync(f('bad-magic.npy'), 'not an npy file at all');
  const x = encodeNpy([n, P, d], data.x);
  writeFileSync(f('X-truncated.npy'), x.subarray(0, x.length - 8));
  writeFileSync(
    f('X-fortran.npy'),
    Buffer.from(Buffer.from(x).toString('latin1').replace("'fortran_order': False", "'fortran_order': True "), 'latin1'),
  );
  writeFileSync(f('X-complex.npy'), Buffer.from(Buffer.from(x).toString('latin1').replace("'<f8'", "'<c8'"), 'latin1'));
});

/** Runs the CLI in this process, capturing stdout/stderr. */
const run = (...args: string[]) => runCliInProcess(['train', ...args]);

const data = () => ['--data', f('X.npy'), '--labels', f('y.npy')];

describe('theorycheck train', () => {
  it('trains on .npy data and writes result.json and W.npy with the measurements', async () => {
    const out = f('run-npy');
    const { code, stdout, stderr } = await run(
      ...data(),
      '--init',
      f('W0.npy'),
      '--basis',
      f('U.npy'),
      '--iters',
      '12',
      '--lr',
      '2',
      '--kappa',
      '0.1',
      '--checkpoint-every',
      '5',
      '--out',
      out,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/completed after 12 steps/);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.status).toBe('completed');
    expect(result.divergedAt).toBeNull();
    expect(result.losses).toHaveLength(13);
    expect(result.losses[12]).toBeLessThan(result.losses[0]);
    expect(result.backend).toBe('float64');
    expect(typeof result.device).toBe('string');
    expect(result.msPerIter).toBeGreaterThan(0);
    expect(result.shape).toEqual({ n, patches: P, dim: d, filtersPerClass: m });
    expect(result.dataStableRank).toBeGreaterThan(1);
    const w = readNpy(join(out, 'W.npy'));
    expect(w.shape).toEqual([2 * m, d]);
    expect(result.filterStableRank).toBeCloseTo(filterStableRank(w.data, m, d), 12);
    expect(result.checkpoints.map((c: { step: number }) => c.step)).toEqual([0, 5, 10, 12]);
    for (const c of result.checkpoints) {
      expect(c.loss).toBe(result.losses[c.step]);
      expect(c.dataStableRank).toBe(result.dataStableRank);
      expect(c.cosines).toHaveLength(2 * m);
      expect(c.cosines[0]).toHaveLength(2 * K);
    }
    expect(result.checkpoints[3].filterStableRank).toBe(result.filterStableRank);
    expect(result.checkpoints[0].filterStableRank).toBe(result.initialFilterStableRank);
  });

  it('is reproducible from --seed on synthetic data and stops early at --loss-threshold', async () => {
    const args = ['--synthetic', '--n', '20', '--patches', '2', '--dim', '6', '--filters', '2', '--iters', '5', '--seed', '4'];
    await run(...args, '--out', f('syn-a'));
    await run(...args, '--out', f('syn-b'));
    const a = JSON.parse(readFileSync(f('syn-a/result.json'), 'utf8'));
    const b = JSON.parse(readFileSync(f('syn-b/result.json'), 'utf8'));
    expect(a.losses).toEqual(b.losses);
    expect(a.input).toEqual({ kind: 'synthetic', seed: 4, init: null, basis: null });
    const { code } = await run(...args, '--loss-threshold', '10', '--no-data-rank', '--out', f('syn-c'));
    expect(code).toBe(0);
    const c = JSON.parse(readFileSync(f('syn-c/result.json'), 'utf8'));
    expect(c.status).toBe('converged');
    expect(c.steps).toBe(1);
    expect(c.dataStableRank).toBeNull();
  });

  it('--time-limit stops a run that would not end: status timeout, exit 0, the weights so far written', async () => {
    const started = Date.now();
    const { code, stdout } = await run(
      '--synthetic',
      '--n',
      '20',
      '--patches',
      '2',
      '--dim',
      '6',
      '--filters',
      '2',
      '--iters',
      '1000000000',
      '--no-data-rank',
      '--time-limit',
      '1s',
      '--out',
      f('slow'),
    );
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stdout).toMatch(/timeout after \d+ steps/);
    const result = JSON.parse(readFileSync(f('slow/result.json'), 'utf8'));
    expect(result.status).toBe('timeout');
    expect(result.steps).toBeGreaterThan(0);
    expect(result.steps).toBeLessThan(1_000_000_000);
    expect(result.filterStableRank).toBeGreaterThan(0);
  });

  it('a diverging run is a status in result.json, exit 0, not a crash', async () => {
    const { code, stdout } = await run(
      '--synthetic',
      '--n',
      '30',
      '--patches',
      '2',
      '--dim',
      '5',
      '--filters',
      '2',
      '--activation',
      'relu-pow',
      '--q',
      '3',
      '--lr',
      '1e12',
      '--iters',
      '40',
      '--out',
      f('div'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/diverged at step \d+/);
    const result = JSON.parse(readFileSync(f('div/result.json'), 'utf8'));
    expect(result.status).toBe('diverged');
    expect(result.divergedAt).toBeGreaterThan(0);
    expect(result.losses[result.divergedAt]).toBeNull();
    expect(result.filterStableRank).toBeNull();
  });

  it.each<[string, string[], RegExp]>([
    ['bad magic', ['--data', f('bad-magic.npy'), '--labels', f('y.npy')], /bad-magic\.npy: not a \.npy file/],
    ['truncated X', ['--data', f('X-truncated.npy'), '--labels', f('y.npy')], /X-truncated\.npy: truncated data/],
    ['fortran-order X', ['--data', f('X-fortran.npy'), '--labels', f('y.npy')], /X-fortran\.npy: fortran_order is True/],
    ['unsupported dtype', ['--data', f('X-complex.npy'), '--labels', f('y.npy')], /unsupported dtype '<c8'/],
    [
      'X not (n, P, d)',
      ['--data', f('X2d.npy'), '--labels', f('y.npy')],
      /X2d\.npy: the data X must have shape \(n, P, d\), got \(12, 16\)/,
    ],
    [
      'y of the wrong length',
      ['--data', f('X.npy'), '--labels', f('y-short.npy')],
      /y-short\.npy: .* must have shape \(12,\), got \(11,\)/,
    ],
    ['labels 0/1', ['--data', f('X.npy'), '--labels', f('y01.npy')], /label \d+ is 0; labels must be \+1 or -1/],
    [
      'W0 of the wrong width',
      [...data(), '--init', f('W0-wrong-d.npy')],
      /W0-wrong-d\.npy: the initial filters W0 must have shape \(2m, 8\), got \(6, 9\)/,
    ],
    ['W0 with an odd row count', [...data(), '--init', f('W0-odd.npy')], /even number 2m/],
    [
      '--filters against W0',
      [...data(), '--init', f('W0.npy'), '--filters', '4'],
      /invalid filters: 4 \(must be equal to the rows of .* over 2 \(3\)/,
    ],
    ['missing file', ['--data', f('absent.npy'), '--labels', f('y.npy')], /absent\.npy: cannot read \(ENOENT\)/],
    ['--data without --labels', ['--data', f('X.npy')], /invalid labels/],
    ['no data at all', [], /invalid data: undefined \(must be an X\.npy of shape \(n, P, d\), or --synthetic\)/],
    ['--synthetic and --data', ['--synthetic', ...data()], /absent with --synthetic/],
    ['--synthetic without --dim', ['--synthetic', '--n', '4', '--patches', '2'], /invalid dim: .*given with --synthetic/],
    ['--n without --synthetic', [...data(), '--n', '4'], /invalid n: 4 \(must be given only with --synthetic/],
    ['unknown activation', [...data(), '--activation', 'tanh'], /invalid activation: "tanh" \(must be one of huber, relu, relu-pow\)/],
    ['q < 1', [...data(), '--q', '0.5'], /invalid q: "0\.5" \(must be a finite number ≥ 1\)/],
    ['κ = 0', [...data(), '--kappa', '0'], /invalid kappa: "0"/],
    ['non-numeric lr', [...data(), '--lr', 'fast'], /invalid lr: "fast" \(must be a finite number > 0\)/],
    ['non-integer iters', [...data(), '--iters', '1.5'], /invalid iters: "1\.5" \(must be an integer ≥ 0\)/],
    ['unknown backend', [...data(), '--backend', 'quantum'], /invalid backend: "quantum"/],
  ])('%s: one line on stderr, exit code 2', async (_, args, message) => {
    const { code, stderr } = await run(...args, '--out', f('never'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^theorycheck: /);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('without --out: exit 2 naming --out; a small run exits 0 with nothing on stderr', async () => {
    const missingOut = await run(...data());
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toMatch(/--out/);
    const ok = await run(...data(), '--filters', '2', '--iters', '3', '--out', f('bin-ok'));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(f('bin-ok/result.json'), 'utf8')).losses).toHaveLength(4);
  });

  it('the installed binary maps bad input to exit 2 and one stderr line', () => {
    const bin = join(root, 'bin/theorycheck.mjs');
    const bad = spawnSync(process.execPath, [bin, 'train', '--data', f('bad-magic.npy'), '--labels', f('y.npy'), '--out', f('never')], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^theorycheck: .*bad-magic\.npy: not a \.npy file/)]);
  });
});
