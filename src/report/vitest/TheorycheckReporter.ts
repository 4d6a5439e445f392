import type { Reporter, TestModule, Vitest } from 'vitest/node';
import type { ClaimResult } from '../../claims/result.ts';
import type { ExperimentReport, RegimeMap } from '../reportModel.ts';
import { runResultsFile } from '../runResults.ts';
import { writeReport } from '../writeReport.ts';
import { readEnvironment } from '../../config/environment.ts';
import { getBackend } from '../../compute/backends.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Regime maps a test computed, for the report. */
    theorycheckMaps?: RegimeMap[];
    /** Reproduced experiments a test ran, for the report. */
    theorycheckExperiments?: ExperimentReport[];
  }
}

/** Options of the vitest reporter. */
export interface TheorycheckReporterOptions {
  /** Where results.json and index.html go. Default: $THEORYCHECK_REPORT_DIR, else reports/. */
  readonly outputDir?: string;
}

/**
 * Collects the claim results, maps and experiments that tests put in their task metadata and
 * writes the report (results.json and index.html) at the end of the run. Works the same on a
 * merged blob report (`vitest --merge-reports`), which is how sharded sweeps become one report;
 * it is the module's default export so that `--reporter=./src/report/vitest/TheorycheckReporter.ts`
 * and `reporters: [['./src/report/vitest/TheorycheckReporter.ts', { outputDir }]]` find it.
 */
export class TheorycheckReporter implements Reporter {
  private readonly startedAt = new Date();
  private mergedFrom: string | null = null;

  constructor(private readonly options: TheorycheckReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.mergedFrom = vitest.config.mergeReports || null;
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: ReadonlyArray<unknown>, reason: 'passed' | 'interrupted' | 'failed'): Promise<void> {
    const claims: ClaimResult[] = [];
    const maps: RegimeMap[] = [];
    const experiments: ExperimentReport[] = [];
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed' || state === 'failed') counts[state]++;
        else counts.skipped++;
        const meta = testCase.meta();
        if (meta.theorycheck) claims.push(meta.theorycheck);
        maps.push(...(meta.theorycheckMaps ?? []));
        experiments.push(...(meta.theorycheckExperiments ?? []));
      }
    }
    // The plain closing line CI logs are read for, whatever else the run printed.
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    if (!claims.length && !maps.length && !experiments.length) return;
    const environment = readEnvironment();
    const file = runResultsFile({
      claims,
      maps,
      experiments,
      profile: environment.profile,
      seed: environment.seed,
      // The backend the tests resolved, so that a fallback reason reaches the provenance.
      backends: [getBackend(environment.backend)],
      startedAt: this.startedAt,
      partial: reason === 'interrupted',
      command: this.mergedFrom ? `vitest --merge-reports ${this.mergedFrom}` : 'vitest',
    });
    const { htmlPath } = await writeReport(this.options.outputDir ?? environment.reportDirectory, file);
    process.stderr.write(`theorycheck report: ${htmlPath}\n`);
  }
}

export default TheorycheckReporter;
