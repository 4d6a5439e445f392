import type { ClaimResult } from '../claims/result.ts';
import type { RunProvenance } from './provenance.ts';
import { writeResultsFile } from './resultsFile.ts';

/**
 * The one place a run's report is written, from the vitest reporter and from `theorycheck
 * verify` alike. Every file is written atomically, so a run that dies midway leaves the previous
 * report intact.
 */
export function writeReport(directory: string, claims: ClaimResult[], provenance: RunProvenance): { resultsPath: string } {
  const resultsPath = writeResultsFile(directory, { claims, provenance });
  return { resultsPath };
}
