import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import type { ClaimResult, SuiteStop } from '../../claims/result.ts';
import type { ExperimentReport, RegimeMap } from '../reportModel.ts';
import { runResultsFile } from '../runResults.ts';
import { writeReport } from '../writeReport.ts';
import { readEnvironment } from '../../config/environment.ts';
import { getBackend } from '../../compute/backends.ts';
import { STOP_SIGNALS, type StopSignal } from '../../cli/signals.ts';

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
 *
 * SIGINT, SIGTERM or SIGHUP during the run write what the finished tests gathered as a report
 * marked partial, then exit with 130, 143 or 129.
 */
export class TheorycheckReporter implements Reporter {
  private readonly startedAt = new Date();
  private mergedFrom: string | null = null;
  /** Tests finished so far, for a partial report if a signal ends the run. */
  private readonly finished: TestCase[] = [];
  private stopping = false;
  private readonly handlers = new Map<StopSignal, () => void>();

  constructor(private readonly options: TheorycheckReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.mergedFrom = vitest.config.mergeReports || null;
    for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
      const handler = () => this.onSignal(signal);
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  onTestCaseResult(testCase: TestCase): void {
    this.finished.push(testCase);
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    _errors: ReadonlyArray<unknown>,
    reason: 'passed' | 'interrupted' | 'failed',
  ): Promise<void> {
    this.disarm();
    const testCases = testModules.flatMap((module) => [...module.children.allTests()]);
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testCase of testCases) {
      const state = testCase.result().state;
      if (state === 'passed' || state === 'failed') counts[state]++;
      else counts.skipped++;
    }
    // The plain closing line CI logs are read for, whatever else the run printed.
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    await this.write(testCases, reason === 'interrupted');
  }

  /**
   * vitest's own SIGINT/SIGTERM handler exits the process a millisecond later; the report is
   * rendered asynchronously, so process.exit is held until it is written, then the signal's code is
   * the exit code. A second signal exits at once (the report files are renamed into place whole).
   */
  private onSignal(signal: StopSignal): void {
    const code = STOP_SIGNALS[signal];
    const exit = process.exit.bind(process) as (code?: number) => never;
    if (this.stopping) exit(code);
    this.stopping = true;
    process.exit = (() => undefined) as never;
    process.stderr.write(`\ntheorycheck: ${signal} received; writing the ${this.finished.length} finished tests as a partial report\n`);
    this.write(this.finished, true, signal)
      .catch((error) =>
        process.stderr.write(
          `theorycheck: could not write the partial report: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
        ),
      )
      .finally(() => exit(code));
  }

  private disarm(): void {
    for (const [signal, handler] of this.handlers) process.removeListener(signal, handler);
    this.handlers.clear();
  }

  private async write(testCases: readonly TestCase[], partial: boolean, stoppedBy?: SuiteStop): Promise<void> {
    const claims: ClaimResult[] = [];
    const maps: RegimeMap[] = [];
    const experiments: ExperimentReport[] = [];
    for (const testCase of testCases) {
      const meta = testCase.meta();
      if (meta.theorycheck) claims.push(meta.theorycheck);
      maps.push(...(meta.theorycheckMaps ?? []));
      experiments.push(...(meta.theorycheckExperiments ?? []));
    }
    if (!claims.length && !maps.length && !experiments.length && !stoppedBy) return;
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
      partial,
      stoppedBy,
      command: this.mergedFrom ? `vitest --merge-reports ${this.mergedFrom}` : 'vitest',
    });
    const { htmlPath } = await writeReport(this.options.outputDir ?? environment.reportDirectory, file);
    process.stderr.write(`theorycheck report: ${htmlPath}${partial ? ' (partial)' : ''}\n`);
  }
}

export default TheorycheckReporter;
