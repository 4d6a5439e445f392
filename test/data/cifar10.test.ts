import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cifar10BinaryTask,
  cifarClassImages,
  CIFAR_RECORD_BYTES,
  locateCifar10,
  parseCifarBatch,
  readCifarBatch,
} from '../../src/data/cifar10.ts';
import { createRng } from '../../src/random/rng.ts';
import { InputError } from '../../src/parameters/validation.ts';
import { runCliInProcess } from '../helpers/cliInProcess.ts';
import { fixtureResults } from '../report/fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'cifar10-'));
const batches = join(dir, 'cifar-10-batches-bin');

/** A batch in the standard binary format: per record 1 label byte, then R, G, B planes of 32×32 bytes. */
function makeBatch(labels: number[], seed: number): Uint8Array {
  const rng = createRng(seed);
  const bytes = new Uint8Array(labels.length * CIFAR_RECORD_BYTES);
  labels.forEach((label, i) => {
    const o = i * CIFAR_RECORD_BYTES;
    bytes[o] = label;
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 1024; p++) {
        // Channel c of record i: a class- and channel-dependent level plus seeded texture.
        bytes[o + 1 + c * 1024 + p] = Math.min(255, 40 * c + 10 * label + rng.integer(60));
      }
    }
  });
  return bytes;
}

const labelsOf = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => (i + offset) % 10);

beforeAll(() => {
  mkdirSync(batches);
  writeFileSync(join(batches, 'data_batch_1.bin'), makeBatch(labelsOf(120), 1));
  writeFileSync(join(batches, 'data_batch_2.bin'), makeBatch(labelsOf(80, 3), 2));
  writeFileSync(join(batches, 'test_batch.bin'), makeBatch(labelsOf(20), 3));
  const good = makeBatch(labelsOf(5), 4);
  writeFileSync(join(dir, 'truncated.bin'), good.subarray(0, good.length - 100));
  writeFileSync(join(dir, 'empty.bin'), new Uint8Array(0));
  const badLabel = makeBatch(labelsOf(3), 5);
  badLabel[CIFAR_RECORD_BYTES] = 12;
  writeFileSync(join(dir, 'bad-label.bin'), badLabel);
  mkdirSync(join(dir, 'empty-dir'));
});

