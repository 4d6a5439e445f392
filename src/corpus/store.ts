import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Claim, ClaimParameters, Measured } from '../claims/claim.ts';
import type { RunRecord } from '../claims/result.ts';
import { InputError } from '../parameters/validation.ts';
import { writeFileAtomic } from '../report/atomicWrite.ts';
import { canonicalJson, parseCanonicalJson } from '../cache/canonicalJson.ts';
import { parseBoundedJson } from '../io/boundedJson.ts';
import { readRegularFile } from '../io/readRegularFile.ts';
import { packageVersion } from '../cache/engineVersion.ts';
import { counterexampleFileSchema, type CounterexampleFile } from './schema.ts';
import { findParamProblem } from './paramValues.ts';

/** A stored case is a few hundred bytes; anything near this is not one. */
export const MAX_COUNTEREXAMPLE_BYTES = 1024 * 1024;

export type { CorpusMode } from '../config/environment.ts';

/** The file name depends only on what identifies the run, so a CI run that finds the same case again writes nothing. */
export function counterexamplePath(
  directory: string,
  claimId: string,
  params: ClaimParameters & { seed: number },
  backend: string,
): string {
  const hash = createHash('sha256').update(canonicalJson({ claimId, params, backend })).digest('hex').slice(0, 16);
  return join(directory, ...claimId.split('/'), `${hash}.json`);
}

export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') ? path : shown;
}

function scalarMeasurements(measured: Measured | null): Record<string, number | string | boolean | null> {
  const out: Record<string, number | string | boolean | null> = {};
  for (const [name, value] of Object.entries(measured ?? {})) {
    if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) out[name] = value as number | string | boolean | null;
  }
  return out;
}

export interface NewCounterexample {
  readonly claim: Claim<any, any>;
  readonly regime: string;
  readonly expected: CounterexampleFile['expected'];
  readonly record: RunRecord;
  readonly backend: { name: string; device: string };
  readonly fastCheck: CounterexampleFile['fastCheck'];
}

/**
 * Saves a counterexample unless a file for the same run exists already (no churn); `overwrite`
 * refreshes a stored case whose observation drifted (`theorycheck corpus --prune`).
 */
export function saveCounterexample(directory: string, found: NewCounterexample, overwrite = false): { path: string; written: boolean } {
  const path = counterexamplePath(directory, found.claim.id, found.record.params, found.backend.name);
  if (existsSync(path) && !overwrite) return { path, written: false };
  // Only values the claim's domain can take become evidence: what a replay would refuse is never written.
  if (findParamProblem(found.claim, found.record.params)) return { path, written: false };
  const file: CounterexampleFile = {
    format: 1,
    claimId: found.claim.id,
    regime: found.regime,
    expected: found.expected,
    params: found.record.params,
    backend: found.backend.name as CounterexampleFile['backend'],
    device: found.backend.device,
    fastCheck: found.fastCheck,
    packageVersion: packageVersion(),
    observed: {
      outcome: 'fail',
      margin: found.record.margin,
      detail: found.record.detail ?? null,
      measured: scalarMeasurements(found.record.measured) as CounterexampleFile['observed']['measured'],
    },
  };
  writeFileAtomic(path, `${JSON.stringify(JSON.parse(canonicalJson(file)), null, 1)}\n`);
  return { path, written: true };
}

/** A counterexample file read back from the corpus, with its path. */
export interface StoredCounterexample {
  readonly path: string;
  readonly file: CounterexampleFile;
}

/**
 * Reads and validates one fixture; a malformed one is an InputError naming the file and the field,
 * quoting none of its content. Only a regular file of at most 1 MiB is read; inside a corpus
 * (`within`), a symbolic link must point inside it.
 */
export function readCounterexample(path: string, within?: string): StoredCounterexample {
  const bytes = readRegularFile(path, {
    what: 'counterexample file',
    maxBytes: MAX_COUNTEREXAMPLE_BYTES,
    within,
    shown: displayPath(path),
  });
  const raw = parseBoundedJson(bytes.toString('utf8'), `malformed counterexample fixture ${displayPath(path)}`, {
    maxDepth: 8,
    maxStringLength: 10_000,
  });
  const parsed = counterexampleFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new InputError(`malformed counterexample fixture ${displayPath(path)}: field ${field}: ${issue.message}`);
  }
  // Re-read through the canonical parser so stored non-finite margins come back as numbers.
  const file = parseCanonicalJson<CounterexampleFile>(JSON.stringify(parsed.data));
  return { path, file };
}

/** Every stored counterexample of one claim, sorted by file name so replays run in a fixed order. */
export function loadCorpus(directory: string, claimId: string): StoredCounterexample[] {
  const folder = join(directory, ...claimId.split('/'));
  if (!existsSync(folder)) return [];
  const stored = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readCounterexample(join(folder, name), directory));
  for (const { path, file } of stored) {
    if (file.claimId !== claimId)
      throw new InputError(
        `malformed counterexample fixture ${displayPath(path)}: field claimId: is "${file.claimId}" but the file lies under ${claimId}`,
      );
  }
  return stored;
}
