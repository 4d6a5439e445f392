import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { getBackend } from '../../src/compute/backends.ts';
import { runOnce } from '../../src/claims/runClaim.ts';
import { counterexamplePath, loadCorpus, readCounterexample, saveCounterexample } from '../../src/corpus/store.ts';
import { InputError } from '../../src/parameters/validation.ts';
import { thresholdClaim } from '../explore/fixtures/syntheticClaims.ts';

const backend = getBackend('float64');
const fresh = () => mkdtempSync(join(tmpdir(), 'theorycheck-corpus-'));

async function failingRecord() {
  return runOnce(thresholdClaim, { a: 10, b: 9, c: 'u', seed: 4 }, backend, 1000);
}

describe('the counterexample corpus on disk', () => {
  test('a counterexample is saved under its claim id with a name that depends only on the run', async () => {
    const dir = fresh();
    const record = await failingRecord();
    const found = {
      claim: thresholdClaim,
      regime: 'large a and b',
      expected: 'fails' as const,
      record,
      backend,
      fastCheck: { seed: 12, path: '3:1' },
    };
    const first = saveCounterexample(dir, found);
    expect(first.written).toBe(true);
    expect(first.path).toBe(counterexamplePath(dir, 'synthetic/threshold', record.params, 'float64'));
    expect(first.path.startsWith(join(dir, 'synthetic', 'threshold'))).toBe(true);
    const stored = readCounterexample(first.path).file;
    expect(stored).toMatchObject({
      claimId: 'synthetic/threshold',
      regime: 'large a and b',
      params: { a: 10, b: 9, c: 'u', seed: 4 },
      backend: 'float64',
      fastCheck: { seed: 12, path: '3:1' },
    });
    expect(stored.observed).toEqual({ outcome: 'fail', margin: -7.5, detail: 'a + b = 19 > 11', measured: { sum: 19 } });
    // Finding it again (a CI run) writes nothing: same name, file untouched.
    const before = statSync(first.path).mtimeMs;
    const text = readFileSync(first.path, 'utf8');
    expect(saveCounterexample(dir, { ...found, fastCheck: { seed: 99, path: '0' } })).toEqual({ path: first.path, written: false });
    expect(statSync(first.path).mtimeMs).toBe(before);
    expect(readFileSync(first.path, 'utf8')).toBe(text);
    // Another backend or seed is another case.
    expect(counterexamplePath(dir, 'synthetic/threshold', record.params, 'native')).not.toBe(first.path);
    expect(counterexamplePath(dir, 'synthetic/threshold', { ...record.params, seed: 5 }, 'float64')).not.toBe(first.path);
    expect(loadCorpus(dir, 'synthetic/threshold')).toHaveLength(1);
    expect(loadCorpus(dir, 'synthetic/other')).toEqual([]);
  });

  test('non-finite margins survive the round trip', async () => {
    const dir = fresh();
    const record = { ...(await failingRecord()), margin: -Infinity };
    const { path } = saveCounterexample(dir, {
      claim: thresholdClaim,
      regime: 'holding-domain',
      expected: 'holds',
      record,
      backend,
      fastCheck: null,
    });
    expect(readCounterexample(path).file.observed.margin).toBe(-Infinity);
  });

  describe('a malformed fixture is one clear error naming the file and the field', () => {
    const write = (content: string) => {
      const dir = fresh();
      mkdirSync(join(dir, 'synthetic', 'threshold'), { recursive: true });
      const path = join(dir, 'synthetic', 'threshold', 'bad.json');
      writeFileSync(path, content);
      return { dir, path };
    };
    const valid = async () => {
      const dir = fresh();
      const { path } = saveCounterexample(dir, {
        claim: thresholdClaim,
        regime: 'large a and b',
        expected: 'fails',
        record: await failingRecord(),
        backend,
        fastCheck: null,
      });
      return JSON.parse(readFileSync(path, 'utf8'));
    };

    test('invalid JSON', () => {
      const { dir } = write('{ not json');
      expect(() => loadCorpus(dir, 'synthetic/threshold')).toThrow(InputError);
      expect(() => loadCorpus(dir, 'synthetic/threshold')).toThrow(/malformed counterexample fixture .*bad\.json: not valid JSON/);
    });

    test.each([
      ['observed.margin', (f: any) => (f.observed.margin = 'small'), /field observed\.margin/],
      ['params.seed', (f: any) => delete f.params.seed, /field params: must include an integer seed/],
      ['backend', (f: any) => delete f.backend, /field backend/],
      ['claimId', (f: any) => (f.claimId = 'Not An Id'), /field claimId: a claim id such as/],
      ['an unknown field', (f: any) => (f.extra = 1), /field \(top level\)/],
    ])('%s', async (_name, spoil, message) => {
      const file = await valid();
      spoil(file);
      const { dir, path } = write(JSON.stringify(file));
      const error = (() => {
        try {
          loadCorpus(dir, 'synthetic/threshold');
        } catch (e) {
          return e as Error;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(InputError);
      expect(error!.message).toMatch(message);
      expect(error!.message).toContain(path.split('/').pop());
      expect(error!.message).not.toContain('\n');
    });

    test('a file under another claim folder', async () => {
      const file = await valid();
      file.claimId = 'synthetic/needle';
      const { dir } = write(JSON.stringify(file));
      expect(() => loadCorpus(dir, 'synthetic/threshold')).toThrow(
        /field claimId: is "synthetic\/needle" but the file lies under synthetic\/threshold/,
      );
    });
  });
});
