import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { getBackend } from '../../../src/compute/backends.ts';
import { parseResultsFile } from '../../../src/report/resultsSchema.ts';
import { runResultsFile } from '../../../src/report/runResults.ts';
import type { StudyOutput } from '../../../src/claims/study.ts';
import { phaseDiagram } from '../../../properties/zhang2025/phaseDiagram.ts';
import { runCliInProcess } from '../../helpers/cliInProcess.ts';

// The smoke plan: n = 16…64, 4 then 8 seeds per point; about 10–20 s of training on the native backend.
const backend = getBackend('fast');
let output: StudyOutput | null = null;
const study = async () => (output ??= await phaseDiagram.run({ profile: 'smoke', seed: 42, backend, deadline: Date.now() + 240_000 }));

describe('zhang2025/phase-diagram (smoke plan)', () => {
  test(
    'its output validates as results.json does, with the map and the flagship figure marked as headline figures',
    { timeout: 300_000 },
    async () => {
      const out = await study();
      const file = runResultsFile({
        claims: [],
        maps: out.maps,
        experiments: out.experiments,
        profile: 'smoke',
        seed: 42,
        backends: [backend],
        startedAt: new Date(),
        partial: false,
        command: 'test',
      });
      const parsed = parseResultsFile(JSON.parse(JSON.stringify(file)), 'phase-diagram output');
      expect(parsed.maps).toHaveLength(1);
      const map = parsed.maps![0];
      expect(map.headline?.order).toBe(1);
      expect(parsed.experiments!.find((e) => e.id === 'zhang2025/stable-ranks-across-the-boundary')?.headline?.order).toBe(2);
      // The theorem's curve with its fitted c, the interval of c and the located boundary are drawn.
      expect(map.conditions.map((c) => c.label).join(' | ')).toMatch(
        /n·SNR\^4 = c, fitted c = [\d.]+ \[[\d.]+, [\d.]+\].*interval.*located boundary/,
      );
      for (const cell of map.cells)
        expect(cell.replay).toMatch(
          /^npx theorycheck explore zhang2025\/signal-learning-beats-noise --x noise=[\d.]+ --y samplesPerDirection=\d+ .* --seeds \d+ --refine 0 --target 0 --seed 42 --backend \w+/,
        );
      const boundaries = parsed.experiments!.find((e) => e.id === 'zhang2025/noise-boundary')!;
      for (const row of boundaries.rows) expect(String(row[9])).toMatch(/^npx theorycheck explore /);
    },
  );

  test('the study check passes: both phases at every n, σ*(n) located and not falling, sr(X) rising', { timeout: 300_000 }, async () => {
    const out = await study();
    expect(() => phaseDiagram.check!(out)).not.toThrow();
  });

  test('the check rejects a map without the noise-memorisation phase', { timeout: 300_000 }, async () => {
    const out = await study();
    const map = out.maps![0];
    const noMemorisation = {
      ...out,
      maps: [{ ...map, cells: map.cells.map((c) => ({ ...c, passes: c.runs, passRate: 1, interval: [0.7, 1] as [number, number] })) }],
    };
    expect(() => phaseDiagram.check!(noMemorisation)).toThrow(/memorisation phase/);
  });

  test('the check rejects filters whose stable rank leaves the band around 2K below the boundary', { timeout: 300_000 }, async () => {
    const out = await study();
    const experiments = out.experiments!.map((e) =>
      e.id === 'zhang2025/stable-ranks-across-the-boundary'
        ? { ...e, rows: e.rows.map((r) => (r[4] === 'below' ? [r[0], r[1], 9, r[3], r[4]] : r)) }
        : e,
    );
    expect(() => phaseDiagram.check!({ ...out, experiments })).toThrow(/band/);
  });

  test("a cell's replay command reproduces it with theorycheck explore", { timeout: 300_000 }, async () => {
    const out = await study();
    const cell = out.maps![0].cells.find((c) => c.passes > 0 && c.passes < c.runs) ?? out.maps![0].cells[0];
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-phase-'));
    const args = cell.replay!.replace(/^npx theorycheck /, '').split(' ');
    const { code, stderr } = await runCliInProcess([...args, '--out', dir, '--profile', 'smoke'], {
      env: { THEORYCHECK_CORPUS: 'off' },
      timeoutMs: 240_000,
    });
    expect(code, stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    const replayed = written.maps[0].cells[0];
    expect({ x: replayed.x, passes: replayed.passes, runs: replayed.runs }).toEqual({ x: cell.x, passes: cell.passes, runs: cell.runs });
  });
});

describe('verify --study', () => {
  test('an unknown study id is one line naming the option and the known ids, exit 2', async () => {
    const { code, stderr } = await runCliInProcess(
      ['verify', '--study', 'zhang2025/no-such-study', '--out', mkdtempSync(join(tmpdir(), 'theorycheck-study-'))],
      { timeoutMs: 60_000 },
    );
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/unknown study "zhang2025\/no-such-study"; known studies: .*zhang2025\/phase-diagram/);
  });
});
