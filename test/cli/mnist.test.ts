import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cliInProcess.ts';
import { mergeResults, readExistingResults } from '../../src/report/mergeResults.ts';
import type { ExperimentReport, ResultsFile } from '../../src/report/reportModel.ts';
import { InputError } from '../../src/parameters/validation.ts';

const dir = mkdtempSync(join(tmpdir(), 'mnist-cli-'));

const run = (...args: string[]) => runCliInProcess(['reproduce', ...args]);

const experiment = (id: string, title: string): ExperimentReport => ({ id, title, description: '', columns: [], rows: [], charts: [] });

describe('theorycheck reproduce mnist', () => {
  it('sweeps σp on real digits, prints the table and writes the experiment into results.json', async () => {
    const out = join(dir, 'report');
    const { code, stdout, stderr } = await run(
      'mnist',
      '--classes',
      '3,8',
      '--k',
      '1',
      '--train-per-class',
      '10',
      '--test-per-class',
      '10',
      '--iterations',
      '30',
      '--noise',
      '0,0.1',
      '--out',
      out,
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/MNIST \(digit 3 vs digit 8\)/);
    expect(stdout).toMatch(/σp +σp·√d +sr\(X\)/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsFile;
    expect(results.claims).toEqual([]);
    const sweep = results.experiments!.find((e) => e.id === 'zhang2025/mnist-noise-sweep')!;
    expect(sweep.rows.map((r) => r[0])).toEqual([0, 0.1]);
    expect(sweep.description).toMatch(/measured clean rank 2 \(intended 2/);
    expect(sweep.description).toMatch(/pixels in \[0, 1\]/);
    const twoK = sweep.columns.indexOf('2K');
    expect(sweep.rows[0][twoK]).toBe(2);
    expect(sweep.charts).toHaveLength(2);
    expect(JSON.stringify(sweep.charts[0].spec)).toMatch(/clean rank 2K = 2/);
    expect(sweep.images!.every((image) => image.width === 28 && image.height === 28 && image.pixels.length === 784)).toBe(true);
  }, 60_000);

  it('rejects bad experiment options with one line and exit 2', async () => {
    for (const args of [
      ['mnist', '--pca', 'centered'],
      ['mnist', '--noise', '0,-1'],
      ['mnist', '--classes', '3,3'],
      ['mnist', '--k', '0'],
      ['zhang2025/stable-rank-algebra'],
    ]) {
      const { code, stderr } = await run(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
      expect(stderr).toMatch(/invalid (pca|noise|classes|k|params)/);
    }
  });

  it('merging keeps the claims and other experiments and replaces its own', () => {
    const claim = { id: 'zhang2025/x', regime: 'holding-domain' } as unknown as ResultsFile['claims'][number];
    const provenance = { machine: { hostname: 'h' } } as unknown as ResultsFile['provenance'];
    const existing: ResultsFile = {
      claims: [claim],
      provenance,
      experiments: [experiment('a', 'old a'), experiment('zhang2025/mnist-noise-sweep', 'old')],
    };
    const merged = mergeResults(existing, { experiments: [experiment('zhang2025/mnist-noise-sweep', 'new')] }, () => {
      throw new Error('the existing provenance must be kept');
    });
    expect(merged.claims).toEqual([claim]);
    expect(merged.provenance).toBe(provenance);
    expect(merged.experiments!.map((e) => e.title)).toEqual(['old a', 'new']);
    const fresh = mergeResults(null, { experiments: [experiment('b', 'b')] }, () => provenance);
    expect(fresh).toMatchObject({ claims: [], experiments: [{ id: 'b' }] });
  });

  it('refuses to overwrite a results.json that is not one', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'results.json'), '{ not json');
    expect(() => readExistingResults(bad)).toThrow(InputError);
    expect(() => readExistingResults(bad)).toThrow(
      /malformed results file .*results\.json: not valid JSON at line 1 column 3; move it away or pass --out <dir>/,
    );
    writeFileSync(join(bad, 'results.json'), JSON.stringify({ claims: 'none' }));
    expect(() => readExistingResults(bad)).toThrow(/malformed results file .*results\.json: claims: /);
    expect(readExistingResults(join(dir, 'absent'))).toBeNull();
  });
});
