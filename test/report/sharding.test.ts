import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixtureResults } from './fixture.ts';

/**
 * The recipe of docs/report.md for spreading a sweep over machines, end to end: each shard writes a blob,
 * `--merge-reports` with the theorycheck reporter (named by path) writes one report of them all.
 */
const VITEST = resolve('node_modules/vitest/vitest.mjs');
const CONFIG = resolve('test/report/sharding/vitest.config.ts');
let workspace: string;

function vitest(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  // A clean environment: this process is itself a vitest worker.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST'),
  );
  return new Promise((done) => {
    const child = spawn(process.execPath, [VITEST, ...args, '--config', CONFIG], {
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => done({ code, output }));
  });
}

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'theorycheck-shards-'));
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

test('two shards as blobs, merged with the theorycheck reporter, give one report of both', async () => {
  const blobs = join(workspace, 'blobs');
  const shards = await Promise.all(
    [1, 2].map((i) => vitest(['run', `--shard=${i}/2`, '--reporter=blob', `--outputFile=${join(blobs, `blob-${i}.json`)}`])),
  );
  for (const shard of shards) expect(shard.code, shard.output).toBe(0);
  const out = join(workspace, 'report');
  const merged = await vitest(['--merge-reports', blobs, '--reporter=./src/report/vitest/TheorycheckReporter.ts'], {
    THEORYCHECK_REPORT_DIR: out,
  });
  expect(merged.code, merged.output).toBe(0);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const expected = fixtureResults();
  // Claims came from both shards; the map from one, the experiment from the other.
  expect(results.claims.map((c: { id: string; regime: string }) => `${c.id} ${c.regime}`).sort()).toEqual(
    expected.claims.map((c) => `${c.id} ${c.regime}`).sort(),
  );
  expect(results.maps).toHaveLength(expected.maps!.length);
  expect(results.experiments).toHaveLength(expected.experiments!.length);
  expect(results.provenance.command).toBe(`vitest --merge-reports ${blobs}`);
  const page = readFileSync(join(out, 'index.html'), 'utf8');
  for (const claim of expected.claims) expect(page).toContain(`data-claim="${claim.id}" data-regime="${claim.regime}"`);
}, 60_000);
