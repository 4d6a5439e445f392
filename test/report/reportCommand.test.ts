import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from '../../src/cli/commands/report.ts';
import { describeError, EXIT_BAD_INPUT } from '../../src/cli/errors.ts';
import { fixtureResults } from './fixture.ts';
import { runCliInProcess } from '../helpers/cliInProcess.ts';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'theorycheck-report-cli-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function failureOf(input: string): Promise<{ message: string; exitCode: number }> {
  try {
    await report({ in: input, out: join(directory, 'out') });
  } catch (error) {
    return describeError(error);
  }
  throw new Error('report accepted a bad results file');
}

describe('theorycheck report', () => {
  test('re-renders index.html from a results.json and keeps results.json beside it', async () => {
    const input = join(directory, 'in.json');
    const file = fixtureResults();
    writeFileSync(input, JSON.stringify(file));
    const { htmlPath } = await report({ in: input, out: join(directory, 'out') });
    const page = readFileSync(htmlPath, 'utf8');
    for (const claim of file.claims) expect(page).toContain(`data-claim="${claim.id}" data-regime="${claim.regime}"`);
    expect(JSON.parse(readFileSync(join(directory, 'out', 'results.json'), 'utf8'))).toEqual(
      JSON.parse(
        JSON.stringify({ ...file, claims: [...file.claims].sort((a, b) => a.id.localeCompare(b.id) || a.regime.localeCompare(b.regime)) }),
      ),
    );
  }, 20_000);

  test('a malformed results.json is one clear line and exit code 2', async () => {
    const wrongVerdict = join(directory, 'verdict.json');
    const file = JSON.parse(JSON.stringify(fixtureResults()));
    file.claims[1].verdict = 'maybe';
    writeFileSync(wrongVerdict, JSON.stringify(file));
    const a = await failureOf(wrongVerdict);
    expect(a.exitCode).toBe(EXIT_BAD_INPUT);
    expect(a.message).toBe(
      `theorycheck: malformed results file ${wrongVerdict}: claims[1].verdict: Invalid option: expected one of "holds"|"fails"|"inconclusive"`,
    );

    const notJson = join(directory, 'broken.json');
    writeFileSync(notJson, '{"claims": [');
    const b = await failureOf(notJson);
    expect(b.exitCode).toBe(EXIT_BAD_INPUT);
    expect(b.message).toMatch(/^theorycheck: malformed results file .*broken\.json: not valid JSON \(it ends early\)$/);

    const c = await failureOf(join(directory, 'missing.json'));
    expect(c).toMatchObject({ exitCode: EXIT_BAD_INPUT, message: expect.stringContaining('no such file') });
    for (const { message } of [a, b, c]) expect(message).not.toContain('\n');
  });

  test('through the CLI (main(), in this process): exit 2 and one line on stderr', async () => {
    const input = join(directory, 'no-provenance.json');
    writeFileSync(input, JSON.stringify({ claims: [] }));
    const run = await runCliInProcess(['report', '--in', input, '--out', join(directory, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `theorycheck: malformed results file ${input}: provenance: Invalid input: expected object, received undefined`,
    ]);
  }, 30_000);
});
