import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCliInProcess } from '../helpers/cliInProcess.ts';
import { writeNpy } from '../../src/io/npy.ts';
import { checkTrainSizes, DEFAULT_MAX_ELEMENTS } from '../../src/cli/trainSizes.ts';

// Sizes are checked from the shapes before any array is made (the issue-18 reproductions).

const dir = mkdtempSync(join(tmpdir(), 'theorycheck-train-sizes-'));
const f = (name: string) => join(dir, name);
const n = 6,
  P = 2,
  d = 5;
writeNpy(
  f('X.npy'),
  [n, P, d],
  Float64Array.from({ length: n * P * d }, (_, i) => Math.sin(i)),
);
writeNpy(f('y.npy'), [n], [1, -1, 1, -1, 1, -1]);
writeNpy(f('U.npy'), [2, d], [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
writeNpy(f('U-nan.npy'), [2, d], new Float64Array(2 * d).fill(Number.NaN));
writeNpy(
  f('U-odd.npy'),
  [3, d],
  Float64Array.from({ length: 3 * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0)),
);
writeNpy(f('U-zero-row.npy'), [2, d], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

const train = (...args: string[]) => runCliInProcess(['train', ...args], { timeoutMs: 10_000 });

function expectOneLine(result: { code: number; stderr: string }, pattern: RegExp, out?: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/internal error|Invalid typed array length/);
  if (out) expect(existsSync(out), 'nothing written').toBe(false);
}

describe('train: sizes and shapes checked before allocation', () => {
  test('--synthetic --n 100000 --patches 100 --dim 10000 is refused from its shape', async () => {
    const out = f('out-huge');
    expectOneLine(
      await train('--synthetic', '--n', '100000', '--patches', '100', '--dim', '10000', '--out', out),
      /invalid n, patches, dim .*"1\.00e\+11 elements for the data X \(n·P·d\)" \(must be at most --max-elements 50000000/,
      out,
    );
  });

  test('--filters 1000000000 is refused, and the Gram matrix of a large n names --no-data-rank', async () => {
    expectOneLine(
      await train('--synthetic', '--n', '4', '--patches', '2', '--dim', '3', '--filters', '1000000000', '--out', f('out-filters')),
      /invalid filters: .*elements for the filters W/,
    );
    expectOneLine(
      await train('--synthetic', '--n', '20000', '--patches', '1', '--dim', '2', '--filters', '1', '--out', f('out-gram')),
      /invalid n \(or pass --no-data-rank\): .*Gram matrix/,
    );
  });

  test('--max-elements moves the limit both ways', async () => {
    expectOneLine(
      await train(
        ...['--data', f('X.npy'), '--labels', f('y.npy')],
        '--filters',
        '2',
        '--iters',
        '1',
        '--max-elements',
        '10',
        '--out',
        f('out-small'),
      ),
      /more than the 10 allowed|at most --max-elements 10/,
    );
    const ok = await train(
      '--synthetic',
      '--n',
      '20000',
      '--patches',
      '1',
      '--dim',
      '2',
      '--filters',
      '1',
      '--iters',
      '1',
      '--no-data-rank',
      '--out',
      f('out-ok'),
    );
    expect(ok.code, ok.stderr).toBe(0);
  });

  test('--data /dev/zero is refused from its stat, not read', async () => {
    expectOneLine(
      await train('--data', '/dev/zero', '--labels', f('y.npy'), '--out', f('out-zero')),
      /\/dev\/zero: is not a regular file \(a device\)/,
    );
  });

  test('a --basis full of NaN, with an odd number of rows or a zero row is refused', async () => {
    const base = ['--data', f('X.npy'), '--labels', f('y.npy'), '--filters', '2', '--iters', '2'];
    expectOneLine(await train(...base, '--basis', f('U-nan.npy'), '--out', f('o1')), /U-nan\.npy: non-finite value at row 0, column 0/);
    expectOneLine(
      await train(...base, '--basis', f('U-odd.npy'), '--out', f('o2')),
      /U-odd\.npy: the signal basis U must have an even number 2K of rows, 2 ≤ 2K ≤ d = 5 .*got 3/,
    );
    expectOneLine(await train(...base, '--basis', f('U-zero-row.npy'), '--out', f('o3')), /row 1 of the signal basis U is zero/);
    const good = await train(...base, '--basis', f('U.npy'), '--out', f('o4'));
    expect(good.code, good.stderr).toBe(0);
  });

  test('--out naming an existing file is one line, exit 2', async () => {
    writeFileSync(f('a-file'), 'x');
    expectOneLine(
      await train('--data', f('X.npy'), '--labels', f('y.npy'), '--out', f('a-file')),
      /invalid out: .*a-file" \(must be a folder, or a path that does not exist yet/,
    );
  });

  test('the size check computes products in float64: no overflow hides a huge array', () => {
    expect(() =>
      checkTrainSizes({ n: 2 ** 20, patches: 2 ** 20, dim: 2 ** 20, filtersPerClass: 1, dataRank: false }, DEFAULT_MAX_ELEMENTS),
    ).toThrow(/1\.15e\+18 elements/);
    expect(() =>
      checkTrainSizes({ n: 100, patches: 10, dim: 50, filtersPerClass: 20, dataRank: true }, DEFAULT_MAX_ELEMENTS),
    ).not.toThrow();
  });
});
