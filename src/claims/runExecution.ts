import type { ClaimParameters } from './claim.ts';
import type { RunRecord } from './result.ts';
import type { ResolvedRegime } from './regime.ts';
import { decideVerdict } from './verdict.ts';

/**
 * The runs of one regime as fast-check makes them (cf. fast-check's RunExecution): the records,
 * whether shrinking has begun, and — for a stochastic holding domain — whether the sequential
 * verdict is decided, after which the search stops between runs.
 */
export class RunExecution<P extends ClaimParameters> {
  readonly records: RunRecord[] = [];
  private failureSeen = false;
  /** Counted runs at which the sequential verdict was decided, or null. */
  decidedAt: number | null = null;

  constructor(
    private readonly regime: ResolvedRegime<P>,
    private readonly run: (params: P & { seed: number }) => Promise<RunRecord>,
    private readonly sequential: { threshold: number; alpha: number; minRuns: number },
    private readonly hooks: { signal?: AbortSignal; onRun?: (record: RunRecord) => void },
  ) {}

  /** Whether the search should make no further run (decided, or stopped by the signal). */
  get stopped(): boolean {
    return this.decidedAt !== null || Boolean(this.hooks.signal?.aborted);
  }

  /** fast-check's predicate: runs the case and records it; false is a counterexample. */
  readonly predicate = async (params: P & { seed: number }): Promise<boolean> => {
    // Let timers and signal handlers run: a synchronous measurement in an async loop never yields otherwise, and SIGINT would wait for the whole search.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.hooks.signal?.aborted) return true;
    const record = { ...(await this.run(params)), shrinking: this.failureSeen };
    this.records.push(record);
    this.hooks.onRun?.(record);
    const failed = record.outcome === 'fail';
    if (this.regime.collectsPassRate) {
      this.checkDecided();
      return true;
    }
    if (failed) this.failureSeen = true;
    return !failed;
  };

  private checkDecided(): void {
    const passes = this.records.filter((r) => r.outcome === 'pass').length;
    const failures = this.records.filter((r) => r.outcome === 'fail').length;
    if (passes + failures < this.sequential.minRuns) return;
    const { verdict } = decideVerdict('stochastic', this.sequential.threshold, {
      passes,
      failures,
      interrupted: false,
      plannedRuns: passes + failures,
      alpha: this.sequential.alpha,
    });
    if (verdict !== 'inconclusive') this.decidedAt = this.records.length;
  }
}
