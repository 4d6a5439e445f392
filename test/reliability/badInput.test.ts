import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { runCliInProcess } from '../helpers/cliInProcess.ts';
import { readNpy, writeNpy } from '../../src/io/npy.ts';
import { InputError, InvalidParameterError } from '../../src/parameters/validation.ts';
import { findClaim } from '../../properties/index.ts';
import { runOnce } from '../../src/claims/runClaim.ts';
import { getBackend } from '../../src/compute/backends.ts';
import { saveCounterexample } from '../../src/corpus/store.ts';

// Bad input, fuzzed: generated argument lists, config files and .npy files must each give one
// clear line on stderr and exit code 2 — never a stack trace, a hang or a partial report.

const scratch = mkdtempSync(join(tmpdir(), 'theorycheck-fuzz-'));
let counter = 0;
const freshDir = () => join(scratch, `out-${counter++}`);
export const casesRun = { arguments: 0, configs: 0, npy: 0 };

const runCli = (args: string[]) => runCliInProcess(args, { timeoutMs: 10_000 });

function expectOneLineError(result: { code: number; stderr: string }, args: string[], outDir?: string): void {
  const context = `theorycheck ${args.join(' ')}\nstderr: ${result.stderr}`;
  expect(result.code, context).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, context).toHaveLength(1);
  expect(lines[0].length, context).toBeGreaterThan(10);
  expect(result.stderr, context).not.toMatch(/\n\s+at |internal error/);
  if (outDir) expect(existsSync(outDir), `${context}\na report directory was created`).toBe(false);
}

/** Text that is never a valid value: junk words, unicode, quotes, markup, empty. */
const junk = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-1', '1e400', '0x1g', 'true', '<script>', "'", '"', 'ci ', 'näive', '1,2,', '--'),
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => `zz${s}`),
);
const negativeOrFractional = fc.constantFrom('-3', '-0.5', '2.5', '1e-3', 'abc', '', 'NaN');

const trainingClaim = 'zhang2025/filter-rank-robust';
const badArgumentLists: fc.Arbitrary<{ args: string[]; out?: string }> = fc.oneof(
  junk
    .filter(
      (w) => !['verify', 'explore', 'reproduce', 'train', 'report', 'corpus', 'bench', 'help', ''].includes(w.trim()) && !w.startsWith('-'),
    )
    .map((w) => ({ args: [w] })),
  fc
    .record({ flag: fc.constantFrom('--profile', '--backend', '--claim', '--paper', '--time-budget'), value: junk })
    .map(({ flag, value }) => {
      const out = freshDir();
      return { args: ['verify', flag, value, '--out', out], out };
    }),
  fc.record({ flag: fc.constantFrom('--seed', '--runs'), value: negativeOrFractional }).map(({ flag, value }) => {
    const out = freshDir();
    return { args: ['verify', '--claim', 'no/such-claim', flag, value, '--out', out], out };
  }),
  fc.string({ minLength: 1, maxLength: 10 }).map((s) => ({ args: ['verify', `--zz-${s.replace(/\s/g, '')}`] })),
  fc
    .record({
      axis: fc.constantFrom('noise=', 'noise=4:0:5', 'noise=a,b', 'nosuch=1,2', 'noise', '=1,2', 'noise=1:2', 'noise=1:2:0'),
      other: fc.constantFrom('initScale=0.001,0.003', 'q=3,4'),
    })
    .map(({ axis, other }) => {
      const out = freshDir();
      return { args: ['explore', trainingClaim, '--x', axis, '--y', other, '--out', out], out };
    }),
  junk.map((claim) => ({ args: ['explore', `no-such/${claim}`, '--x', 'noise=1,2', '--y', 'q=3,4'] })),
  fc
    .oneof(junk, fc.constantFrom('{', '[]', '{"noise":1}', '{"nosuch":1,"seed":1}', '{"seed":"x"}', 'null'))
    .map((params) => ({ args: ['reproduce', 'zhang2025/stable-rank-algebra', '--params', params] })),
  fc
    .record({
      flag: fc.constantFrom('--lr', '--filters', '--iters', '--init-scale', '--q', '--kappa', '--n', '--dim', '--patches'),
      value: fc.constantFrom('-1', '0', 'NaN', 'abc', '', '1e999', '-0.1'),
    })
    .filter(({ flag, value }) => !(value === '0' && (flag === '--iters' || flag === '--init-scale')))
    .map(({ flag, value }) => {
      const out = freshDir();
      return {
        args: [
          'train',
          '--synthetic',
          '--n',
          '8',
          '--patches',
          '2',
          '--dim',
          '6',
          '--filters',
          '2',
          '--iters',
          '3',
          flag,
          value,
          '--out',
          out,
        ],
        out,
      };
    }),
  fc.constantFrom('gelu', '', 'huber ', 'RELU').map((activation) => {
    const out = freshDir();
    return { args: ['train', '--synthetic', '--n', '8', '--patches', '2', '--dim', '6', '--activation', activation, '--out', out], out };
  }),
  junk.map((name) => {
    const out = freshDir();
    return { args: ['train', '--data', join(scratch, `missing-${name}.npy`), '--labels', join(scratch, 'missing.npy'), '--out', out], out };
  }),
  junk.map((name) => ({ args: ['report', '--in', join(scratch, `absent-${name}.json`), '--out', freshDir()] })),
);

