import type { Reporter, TestModule } from 'vitest/node';
import type { ClaimResult } from '../../claims/result.ts';
import { collectProvenance, backendsOf } from '../provenance.ts';
import { writeReport } from '../writeReport.ts';
import { profileFromEnvironment } from '../../claims/profile.ts';

export interface TheorycheckReporterOptions {
  /** Where results.json (and the HTML report) go. Default: reports/. */
  readonly outputDir?: string;
}

/**
 * Collects the claim results that tests put in their task metadata and writes the report files
 * at the end of the run. Works the same on a merged blob report (`vitest --merge-reports`).
 */
export class TheorycheckReporter implements Reporter {
  private readonly startedAt = new Date();

  constructor(private readonly options: TheorycheckReporterOptions = {}) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: ReadonlyArray<unknown>, reason: 'passed' | 'interrupted' | 'failed'): void {
    const results: ClaimResult[] = [];
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const result = testCase.meta().theorycheck;
        if (result) results.push(result);
      }
    }
    if (!results.length) return;
    const outputDir = this.options.outputDir ?? 'reports';
    writeReport(
      outputDir,
      results,
      collectProvenance({
        profile: profileFromEnvironment(),
        seed: Number(process.env.THEORYCHECK_SEED ?? 42),
        backends: backendsOf(results),
        startedAt: this.startedAt,
        partial: reason === 'interrupted',
        command: 'vitest',
      }),
    );
  }
}
