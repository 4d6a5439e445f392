import { join } from 'node:path';
import { InputError } from '../parameters/validation.ts';
import type { RunProvenance } from './provenance.ts';
import type { ExperimentReport, RegimeMap, ResultsFile } from './reportModel.ts';
import { readResultsFileIfPresent } from './resultsSchema.ts';
import { writeReport, type WrittenReport } from './writeReport.ts';

export interface ResultsAdditions {
  readonly maps?: readonly RegimeMap[];
  readonly experiments?: readonly ExperimentReport[];
}

/**
 * The results.json a command will merge into, validated: null when there is none (the report
 * starts fresh); anything unreadable or malformed is an InputError (exit 2), so that nothing is
 * overwritten. Commands call this before their long run, not after it.
 */
export function readExistingResults(directory: string): ResultsFile | null {
  try {
    return readResultsFileIfPresent(join(directory, 'results.json'));
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${error.message}; move it away or pass --out <dir>`);
    throw error;
  }
}

const sameMap = (a: RegimeMap, b: RegimeMap) => a.claimId === b.claimId && a.x === b.x && a.y === b.y;

/**
 * Keeps every claim, map and experiment of an existing report, replacing maps by (claim, x, y)
 * and experiments by id. The existing provenance is kept; `fresh` is called only for a new report.
 */
export function mergeResults(existing: ResultsFile | null, additions: ResultsAdditions, fresh: () => RunProvenance): ResultsFile {
  const base: ResultsFile = existing ?? { claims: [], provenance: fresh() };
  const maps = additions.maps ?? [];
  const experiments = additions.experiments ?? [];
  return {
    ...base,
    ...(maps.length || base.maps ? { maps: [...(base.maps ?? []).filter((old) => !maps.some((m) => sameMap(old, m))), ...maps] } : {}),
    ...(experiments.length || base.experiments
      ? { experiments: [...(base.experiments ?? []).filter((old) => !experiments.some((e) => e.id === old.id)), ...experiments] }
      : {}),
  };
}

/** Merges maps and experiments into `directory`'s report (read beforehand with readExistingResults) and writes it. */
export function mergeIntoReport(
  directory: string,
  existing: ResultsFile | null,
  additions: ResultsAdditions,
  fresh: () => RunProvenance,
): Promise<WrittenReport> {
  return writeReport(directory, mergeResults(existing, additions, fresh));
}