describe('bad input, fuzzed', () => {
  afterAll(() => {
    // The README's Reliability section quotes these counts.
    process.stdout.write(
      `bad-input fuzz: ${casesRun.arguments} argument lists, ${casesRun.configs} config files, ${casesRun.npy} .npy files\n`,
    );
  });

  test('generated CLI argument lists: one line, exit code 2, no report', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(badArgumentLists, async ({ args, out }) => {
        casesRun.arguments++;
        expectOneLineError(await runCli(args), args, out);
      }),
      { numRuns: 400, seed: 9 },
    );
  });

  test('generated config files (stored counterexamples, results files): one line, exit code 2', { timeout: 240_000 }, async () => {
    // A valid stored case to mutate.
    const claim = findClaim('zhang2025/stable-rank-algebra')!;
    const backend = getBackend('float64');
    const record = await runOnce(
      claim,
      { rows: 3, cols: 3, rank: 2, scale: 1, topGap: 1, structure: 'gaussian', seed: 1 },
      backend,
      10_000,
    );
    const corpusDir = join(scratch, 'corpus');
    const path = saveCounterexample(corpusDir, {
      claim,
      regime: 'holding-domain',
      expected: 'holds',
      record: { ...record, outcome: 'fail' },
      backend,
      fastCheck: null,
    });
    const valid = JSON.parse(readFileSync(path.path, 'utf8'));
    const mutation = fc.oneof(
      fc.constantFrom('', '{', 'null', '[]', '42', '"text"', '{"claimId":1}'),
      fc
        .record({
          key: fc.constantFrom(...Object.keys(valid)),
          value: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant([]), fc.constant({})),
        })
        .map(({ key, value }) => JSON.stringify({ ...valid, [key]: value })),
      fc.constantFrom(...Object.keys(valid)).map((key) => {
        const copy = { ...valid };
        delete copy[key];
        return JSON.stringify(copy);
      }),
      fc.nat({ max: 200 }).map((cut) => JSON.stringify(valid).slice(0, cut)),
    );
    await fc.assert(
      fc.asyncProperty(mutation, fc.constantFrom('reproduce', 'report'), async (text, command) => {
        fc.pre(text !== JSON.stringify(valid));
        casesRun.configs++;
        const file = join(scratch, `config-${counter++}.json`);
        writeFileSync(file, text);
        const out = freshDir();
        const args = command === 'reproduce' ? ['reproduce', '--file', file] : ['report', '--in', file, '--out', out];
        const result = await runCli(args);
        // A mutation that leaves the stored case valid replays it (exit 0 or 1); everything else is bad input.
        if (command === 'reproduce' && result.code !== 2) {
          expect([0, 1], result.stderr).toContain(result.code);
          return;
        }
        expectOneLineError(result, args, command === 'report' ? out : undefined);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  test(
    'generated .npy files: the reader returns an array or throws InputError, and `train` says so in one line',
    { timeout: 240_000 },
    async () => {
      const x = new Float64Array(4 * 2 * 3).map((_, i) => Math.sin(i));
      const validX = join(scratch, 'X.npy');
      const validY = join(scratch, 'y.npy');
      writeNpy(validX, [4, 2, 3], x);
      writeNpy(validY, [4], [1, -1, 1, -1]);
      const bytes = readFileSync(validX);
      const mutated = fc.oneof(
        fc.nat({ max: bytes.length - 1 }).map((cut) => bytes.subarray(0, cut)),
        fc.record({ at: fc.nat({ max: 127 }), value: fc.integer({ min: 0, max: 255 }) }).map(({ at, value }) => {
          const copy = Buffer.from(bytes);
          copy[at] = value;
          return copy;
        }),
        fc
          .constantFrom("'descr': '<f8'", "'fortran_order': False", "'shape': (4, 2, 3)")
          .chain((field) =>
            fc
              .constantFrom(
                "'descr': '>f8'",
                "'descr': '<c16'",
                "'fortran_order': True",
                "'shape': (4, 2)",
                "'shape': (5, 2, 3)",
                "'shape': (-1,)",
                "'descr': '|O'",
              )
              .map((replacement) =>
                Buffer.from(
                  bytes
                    .toString('latin1')
                    .replace(field, replacement.padEnd(field.length, ' ').slice(0, Math.max(field.length, replacement.length))),
                  'latin1',
                ),
              ),
          ),
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      );
      await fc.assert(
        fc.asyncProperty(mutated, fc.boolean(), async (content, asLabels) => {
          casesRun.npy++;
          const file = join(scratch, `fuzz-${counter++}.npy`);
          writeFileSync(file, content);
          let readable = true;
          try {
            readNpy(file);
          } catch (error) {
            readable = false;
            expect(error instanceof InputError || error instanceof InvalidParameterError, String(error)).toBe(true);
          }
          const out = freshDir();
          const args = [
            'train',
            '--data',
            asLabels ? validX : file,
            '--labels',
            asLabels ? file : validY,
            '--filters',
            '2',
            '--iters',
            '2',
            '--lr',
            '0.1',
            '--out',
            out,
          ];
          const result = await runCli(args);
          if (readable && result.code === 0) return; // a mutation that still makes a valid problem trains
          expectOneLineError(result, args, out);
        }),
        { numRuns: 400, seed: 13 },
      );
    },
  );
});
