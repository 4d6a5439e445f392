import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';
import { runCliInProcess } from '../helpers/cliInProcess.ts';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would, in a separate process with its own corpus and cache. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'theorycheck.mjs'), ...args], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        THEORYCHECK_CACHE: 'memory',
        THEORYCHECK_CORPUS_DIR: mkdtempSync(join(tmpdir(), 'theorycheck-cli-corpus-')),
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The same CLI in this process (main() is what bin/theorycheck.mjs calls): most cases run here,
 * since each spawned process pays a few seconds of start-up on a loaded two-core machine.
 */
function inProcess(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return runCliInProcess(args, {
    env: { THEORYCHECK_CACHE: 'memory', THEORYCHECK_CORPUS_DIR: mkdtempSync(join(tmpdir(), 'theorycheck-cli-corpus-')), ...env },
  });
}

const claim = 'zhang2025/stable-rank-algebra';
// A claim with a cheap, certain failure off its holding grid: the Huberized ReLU at q = 1 (σ′ jumps at 0).
const huber = 'zhang2025/huberized-relu-well-formed';

/** Bad input: exit code 2 and exactly one line on stderr that names the problem and what is allowed. */
function expectOneLine(outcome: Outcome, ...patterns: RegExp[]) {
  expect(outcome.code, outcome.stderr).toBe(2);
  const lines = outcome.stderr.trim().split('\n');
  expect(lines, outcome.stderr).toHaveLength(1);
  for (const pattern of patterns) expect(lines[0]).toMatch(pattern);
}