describe('CIFAR-10 binary batches', () => {
  it('reads labels and pixels record by record, channels in R, G, B order', () => {
    const bytes = makeBatch([3, 7, 0], 9);
    const batch = parseCifarBatch(bytes);
    expect(batch.count).toBe(3);
    expect([...batch.labels]).toEqual([3, 7, 0]);
    for (let i = 0; i < 3; i++)
      expect(batch.pixels.subarray(i * 3072, (i + 1) * 3072)).toEqual(bytes.subarray(i * 3073 + 1, (i + 1) * 3073));
    const fromFile = readCifarBatch(join(batches, 'data_batch_1.bin'));
    expect(fromFile.count).toBe(120);
    // Red plane of a class-3 record: 30 + [0, 60); green: 70 + [0, 60); blue 110 + [0, 60).
    const images = cifarClassImages([fromFile], 3);
    expect(images.rows).toBe(12);
    expect(images.cols).toBe(3072);
    const planeMean = (c: number) => images.data.subarray(c * 1024, (c + 1) * 1024).reduce((a, v) => a + v, 0) / 1024;
    expect(planeMean(0) * 255).toBeGreaterThan(30);
    expect(planeMean(0) * 255).toBeLessThan(90);
    expect(planeMean(2) * 255).toBeGreaterThan(110);
    expect(Math.max(...images.data)).toBeLessThanOrEqual(1);
  });

  it('a truncated, empty or wrong-size file, or a label over 9, is a clear InputError', () => {
    expect(() => readCifarBatch(join(dir, 'truncated.bin'))).toThrow(InputError);
    expect(() => readCifarBatch(join(dir, 'truncated.bin'))).toThrow(
      /truncated\.bin: 15265 bytes is not a whole number of 3073-byte records .* 4 records and 2973 stray bytes — truncated/,
    );
    expect(() => readCifarBatch(join(dir, 'empty.bin'))).toThrow(/the file is empty/);
    expect(() => parseCifarBatch(new Uint8Array(3072), 'x.bin')).toThrow(/x\.bin: 3072 bytes is not a whole number/);
    expect(() => readCifarBatch(join(dir, 'bad-label.bin'))).toThrow(/record 1 \(byte 3073\) has label 12, labels must be 0\.\.9/);
  });

  it('accepts exactly the whole-record sizes (property over record counts and cut points)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: -3072, max: 3072 }), (records, cut) => {
        const bytes = makeBatch(labelsOf(records), records);
        const length = Math.max(0, bytes.length + cut);
        const slice = cut <= 0 ? bytes.subarray(0, length) : Uint8Array.from([...bytes, ...new Uint8Array(cut)]);
        if (length % CIFAR_RECORD_BYTES === 0 && length > 0) {
          const batch = parseCifarBatch(slice);
          expect(batch.count).toBe(length / CIFAR_RECORD_BYTES);
        } else {
          expect(() => parseCifarBatch(slice, 'cut.bin')).toThrow(InputError);
        }
      }),
      {
        numRuns: 60,
        seed: 3,
        examples: [
          [2, 0],
          [2, -3073 + 1],
          [1, 1],
        ],
      },
    );
  });

  it('finds the batches in --data, and says where to put them when they are missing', () => {
    expect(locateCifar10(batches).train.map((f) => f.split('/').pop())).toEqual(['data_batch_1.bin', 'data_batch_2.bin']);
    expect(() => locateCifar10(undefined)).toThrow(/needs --data <dir>: download cifar-10-binary\.tar\.gz/);
    expect(() => locateCifar10(join(dir, 'nowhere'))).toThrow(/no such directory/);
    expect(() => locateCifar10(join(dir, 'empty-dir'))).toThrow(/no data_batch_\*\.bin found; download/);
  });

  it('draws a balanced binary task across batches', () => {
    const task = cifar10BinaryTask(batches, [3, 5], { trainPerClass: 12, testPerClass: 8 }, createRng(1));
    expect(task.train.images.cols).toBe(3072);
    expect(task.train.images.rows).toBe(24);
    expect(task.test.images.rows).toBe(16);
    expect([...task.train.labels].filter((y) => y === 1)).toHaveLength(12);
    // 20 images of class 3 exist (12 + 8): asking for one more names the constraint.
    expect(() => cifar10BinaryTask(batches, [3, 5], { trainPerClass: 13, testPerClass: 8 }, createRng(1))).toThrow(
      /at most 20, the images available for class 3/,
    );
  });
});

const run = (...args: string[]) => runCliInProcess(['reproduce', ...args]);

describe('theorycheck reproduce cifar10', () => {
  it('without the data, says where to put it (exit 2)', async () => {
    const none = await run('cifar10');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^theorycheck: CIFAR-10 needs --data <dir>: download cifar-10-binary\.tar\.gz from https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar\.html/,
    );
    const bad = await run('cifar10', '--data', join(dir, 'empty-dir'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('runs the same pipeline on the batches and merges its experiment into results.json', async () => {
    const out = join(dir, 'report');
    mkdirSync(out);
    // A valid results file from an earlier run, holding another experiment that must be kept.
    writeFileSync(
      join(out, 'results.json'),
      JSON.stringify({
        ...fixtureResults(),
        experiments: [{ id: 'other', title: 'kept', description: '', columns: [], rows: [], charts: [] }],
      }),
    );
    const args = [
      'cifar10',
      '--data',
      batches,
      '--classes',
      '3,5',
      '--k',
      '1',
      '--train-per-class',
      '10',
      '--test-per-class',
      '5',
      '--iterations',
      '20',
      '--noise',
      '0,0.05',
      '--profile',
      'smoke',
      '--out',
      out,
    ];
    const { code, stdout, stderr } = await run(...args);
    expect(code, stderr + stdout).toBe(0);
    expect(stdout).toMatch(/CIFAR-10 \(cat vs dog\)/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.experiments.map((e: { id: string }) => e.id)).toEqual(['other', 'zhang2025/cifar10-noise-sweep']);
    const experiment = results.experiments[1];
    expect(experiment.rows).toHaveLength(2);
    // Clean rank 2K = 2 measured; data stable rank grows with the noise patch.
    expect(experiment.description).toMatch(/measured clean rank 2 \(intended 2/);
    const ratio = experiment.columns.indexOf('sr(X)/sr(X clean)');
    expect(experiment.rows[1][ratio]).toBeGreaterThan(experiment.rows[0][ratio]);
    expect(experiment.images[0]).toMatchObject({ width: 32, height: 32 });
    expect(experiment.images[0].pixels).toHaveLength(1024);
  }, 60_000);
});
