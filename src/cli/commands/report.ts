import type { Command } from 'commander';
import { readResultsFile } from '../../report/resultsSchema.ts';
import { writeReport } from '../../report/writeReport.ts';
import { requireOutputDirectory } from '../outputDirectory.ts';

export interface ReportOptions {
  in: string;
  out: string;
}

/**
 * Re-renders the HTML report (and a normalized results.json) from a results.json, without running
 * anything. The file is validated by value first (bad input: exit 2); a chart it cannot draw is a
 * note in the page, and a failure of the renderer itself leaves no file behind (exit 3).
 */
export async function report(options: ReportOptions): Promise<{ htmlPath: string }> {
  requireOutputDirectory(options.out);
  const file = readResultsFile(options.in);
  const { htmlPath } = await writeReport(options.out, file, { keepUnrendered: false });
  process.stdout.write(`report written to ${htmlPath} (${file.claims.length} claim results)\n`);
  return { htmlPath };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render reports/index.html again from a results.json (e.g. one merged from shards or copied from CI)')
    .option('--in <file>', 'results file to render', 'reports/results.json')
    .option('--out <dir>', 'report directory (index.html and results.json are written there)', 'reports')
    .action(async (options: ReportOptions) => {
      await report(options);
    });
}
