import type { ResultsFile } from './reportModel.ts';
import { writeResultsFile } from './resultsFile.ts';

/**
 * The one place a run's report is written, from the vitest reporter and from `theorycheck
 * verify` alike. Every file is written atomically, so a run that dies midway leaves the previous
 * report intact.
 */
export function writeReport(directory: string, file: ResultsFile): { resultsPath: string } {
  const resultsPath = writeResultsFile(directory, file);
  return { resultsPath };
}
