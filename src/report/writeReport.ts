import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from './reportModel.ts';
import { removeStaleStaging, stageFile, writeFileAtomic, type StagedFile } from './atomicWrite.ts';
import { renderReport } from './renderReport.ts';
import { resultsJson } from './resultsFile.ts';

export interface WriteReportOptions {
  /** The HTML renderer (replaceable so tests can make rendering fail). */
  readonly render?: (file: ResultsFile) => Promise<string>;
  /**
   * Whether a failed rendering keeps the results in results.unrendered.json (default true: a long
   * run is costly). `theorycheck report` says false: its results are the file it just read.
   */
  readonly keepUnrendered?: boolean;
}

export interface WrittenReport {
  readonly resultsPath: string;
  readonly htmlPath: string;
}

/**
 * The one place a run's report is written, from the vitest reporter, `theorycheck verify` and
 * `theorycheck report` alike. The HTML is rendered in memory before anything is written; then
 * results.json and index.html are staged beside their destinations and renamed into place. A run
 * that dies before the renames (or whose rendering throws) leaves the previous report intact;
 * the only window for a mixed pair is between the two renames.
 */
export async function writeReport(directory: string, file: ResultsFile, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const json = resultsJson(file);
  const resultsPath = join(directory, 'results.json');
  const htmlPath = join(directory, 'index.html');
  const unrendered = join(directory, 'results.unrendered.json');
  let page: string;
  try {
    page = await (options.render ?? renderReport)(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (options.keepUnrendered === false)
      throw new Error(`could not render the HTML report (${reason}); the report in ${directory} is unchanged`, { cause: error });
    // Keep the results (a long run is costly) without touching the previous report.
    writeFileAtomic(unrendered, json);
    throw new Error(
      `could not render the HTML report (${reason}); the previous report in ${directory} is unchanged, this run's results are in ${unrendered}`,
      { cause: error },
    );
  }
  for (const path of [resultsPath, htmlPath]) removeStaleStaging(path);
  const staged: StagedFile[] = [];
  try {
    staged.push(stageFile(resultsPath, json), stageFile(htmlPath, page));
  } catch (error) {
    for (const s of staged) s.discard();
    throw error;
  }
  for (const s of staged) s.commit();
  // Results kept aside by an earlier failed rendering are superseded now.
  rmSync(unrendered, { force: true });
  return { resultsPath, htmlPath };
}
