import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';
import { createRng } from '../../src/random/rng.ts';
import { STOP_SIGNALS, type StopSignal } from '../../src/cli/signals.ts';

// SIGINT, SIGTERM and SIGHUP during `verify` and during vitest (through the reporter) write the
// gathered results as a partial report and exit with 130, 143, 129. Real processes: a signal is
// the thing under test. Each signal is sent at two seeded random times after the first run.

interface Stopped {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Seconds from the signal to the exit. */
  exitS: number;
}

/** Spawns `args` (node + script), sends `signal` `delayMs` after `ready(stderr)` first holds, and waits (at most 10 s after the signal). */
function stopAfter(
  args: string[],
  env: Record<string, string>,
  signal: StopSignal,
  delayMs: number,
  ready: (stderr: string) => boolean,
): Promise<Stopped> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    let hang: NodeJS.Timeout | undefined;
    const send = () => {
      if (sentAt) return;
      sentAt = Date.now();
      setTimeout(() => {
        sentAt = Date.now();
        child.kill(signal);
        hang = setTimeout(() => {
          child.kill('SIGKILL');
          fail(new Error(`no exit within 10 s of ${signal}\nstdout: ${stdout}\nstderr: ${stderr}`));
        }, 10_000);
      }, delayMs);
    };
    const check = () => ready(stderr) && send();
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => ((stderr += d), check()));
    const poll = setInterval(check, 100);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(hang);
      done({ code, stdout, stderr, exitS: (Date.now() - sentAt) / 1000 });
    });
  });
}

const BIN = join(repositoryRoot, 'bin', 'theorycheck.mjs');
const rng = createRng('signals-during-verify');
const signals = Object.keys(STOP_SIGNALS) as StopSignal[];
// Two seeded random times per signal, between the first run and ~1.5 s into the search.
const cases = signals.flatMap((signal) => [0, 1].map(() => ({ signal, delayMs: Math.floor(rng.uniform() * 1500) })));
export const signalCases = { verify: cases.length, explore: 1, vitest: signals.length };

describe('signals during verify', () => {
  test.concurrent.each(cases)(
    '$signal after $delayMs ms: a partial report, "interrupted" in the summary, exit code',
    { timeout: 120_000 },
    async ({ signal, delayMs }) => {
      const out = mkdtempSync(join(tmpdir(), 'theorycheck-signal-out-'));
      const result = await stopAfter(
        [BIN, 'verify', '--claim', 'zhang2025/stable-rank-algebra', '--profile', 'deep', '--runs', '1000000', '--out', out],
        { THEORYCHECK_CACHE: 'memory', THEORYCHECK_CORPUS_DIR: mkdtempSync(join(tmpdir(), 'theorycheck-signal-corpus-')) },
        signal,
        delayMs,
        (stderr) => stderr.includes('[1/'),
      );
      const context = `stdout: ${result.stdout}\nstderr: ${result.stderr}`;
      expect(result.code, context).toBe(STOP_SIGNALS[signal]);
      expect(result.exitS, context).toBeLessThan(10);
      // Never "as expected": the regimes it cut short are counted as interrupted.
      expect(result.stdout, context).toMatch(
        new RegExp(`^0 as expected, 0 not, [1-9]\\d* interrupted \\(partial run: stopped by ${signal}\\)`, 'm'),
      );
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.provenance).toMatchObject({ partial: true, stoppedBy: signal });
      expect(results.claims.length).toBeGreaterThan(0);
      for (const claim of results.claims) expect(claim.stoppedBy, claim.regime).toBe(signal);
      const page = readFileSync(join(out, 'index.html'), 'utf8');
      expect(page).toContain('id="partial-banner"');
      expect(page).toMatch(/data-count="interrupted"><span class="count-value">[1-9]/);
    },
  );
});

describe('signals during explore', () => {
  test('SIGHUP while the map is drawn: the map merged as far as it got, marked partial, exit 129', { timeout: 120_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'theorycheck-signal-explore-'));
    const result = await stopAfter(
      [
        BIN,
        'explore',
        'zhang2025/stable-rank-algebra',
        '--x',
        'rows=2:40:20',
        '--y',
        'cols=2:40:20',
        '--seeds',
        '50',
        '--target',
        '0',
        '--out',
        out,
      ],
      { THEORYCHECK_CACHE: 'memory', THEORYCHECK_CORPUS_DIR: mkdtempSync(join(tmpdir(), 'theorycheck-signal-corpus-')) },
      'SIGHUP',
      Math.floor(rng.uniform() * 1000),
      (stderr) => stderr.includes('[1/'),
    );
    const context = `stdout: ${result.stdout}\nstderr: ${result.stderr}`;
    expect(result.code, context).toBe(129);
    expect(result.exitS, context).toBeLessThan(10);
    expect(result.stdout, context).toMatch(/stopped early, the map is partial/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.provenance).toMatchObject({ partial: true, stoppedBy: 'SIGHUP' });
    expect(results.maps).toHaveLength(1);
  });
});

describe('signals during vitest', () => {
  test.concurrent.each(signals)(
    '%s while a test runs: the finished tests are written as a partial report, exit 128 + the signal',
    { timeout: 120_000 },
    async (signal) => {
      const workspace = mkdtempSync(join(tmpdir(), 'theorycheck-signal-vitest-'));
      const mark = join(workspace, 'running');
      const out = join(workspace, 'report');
      // A clean environment: this process is itself a vitest worker.
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST'),
      );
      const result = await new Promise<Stopped>((done, fail) => {
        const child = spawn(
          process.execPath,
          [resolve('node_modules/vitest/vitest.mjs'), 'run', '--config', resolve('test/reliability/signals/vitest.config.ts')],
          {
            env: { ...clean, THEORYCHECK_SIGNAL_MARK: mark, THEORYCHECK_REPORT_DIR: out },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        let sentAt = 0;
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        const poll = setInterval(async () => {
          if (sentAt || !existsSync(mark)) return;
          sentAt = Date.now();
          // Let the first test's result reach the reporter (a loaded machine is slow to deliver it).
          await sleep(2000);
          sentAt = Date.now();
          child.kill(signal);
        }, 100);
        const hang = setTimeout(() => {
          child.kill('SIGKILL');
          fail(new Error(`vitest did not exit\n${stdout}\n${stderr}`));
        }, 100_000);
        child.on('close', (code) => {
          clearInterval(poll);
          clearTimeout(hang);
          done({ code, stdout, stderr, exitS: (Date.now() - sentAt) / 1000 });
        });
      });
      const context = `stdout: ${result.stdout}\nstderr: ${result.stderr}`;
      expect(result.code, context).toBe(STOP_SIGNALS[signal]);
      expect(result.exitS, context).toBeLessThan(10);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.provenance).toMatchObject({ partial: true, stoppedBy: signal });
      expect(results.claims, context).toHaveLength(1);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('id="partial-banner"');
    },
  );
});
