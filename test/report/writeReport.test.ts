import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../../src/report/writeReport.ts';
import { createRng } from '../../src/random/rng.ts';
import { fixtureResults } from './fixture.ts';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'theorycheck-report-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(directory, name), 'utf8');

describe('writing the report is atomic', () => {
  test('a rendering failure leaves the previous report as it was, and keeps the new results aside', async () => {
    const previous = fixtureResults({ seed: 1 });
    await writeReport(directory, previous, { render: async () => '<!DOCTYPE html><p>previous</p>\n' });
    const before = { html: read('index.html'), json: read('results.json') };
    const next = fixtureResults({ seed: 2, partial: true });
    await expect(
      writeReport(directory, next, {
        render: async () => {
          throw new Error('chart exploded');
        },
      }),
    ).rejects.toThrow(
      /could not render the HTML report \(chart exploded\); the previous report .* is unchanged, this run's results are in .*results\.unrendered\.json/,
    );
    expect(read('index.html')).toBe(before.html);
    expect(read('results.json')).toBe(before.json);
    expect(JSON.parse(read('results.unrendered.json')).provenance.partial).toBe(true);
    expect(readdirSync(directory).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // A later successful report supersedes the results kept aside.
    await writeReport(directory, next, { render: async () => '<!DOCTYPE html><p>next</p>\n' });
    expect(read('index.html')).toBe('<!DOCTYPE html><p>next</p>\n');
    expect(existsSync(join(directory, 'results.unrendered.json'))).toBe(false);
  });

  test('a writer killed mid-write leaves each file whole: its old or its new content, never a torn one', async () => {
    const rng = createRng('atomic-kill');
    const variantLength = (v: string) =>
      read('index.html').length === `<!DOCTYPE html><html><body data-variant="${v}">`.length + 16 * 2 ** 20 + `${v}</body></html>\n`.length;
    let caughtMidWrite = 0;
    // At least two kills, and more (up to 12) until one lands inside a write: on a fast, quiet machine
    // a kill at a random moment can fall between two writes, which proves nothing either way.
    for (let attempt = 0; attempt < 12 && (attempt < 2 || caughtMidWrite === 0); attempt++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'writeReportLoop.ts'), directory, '16'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
      });
      await new Promise((r) => setTimeout(r, 20 + rng.integer(200)));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const staged = readdirSync(directory).filter((n) => n.endsWith('.tmp'));
      if (staged.length) caughtMidWrite++;
      const html = read('index.html');
      const variant = /data-variant="(\d)"/.exec(html)?.[1];
      expect(variant === '0' || variant === '1').toBe(true);
      expect(html.endsWith(`${variant}</body></html>\n`)).toBe(true);
      expect(variantLength(variant!)).toBe(true);
      expect(JSON.parse(read('results.json')).provenance.command).toMatch(/^variant [01]$/);
    }
    // The kills did land inside writes (staged files were left behind) ...
    expect(caughtMidWrite).toBeGreaterThan(0);
    // ... and the next report clears what the dead writers left.
    await writeReport(directory, fixtureResults(), { render: async () => '<!DOCTYPE html>\n' });
    expect(readdirSync(directory).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 45_000);
});
