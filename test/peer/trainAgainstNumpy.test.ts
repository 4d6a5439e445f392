import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSignalNoiseModel } from '../../src/data/zhang2025/signalNoiseModel.ts';
import { readNpy, writeNpy } from '../../src/io/npy.ts';
import { gaussianFilters } from '../../src/models/initialization.ts';
import { createRng } from '../../src/random/rng.ts';
import { findNumpy, runPython } from './python.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const peerFile = resolve(root, '../shared/bench/peer_numpy.py');
const numpy = findNumpy();
const skipReason = !numpy.available ? numpy.reason : !existsSync(peerFile) ? `the NumPy peer ${peerFile} is missing` : null;

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe.skipIf(skipReason !== null)(
  `theorycheck train (float64) against an independent NumPy implementation${skipReason ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'train-peer-'));
    const K = 2,
      dim = 20,
      patches = 3,
      m = 5,
      iters = 80;
    const files = { data: join(dir, 'X.npy'), labels: join(dir, 'y.npy'), init: join(dir, 'W0.npy') };
    const inputs = ['--data', files.data, '--labels', files.labels, '--init', files.init];
    const rng = createRng('peer-acceptance');
    const model = createSignalNoiseModel({ K, dim, patches, noise: 0.25 }, rng.fork('model'));
    const { data } = model.sampleBalanced(24, rng.fork('train'));
    // X as float32 on disk: both sides widen the same float32 values to float64.
    writeNpy(files.data, [data.samples, patches, dim], data.x, '<f4');
    writeNpy(files.labels, [data.samples], data.y);
    writeNpy(files.init, [2 * m, dim], gaussianFilters(rng.fork('init'), m, dim, 0.1));

    const both = (name: string, hyper: string[]) => {
      const cli = spawnSync(
        process.execPath,
        [join(root, 'bin/theorycheck.mjs'), 'train', ...inputs, ...hyper, '--backend', 'float64', '--out', join(dir, `${name}-ts`)],
        { encoding: 'utf8', cwd: root },
      );
      expect(cli.stderr).toBe('');
      expect(cli.status).toBe(0);
      runPython([join(here, 'train_numpy.py'), ...inputs, ...hyper, '--out', join(dir, `${name}-np`)]);
      const read = (side: string) => JSON.parse(readFileSync(join(dir, `${name}-${side}`, 'result.json'), 'utf8'));
      return {
        ts: read('ts'),
        np: read('np'),
        wTs: readNpy(join(dir, `${name}-ts`, 'W.npy')),
        wNp: readNpy(join(dir, `${name}-np`, 'W.npy')),
      };
    };

    it.each([
      ["Huberized ReLU (the peer's function)", ['--activation', 'huber', '--q', '3', '--kappa', '0.1', '--lr', '3']],
      ['ReLU', ['--activation', 'relu', '--lr', '1']],
    ])('%s: agrees to 1e-9 relative on every loss, the final W and the final stable rank', (name, activation) => {
      const { ts, np, wTs, wNp } = both(name.split(' ')[0].toLowerCase(), ['--iters', String(iters), ...activation]);
      expect(ts.status).toBe('completed');
      expect(ts.backend).toBe('float64');
      expect(ts.losses).toHaveLength(iters + 1);
      expect(np.losses).toHaveLength(iters + 1);
      // The run must do something for the agreement to mean anything: the loss falls a lot.
      expect(ts.losses[iters]).toBeLessThan(0.5 * ts.losses[0]);
      const worstLoss = Math.max(...ts.losses.map((l: number, t: number) => relative(l, np.losses[t])));
      expect(worstLoss).toBeLessThan(1e-9);
      expect(relative(ts.filterStableRank, np.filterStableRank)).toBeLessThan(1e-9);
      expect(wTs.shape).toEqual(wNp.shape);
      const scale = Math.max(...wNp.data.map(Math.abs));
      expect(Math.max(...wTs.data.map((v, i) => Math.abs(v - wNp.data[i]))) / scale).toBeLessThan(1e-9);
      process.stdout.write(
        `float64 CLI vs NumPy, ${name}: worst relative loss difference ${worstLoss.toExponential(2)}, stable rank ${ts.filterStableRank} vs ${np.filterStableRank}\n`,
      );
    });

    it('the tolerance is tight enough to see a change of one part in a million in the learning rate', () => {
      const hyper = ['--iters', String(iters), '--activation', 'huber', '--q', '3', '--kappa', '0.1'];
      const run = (lr: string) => {
        runPython([join(here, 'train_numpy.py'), ...inputs, ...hyper, '--lr', lr, '--out', join(dir, `lr-${lr}`)]);
        return JSON.parse(readFileSync(join(dir, `lr-${lr}`, 'result.json'), 'utf8')).losses as number[];
      };
      const reference = run('3');
      const nudged = run('3.000003');
      expect(Math.max(...reference.map((l, t) => relative(l, nudged[t])))).toBeGreaterThan(1e-9);
    });
  },
);
