import type { Reporter, TestModule } from 'vitest/node';
import type { ClaimResult } from '../../claims/result.ts';
import type { ExperimentReport, RegimeMap } from '../reportModel.ts';
import { collectProvenance, backendsOf } from '../provenance.ts';
import { writeReport } from '../writeReport.ts';
import { profileFromEnvironment } from '../../claims/profile.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Regime maps a test computed, for the report. */
    theorycheckMaps?: RegimeMap[];
    /** Reproduced experiments a test ran, for the report. */
    theorycheckExperiments?: ExperimentReport[];
  }
}

export interface TheorycheckReporterOptions {
  /** Where results.json (and the HTML report) go. Default: reports/. */
  readonly outputDir?: string;
}

/**
 * Collects the claim results, maps and experiments that tests put in their task metadata and
 * writes the report at the end of the run. Works the same on a merged blob report
 * (`vitest --merge-reports`), which is how sharded sweeps become one report.
 */
export class TheorycheckReporter implements Reporter {
  private readonly startedAt = new Date();

  constructor(private readonly options: TheorycheckReporterOptions = {}) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: ReadonlyArray<unknown>, reason: 'passed' | 'interrupted' | 'failed'): void {
    const claims: ClaimResult[] = [];
    const maps: RegimeMap[] = [];
    const experiments: ExperimentReport[] = [];
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const meta = testCase.meta();
        if (meta.theorycheck) claims.push(meta.theorycheck);
        maps.push(...(meta.theorycheckMaps ?? []));
        experiments.push(...(meta.theorycheckExperiments ?? []));
      }
    }
    if (!claims.length && !maps.length && !experiments.length) return;
    writeReport(this.options.outputDir ?? 'reports', {
      claims,
      maps,
      experiments,
      provenance: collectProvenance({
        profile: profileFromEnvironment(),
        seed: Number(process.env.THEORYCHECK_SEED ?? 42),
        backends: backendsOf(claims),
        startedAt: this.startedAt,
        partial: reason === 'interrupted',
        command: 'vitest',
      }),
    });
  }
}
