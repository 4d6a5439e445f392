import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegimeMap, ResultsFile } from '../report/reportModel.ts';
import type { RunProvenance } from '../report/provenance.ts';

/** The existing results.json, or null when there is none (or it cannot be read as one). */
export function readResultsFile(directory: string, warn: (message: string) => void = () => {}): ResultsFile | null {
  const path = join(directory, 'results.json');
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
    if (!parsed || !Array.isArray(parsed.claims)) throw new Error('no "claims" array');
    return parsed;
  } catch (error) {
    warn(`${path} could not be read (${(error as Error).message}); writing a new one with this map only`);
    return null;
  }
}

/** Adds maps to a results file, replacing any map for the same claim and axes. */
export function mergeMaps(existing: ResultsFile | null, maps: readonly RegimeMap[], provenance: RunProvenance): ResultsFile {
  const sameMap = (a: RegimeMap, b: RegimeMap) => a.claimId === b.claimId && a.x === b.x && a.y === b.y;
  const kept = (existing?.maps ?? []).filter((old) => !maps.some((m) => sameMap(old, m)));
  return {
    ...(existing ?? {}),
    claims: existing?.claims ?? [],
    provenance: existing?.provenance ?? provenance,
    maps: [...kept, ...maps],
  };
}
