import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readRegularFileIfPresent } from '../io/readRegularFile.ts';
import { join } from 'node:path';
import type { Claim, ClaimParameters } from '../claims/claim.ts';
import type { RunRecord } from '../claims/result.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import { writeFileAtomic } from '../report/atomicWrite.ts';
import { canonicalJson, parseCanonicalJson } from './canonicalJson.ts';
import { engineVersion } from './engineVersion.ts';
import { type CacheMode, environmentSetting } from '../config/environment.ts';

export type { CacheMode } from '../config/environment.ts';

export interface CacheKeyParts {
  readonly claimId: string;
  readonly params: ClaimParameters & { seed: number };
  readonly backend: string;
  readonly engineVersion: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** A cached run is a few kilobytes; a file far larger is not one. */
const MAX_CACHED_RECORD_BYTES = 64 * 1024 * 1024;

/** The shape a cached record must have to be used in place of a run. */
function isRunRecord(value: unknown): value is RunRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Partial<RunRecord>;
  return (
    ['pass', 'fail', 'diverged', 'timeout', 'error'].includes(r.outcome as string) &&
    (r.margin === null || typeof r.margin === 'number') &&
    !!r.params &&
    typeof r.params === 'object' &&
    (r.measured === null || (typeof r.measured === 'object' && !Array.isArray(r.measured)))
  );
}

/**
 * Results of finished runs keyed by (claim, parameters, seed, backend, engine version), so that
 * re-reporting, shrinking and refining a map never train the same network twice. Kept in memory
 * and, in `disk` mode, under .cache/results (gitignored). Time-outs and errors are not cached:
 * they depend on the machine's load, not on the run.
 */
export class ResultCache {
  private readonly memory = new Map<string, RunRecord>();

  constructor(
    readonly mode: CacheMode = 'disk',
    readonly directory: string = join(process.cwd(), '.cache', 'results'),
    readonly version: string = engineVersion(),
  ) {}

  key(claimId: string, params: ClaimParameters & { seed: number }, backend: string): string {
    return cacheKey({ claimId, params, backend, engineVersion: this.version });
  }

  get(key: string): RunRecord | undefined {
    if (this.mode === 'off') return undefined;
    const inMemory = this.memory.get(key);
    if (inMemory) return inMemory;
    if (this.mode !== 'disk') return undefined;
    try {
      // The cache is ours, not input: anything but a plain, well-formed record is a miss (the run is recomputed), never an error.
      const bytes = readRegularFileIfPresent(this.pathOf(key), { what: 'cached run', maxBytes: MAX_CACHED_RECORD_BYTES });
      if (bytes === null) return undefined;
      const record = parseCanonicalJson<RunRecord>(bytes.toString('utf8'));
      if (!isRunRecord(record)) return undefined;
      this.memory.set(key, record);
      return record;
    } catch {
      return undefined;
    }
  }

  set(key: string, record: RunRecord): void {
    if (this.mode === 'off' || record.outcome === 'timeout' || record.outcome === 'error') return;
    this.memory.set(key, record);
    if (this.mode !== 'disk') return;
    try {
      mkdirSync(join(this.directory, key.slice(0, 2)), { recursive: true });
      writeFileAtomic(this.pathOf(key), canonicalJson(record));
    } catch {
      // A read-only checkout still runs; it only loses the disk cache.
    }
  }

  /** Returns the cached record or runs `compute` and stores what it returns. */
  async through(
    claim: Claim<any, any>,
    params: ClaimParameters & { seed: number },
    backend: ComputeBackend,
    compute: () => Promise<RunRecord>,
  ): Promise<RunRecord & { cached: boolean }> {
    const key = this.key(claim.id, params, backend.name);
    const hit = this.get(key);
    if (hit) {
      return { ...hit, params, cached: true };
    }
    const record = await compute();
    this.set(key, record);
    return { ...record, cached: false };
  }

  private pathOf(key: string): string {
    return join(this.directory, key.slice(0, 2), `${key}.json`);
  }
}

/** THEORYCHECK_CACHE=off|memory|disk (default disk). */
export function cacheModeFromEnvironment(): CacheMode {
  return environmentSetting('cache');
}

let shared: ResultCache | null = null;

/** The process-wide cache the runner, the explorer and the corpus share. */
export function sharedCache(): ResultCache {
  if (!shared || shared.mode !== cacheModeFromEnvironment()) shared = new ResultCache(cacheModeFromEnvironment());
  return shared;
}
