import type { ComputeBackend } from '../compute/backend.ts';
import { availableBackends, getBackend } from '../compute/backends.ts';
import { runPeer } from './peer.ts';
import { type BenchShape, flopsPerStep } from './shapes.ts';
import { benchProblem, timeBackend } from './timeBackend.ts';

export interface BenchOptions {
  readonly shapes: readonly BenchShape[];
  /** Steps per timing for the fastest path and the peer; default: the shape's own. */
  readonly iterations?: number;
  /** Peer and fastest path alternate this many times; the minimum of each is kept (the least disturbed run on a shared machine). */
  readonly repeats: number;
  readonly peerScript: string;
  readonly python: string;
  /**
   * BLAS thread counts to run the peer with (undefined: NumPy's default); the fastest is kept, so
   * the ratio is against the peer's best configuration on this machine at this moment.
   */
  readonly peerThreads: readonly (number | undefined)[];
  /** Shapes at which the other backends are timed too. */
  readonly othersAt: readonly string[];
  /** Rough wall-time budget per other backend and shape, in ms; slow backends take fewer steps. */
  readonly otherBudgetMs: number;
  readonly onProgress?: (line: string) => void;
}

export interface OtherTiming {
  readonly backend: string;
  readonly device: string;
  readonly iterations: number;
  readonly msPerStep: number;
  readonly ratio: number | null;
}

export interface BenchRow {
  readonly shape: BenchShape;
  readonly iterations: number;
  readonly peerMsPerStep: number | null;
  /** BLAS threads of the peer's fastest run ('default' = NumPy's own choice). */
  readonly peerThreads: string | null;
  readonly peerError?: string;
  readonly backend: string;
  readonly device: string;
  readonly fallbackReason?: string;
  readonly msPerStep: number;
  readonly msPerStepResident: number;
  readonly gflops: number;
  /** Ours over the peer's time per step; null when the peer could not run. */
  readonly ratio: number | null;
  readonly withinTarget: boolean | null;
  readonly others: OtherTiming[];
}

function timeOther(backend: ComputeBackend, shape: BenchShape, options: BenchOptions, peer: number | null): OtherTiming {
  const problem = benchProblem(shape);
  const limit = options.iterations ?? shape.iterations;
  const timing = timeBackend(backend, problem, (warmMs) => Math.max(1, Math.min(limit, Math.floor(options.otherBudgetMs / Math.max(warmMs, 1e-3)))));
  return { backend: backend.name, device: backend.device, iterations: timing.iterations, msPerStep: timing.msPerStep, ratio: peer ? timing.msPerStep / peer : null };
}

/** Our fastest path and the NumPy peer side by side on each shape, then the other backends. */
export function runBench(options: BenchOptions): BenchRow[] {
  const fast = getBackend('fast');
  const rows: BenchRow[] = [];
  for (const shape of options.shapes) {
    const iterations = options.iterations ?? shape.iterations;
    const problem = benchProblem(shape);
    let peerBest = Number.POSITIVE_INFINITY;
    let peerBestThreads: string | null = null;
    let peerError: string | undefined;
    let best = { msPerStep: Number.POSITIVE_INFINITY, msPerStepResident: Number.POSITIVE_INFINITY };
    for (let r = 0; r < options.repeats; r++) {
      const peerTimes: string[] = [];
      for (const threads of options.peerThreads) {
        const peer = runPeer(options.peerScript, shape, iterations, options.python, threads);
        const label = threads === undefined ? 'default' : String(threads);
        if ('error' in peer) {
          peerError = peer.error;
          peerTimes.push(`${label} threads: ${peer.error}`);
        } else {
          if (peer.msPerStep < peerBest) [peerBest, peerBestThreads] = [peer.msPerStep, label];
          peerTimes.push(`${label} threads ${peer.msPerStep.toFixed(3)} ms`);
        }
      }
      const ours = timeBackend(fast, problem, iterations);
      if (ours.msPerStep < best.msPerStep) best = ours;
      options.onProgress?.(`${shape.name} run ${r + 1}/${options.repeats}: peer ${peerTimes.join(', ')}; ${fast.name} ${ours.msPerStep.toFixed(3)} ms`);
    }
    const peerMs = Number.isFinite(peerBest) ? peerBest : null;
    const ratio = peerMs ? best.msPerStep / peerMs : null;
    const others: OtherTiming[] = [];
    if (options.othersAt.includes(shape.name)) {
      for (const name of availableBackends()) {
        if (name === fast.name) continue;
        const other = timeOther(getBackend(name), shape, options, peerMs);
        options.onProgress?.(`${shape.name} ${name}: ${other.msPerStep.toFixed(3)} ms over ${other.iterations} steps`);
        others.push(other);
      }
    }
    rows.push({
      shape,
      iterations,
      peerMsPerStep: peerMs,
      peerThreads: peerBestThreads,
      ...(peerMs === null && peerError ? { peerError } : {}),
      backend: fast.name,
      device: fast.device,
      ...(fast.fallbackReason ? { fallbackReason: fast.fallbackReason } : {}),
      msPerStep: best.msPerStep,
      msPerStepResident: best.msPerStepResident,
      gflops: flopsPerStep(shape) / (best.msPerStep * 1e6),
      ratio,
      withinTarget: ratio === null ? null : ratio <= shape.target,
      others,
    });
  }
  return rows;
}

function fmt(ms: number | null): string {
  if (ms === null) return 'n/a';
  return ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0);
}

/** The table `npm run bench` prints (Markdown, so it can go straight into the README). */
export function formatBench(rows: readonly BenchRow[]): string {
  const lines: string[] = [];
  const first = rows[0];
  if (first) {
    lines.push(`fastest path: ${first.backend} — ${first.device}${first.fallbackReason ? ` (fallback: ${first.fallbackReason})` : ''}`);
    lines.push('');
  }
  lines.push('| shape | n | P | d | m | steps | NumPy peer ms/step (BLAS threads) | ours ms/step | ours resident ms/step | ours GFLOP/s | ratio | target |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const s = r.shape;
    const verdict = r.withinTarget === null ? 'n/a' : `≤ ${s.target}× ${r.withinTarget ? 'met' : 'MISSED'}`;
    lines.push(`| ${s.name} | ${s.samples} | ${s.patches} | ${s.dim} | ${s.filtersPerClass} | ${r.iterations} | ${fmt(r.peerMsPerStep)}${r.peerThreads ? ` (${r.peerThreads})` : ''} | ${fmt(r.msPerStep)} | ${fmt(r.msPerStepResident)} | ${r.gflops.toFixed(1)} | ${r.ratio === null ? 'n/a' : `${r.ratio.toFixed(2)}×`} | ${verdict} |`);
  }
  for (const r of rows) if (r.peerError) lines.push(`peer at ${r.shape.name} did not run: ${r.peerError}`);
  const others = rows.flatMap((r) => r.others.map((o) => ({ shape: r.shape.name, ...o })));
  if (others.length) {
    lines.push('');
    lines.push('| shape | other backend | device | steps | ms/step | ratio to peer |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const o of others) lines.push(`| ${o.shape} | ${o.backend} | ${o.device} | ${o.iterations} | ${fmt(o.msPerStep)} | ${o.ratio === null ? 'n/a' : `${o.ratio.toFixed(1)}×`} |`);
  }
  return lines.join('\n');
}