describe('theorycheck CLI', { timeout: 60_000 }, () => {
  test('--help on each command', async () => {
    const outcomes = [await cli(['--help'])];
    for (const command of [['verify'], ['explore'], ['reproduce'], ['corpus']]) outcomes.push(await inProcess([...command, '--help']));
    for (const o of outcomes) expect(o.code).toBe(0);
    expect(outcomes[0].stdout).toMatch(/verify[\s\S]*reproduce[\s\S]*explore/);
    expect(outcomes[1].stdout).toMatch(/--profile[\s\S]*--seed[\s\S]*--backend[\s\S]*--time-budget/);
    expect(outcomes[2].stdout).toMatch(
      /--x <param=values>[\s\S]*--y[\s\S]*--set[\s\S]*--seeds[\s\S]*--profile[\s\S]*--seed[\s\S]*--backend[\s\S]*--time-budget/,
    );
    expect(outcomes[3].stdout).toMatch(/--params[\s\S]*--file/);
  });

  test('bad input gets one line and exit code 2', async () => {
    // One through the real binary (exit code of the process), the rest in process.
    const unknownClaim = await cli(['explore', 'zhang2025/no-such-claim', '--x', 'rows=2,3', '--y', 'cols=2,3']);
    const unknownParameter = await inProcess(['explore', claim, '--x', 'noise=0,1', '--y', 'cols=2,3']);
    const emptyGrid = await inProcess(['explore', claim, '--x', 'rows=', '--y', 'cols=2,3']);
    const reversed = await inProcess(['explore', claim, '--x', 'rows=2,3', '--y', 'cols=10:2:5']);
    const nonNumeric = await inProcess(['explore', claim, '--x', 'rows=two,three', '--y', 'cols=2,3']);
    const badProfile = await inProcess(['explore', claim, '--x', 'rows=2,3', '--y', 'cols=2,3', '--profile', 'huge']);
    const badBackend = await inProcess(['explore', claim, '--x', 'rows=2,3', '--y', 'cols=2,3', '--backend', 'abacus']);
    const unknownOption = await inProcess(['explore', claim, '--x', 'rows=2,3', '--y', 'cols=2,3', '--colour']);
    const verifyUnknown = await inProcess(['verify', '--claim', 'nope/nope']);
    const badParams = await inProcess(['reproduce', claim, '--params', '{"rows":2}']);
    expectOneLine(unknownClaim, /unknown claim "zhang2025\/no-such-claim"/, /known claims: .*zhang2025\/stable-rank-algebra/);
    expectOneLine(
      unknownParameter,
      /invalid --x: "noise"/,
      /must be a parameter of zhang2025\/stable-rank-algebra: rows, cols, rank, scale, topGap, structure/,
    );
    expectOneLine(emptyGrid, /invalid --x rows: ""/, /non-empty grid/);
    expectOneLine(reversed, /invalid --y cols: "10:2:5"/, /increasing range/);
    expectOneLine(nonNumeric, /invalid --x rows: "two" \(must be a finite number\)/);
    expectOneLine(badProfile, /invalid profile: "huge" \(must be one of smoke, ci, deep\)/);
    expectOneLine(badBackend, /invalid backend: "abacus" \(must be one of/);
    expectOneLine(unknownOption, /unknown option '--colour'/);
    expectOneLine(verifyUnknown, /unknown claim "nope\/nope"/);
    expectOneLine(badParams, /invalid params\.\w+: undefined \(must be present/);
  });

  test('SIGINT stops verify between runs and the partial report is still written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'theorycheck-cli-out-'));
    const child = spawn(
      process.execPath,
      [join(repositoryRoot, 'bin', 'theorycheck.mjs'), 'verify', '--claim', claim, '--profile', 'deep', '--runs', '1000000', '--out', out],
      {
        cwd: repositoryRoot,
        env: {
          ...process.env,
          THEORYCHECK_CACHE: 'memory',
          THEORYCHECK_CORPUS_DIR: mkdtempSync(join(tmpdir(), 'theorycheck-cli-corpus-')),
        },
      },
    );
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    // Interrupt once the first run is reported (the listener is armed by then).
    child.stderr.on('data', (d) => String(d).includes('[1/') && child.kill('SIGINT'));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // 128 + SIGINT; the regimes it cut short are interrupted, not "as expected" (test/reliability/signals.test.ts covers every signal).
    expect(code, stdout).toBe(130);
    expect(stdout).toMatch(/0 as expected, 0 not, \d+ interrupted \(partial run: stopped by SIGINT\)/);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).provenance.partial).toBe(true);
  });

  test('explore refuses a corrupt results.json before its run, with exit 2, and leaves it as it was', async () => {
    const out = mkdtempSync(join(tmpdir(), 'theorycheck-cli-out-'));
    const corrupt = '{"claims": "not a list"}';
    writeFileSync(join(out, 'results.json'), corrupt);
    const { code, stdout, stderr } = await inProcess([
      'explore',
      claim,
      '--x',
      'rows=2,8',
      '--y',
      'topGap=1,1e-9',
      '--profile',
      'smoke',
      '--seeds',
      '1',
      '--target',
      '1',
      '--out',
      out,
    ]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/malformed results file .*results\.json: claims: .*move it away or pass --out <dir>/);
    expect(stdout).not.toMatch(/runs \(/);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(corrupt);
  });

  test('explore writes the map into results.json, merging with what is there, and prints a text map', async () => {
    const out = mkdtempSync(join(tmpdir(), 'theorycheck-cli-out-'));
    const args = ['explore', huber, '--y', 'q=1,3', '--profile', 'smoke', '--seeds', '2', '--target', '5', '--out', out];
    const [first, other] = [await cli([...args, '--x', 'kappa=0.001,0.1']), await inProcess([...args, '--x', 'z=-1,1'])];
    expect(first.code, first.stderr).toBe(0);
    expect(other.code, other.stderr).toBe(0);
    expect(first.stdout).toMatch(/q ↑/);
    expect(first.stdout).toMatch(/→ kappa/);
    expect(first.stdout).toMatch(/free: .*\n\s+essential: .*\bq\b/);
    const again = await inProcess([...args, '--x', 'kappa=0.001,0.1']);
    expect(again.code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    // The second kappa × q map replaced the first; the z × q map stayed.
    expect(results.maps.map((m: { x: string; y: string }) => `${m.x}×${m.y}`).sort()).toEqual(['kappa×q', 'z×q']);
    const map = results.maps.find((m: { x: string }) => m.x === 'kappa');
    expect(map.claimId).toBe(huber);
    expect(map.cells.length).toBeGreaterThanOrEqual(4);
    for (const cell of map.cells) expect(cell.interval).toHaveLength(2);
    expect(map.sensitivity.length).toBeGreaterThan(0);
  });

  test('verify replays the corpus first: a stored holding-domain failure changes the verdict, exit code 1, and results.json lists it', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'theorycheck-cli-corpus-'));
    const out = mkdtempSync(join(tmpdir(), 'theorycheck-cli-out-'));
    // A failing case found by exploring (q = 1 is outside the holding domain's grid), filed as a holding-domain counterexample.
    const explored = await inProcess(
      [
        'explore',
        huber,
        '--x',
        'kappa=0.001',
        '--y',
        'q=1',
        '--set',
        'form=huberized',
        '--profile',
        'smoke',
        '--seeds',
        '1',
        '--target',
        '3',
        '--out',
        out,
      ],
      // Saving is the point here (into a scratch corpus), whatever THEORYCHECK_CORPUS the suite runs under.
      { THEORYCHECK_CORPUS_DIR: corpus, THEORYCHECK_CORPUS: 'write' },
    );
    expect(explored.code, explored.stderr).toBe(0);
    const saved = /saved counterexample (\S+)/.exec(explored.stdout)?.[1];
    expect(saved, explored.stdout).toBeDefined();
    const file = JSON.parse(readFileSync(saved!, 'utf8'));
    file.regime = 'holding-domain';
    file.expected = 'holds';
    mkdirSync(join(corpus, 'zhang2025', 'huberized-relu-well-formed'), { recursive: true });
    writeFileSync(saved!, JSON.stringify(file));
    const verified = await inProcess(['verify', '--claim', huber, '--profile', 'smoke', '--runs', '3', '--out', out], {
      THEORYCHECK_CORPUS_DIR: corpus,
    });
    expect(verified.code, verified.stdout + verified.stderr).toBe(1);
    expect(verified.stdout).toMatch(/FAIL zhang2025\/huberized-relu-well-formed \[holding-domain\] fails/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.corpus).toContainEqual(expect.objectContaining({ claimId: huber, stillFails: true, params: file.params }));
    // The stored case replays exactly from its file.
    const replayed = await inProcess(['reproduce', '--file', saved!]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain('the stored failure reproduces exactly');
    // `corpus` replays every stored case: a drifted margin and a case that now passes are flagged, --prune settles both.
    const truth = file.observed.margin;
    writeFileSync(saved!, JSON.stringify({ ...file, observed: { ...file.observed, margin: truth * 2 } }));
    const passing = join(corpus, 'zhang2025', 'huberized-relu-well-formed', 'passing.json');
    writeFileSync(passing, JSON.stringify({ ...file, params: { ...file.params, q: 3 } }));
    const audit = await inProcess(['corpus', '--claim', huber], { THEORYCHECK_CORPUS_DIR: corpus });
    expect(audit.code).toBe(1);
    expect(audit.stdout).toMatch(/^drift .*\.json \[holding-domain\]: margin/m);
    expect(audit.stdout).toMatch(/^stale .*passing\.json \[holding-domain\]: now pass/m);
    expect((await inProcess(['corpus', '--claim', huber, '--prune'], { THEORYCHECK_CORPUS_DIR: corpus })).code).toBe(0);
    expect(existsSync(passing)).toBe(false);
    expect(JSON.parse(readFileSync(saved!, 'utf8')).observed.margin).toBe(truth);
    const clean = await inProcess(['corpus', '--claim', huber], { THEORYCHECK_CORPUS_DIR: corpus });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^exact /m);
    // A malformed corpus file stops the run with one line naming the file and field.
    writeFileSync(saved!, JSON.stringify({ ...file, backend: 7 }));
    expectOneLine(
      await inProcess(['verify', '--claim', huber, '--profile', 'smoke', '--runs', '3', '--out', out], { THEORYCHECK_CORPUS_DIR: corpus }),
      /malformed counterexample fixture .*\.json: field backend/,
    );
  });
});
