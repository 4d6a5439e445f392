import { loadavg } from 'node:os';
import type { BackendName, ComputeBackend } from '../compute/backend.ts';
import { type BackendRequest, availableBackends, getBackend } from '../compute/backends.ts';
import { loadNativeAddon } from '../compute/native/nativeAddon.ts';
import { machinePeak, type MachinePeak, withMeasuredPeak } from './peak.ts';
import { type PeerName, type PeerProbe, type PeerSpec, peerTimesLoading, probePeer, runPeer } from './peer.ts';
import { type BenchShape, flopsPerStep } from './shapes.ts';
import { benchProblem, timeBackend } from './timeBackend.ts';

export interface BenchOptions {
  readonly shapes: readonly BenchShape[];
  /** Steps per timing for the fastest path and the peers; default: the shape's own. */
  readonly iterations?: number;
  /** Peers and ours alternate this many times; the minimum of each is kept (the least disturbed run on a shared machine). */
  readonly repeats: number;
  /** The peers to run; one that cannot start here is reported with the reason and skipped. */
  readonly peers: readonly PeerSpec[];
  /**
   * BLAS thread counts to run the NumPy peer with (undefined: NumPy's default); the fastest is
   * kept, so the ratio is against the peer's best configuration on this machine at this moment.
   * The JAX peer runs with XLA's own threading.
   */
  readonly peerThreads: readonly (number | undefined)[];
  /** Shapes at which the other backends are timed too. */
  readonly othersAt: readonly string[];
  /** Rough wall-time budget per other backend and shape, in ms; slow backends take fewer steps. */
  readonly otherBudgetMs: number;
  /** Which other backends (default: every available one). */
  readonly otherBackends?: readonly BackendName[];
  /** Our path under test (default 'fast'). */
  readonly backend?: BackendRequest;
  /** Override of the peak (tests, or a machine whose /proc/cpuinfo misleads). */
  readonly peak?: MachinePeak;
  readonly onProgress?: (line: string) => void;
}

export interface OtherTiming {
  readonly backend: string;
  readonly device: string;
  readonly iterations: number;
  readonly msPerStep: number;
  /** Over the faster peer's time per step. */
  readonly ratio: number | null;
}

export interface PeerTiming {
  readonly peer: PeerName;
  /** Best time per step over the repeats; null when it never ran. */
  readonly msPerStep: number | null;
  /** NumPy: BLAS threads of the fastest run ('default' = the library's own choice). */
  readonly threads: string | null;
  readonly gflops: number | null;
  /** Ours over this peer, like for like: ours loading included where the peer times its own loading, resident where it does not (peerTimesLoading). */
  readonly ratio: number | null;
  /** Ours loading included over this peer, whatever the peer times. */
  readonly ratioLoaded: number | null;
  /** The peer's process CPU time per step (all its threads), best over the repeats, over the span it times. */
  readonly cpuMsPerStep: number | null;
  /** Our CPU time per step over the peer's: the comparison another job on the machine does not distort. */
  readonly cpuRatio: number | null;
  readonly error?: string;
}

export interface BenchRow {
  readonly shape: BenchShape;
  readonly iterations: number;
  readonly peers: readonly PeerTiming[];
  /** The peer the comparison is hardest against (the highest like-for-like ratio) and its time per step (null when none ran). */
  readonly bestPeer: PeerName | null;
  readonly peerMsPerStep: number | null;
  readonly peerError?: string;
  readonly backend: string;
  readonly device: string;
  readonly fallbackReason?: string;
  /** Best wall time per step, loading the problem included (as the NumPy peer converts its data inside the timing). */
  readonly msPerStep: number;
  readonly msPerStepResident: number;
  /** Process CPU time per step of the same run (both threads): what the step costs whatever the load. */
  readonly cpuMsPerStep: number;
  /** Throughput of the resident step (loading excluded), counting the model's nominal products. */
  readonly gflops: number;
  /** gflops over the machine's nominal float32 peak. */
  readonly peakFraction: number;
  /** gflops over the measured FMA peak, when it was measured. */
  readonly measuredPeakFraction: number | null;
  /** Ours over that peer, like for like (the targets are judged on it); null when no peer could run. */
  readonly ratio: number | null;
  /** Ours loading included over the fastest peer's time per step, whatever that peer times: the stricter reading. */
  readonly ratioLoaded: number | null;
  /** Our CPU time per step over the least CPU time of a peer (on a quiet machine, with equal threads, close to ratio). */
  readonly cpuRatio: number | null;
  readonly withinTarget: boolean | null;
  readonly withinGoal: boolean | null;
  readonly others: OtherTiming[];
}

export interface BenchReport {
  readonly machine: MachinePeak;
  /** 1-minute load average before and after: how disturbed the timings may be. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly peers: readonly ({ peer: PeerName; script: string; python: string } & PeerProbe)[];
  readonly rows: readonly BenchRow[];
}

function timeOther(backend: ComputeBackend, shape: BenchShape, options: BenchOptions, peer: number | null): OtherTiming {
  const problem = benchProblem(shape);
  const limit = options.iterations ?? shape.iterations;
  const timing = timeBackend(backend, problem, (warmMs) =>
    Math.max(1, Math.min(limit, Math.floor(options.otherBudgetMs / Math.max(warmMs, 1e-3)))),
  );
  return {
    backend: backend.name,
    device: backend.device,
    iterations: timing.iterations,
    msPerStep: timing.msPerStep,
    ratio: peer ? timing.msPerStep / peer : null,
  };
}

/**
 * Our fastest path and the peers side by side on each shape, alternating (peer, peer, ours) so
 * that a burst of load on the machine hits all of them alike, the best of each kept; then the
 * other backends.
 */
export function runBench(options: BenchOptions): BenchReport {
  const before = loadavg()[0];
  const fmaPeak = options.peak ? undefined : loadNativeAddon().addon?.fmaPeak;
  // The peak is a best case: measured again after every shape and the highest kept, so a busy moment does not lower it.
  let machine = options.peak ?? withMeasuredPeak(machinePeak(), fmaPeak);
  const fast = getBackend(options.backend ?? 'fast');
  const probes = options.peers.map((peer) => ({ peer: peer.name, script: peer.script, python: peer.python, ...probePeer(peer) }));
  for (const probe of probes) {
    if (!probe.available)
      options.onProgress?.(`${probe.peer} peer not run: ${probe.reason}${probe.install ? ` (to install: ${probe.install})` : ''}`);
  }
  const runnable = options.peers.filter((_, i) => probes[i].available);
  const rows: BenchRow[] = [];
  for (const shape of options.shapes) {
    const iterations = options.iterations ?? shape.iterations;
    const problem = benchProblem(shape);
    const flops = flopsPerStep(shape);
    const peerBest = new Map<PeerName, { ms: number; cpu: number; threads: string | null; error?: string }>(
      options.peers.map((p, i) => [
        p.name,
        {
          ms: Number.POSITIVE_INFINITY,
          cpu: Number.POSITIVE_INFINITY,
          threads: null,
          ...(probes[i].available ? {} : { error: (probes[i] as { reason: string }).reason }),
        },
      ]),
    );
    // Each the best over the repeats on its own, like the peers' times.
    const best = {
      msPerStep: Number.POSITIVE_INFINITY,
      msPerStepResident: Number.POSITIVE_INFINITY,
      cpuMsPerStep: Number.POSITIVE_INFINITY,
    };
    for (let r = 0; r < options.repeats; r++) {
      const times: string[] = [];
      for (const peer of runnable) {
        const slot = peerBest.get(peer.name)!;
        for (const threads of peer.name === 'numpy' ? options.peerThreads : [undefined]) {
          const result = runPeer(peer, shape, iterations, threads);
          const label = threads === undefined ? 'default' : String(threads);
          if ('error' in result) {
            slot.error = result.error;
            times.push(`${peer.name} (${label} threads): ${result.error}`);
          } else {
            if (result.msPerStep < slot.ms) [slot.ms, slot.threads] = [result.msPerStep, label];
            if (result.cpuMsPerStep !== undefined) slot.cpu = Math.min(slot.cpu, result.cpuMsPerStep);
            times.push(
              `${peer.name} (${label} threads) ${result.msPerStep.toFixed(3)} ms${result.cpuMsPerStep === undefined ? '' : ` (CPU ${result.cpuMsPerStep.toFixed(3)} ms)`}`,
            );
          }
        }
      }
      const ours = timeBackend(fast, problem, iterations);
      best.msPerStep = Math.min(best.msPerStep, ours.msPerStep);
      best.msPerStepResident = Math.min(best.msPerStepResident, ours.msPerStepResident);
      best.cpuMsPerStep = Math.min(best.cpuMsPerStep, ours.cpuMsPerStep);
      options.onProgress?.(
        `${shape.name} run ${r + 1}/${options.repeats}: ${times.join(', ') || 'no peer'}; ${fast.name} ${ours.msPerStep.toFixed(3)} ms (CPU ${ours.cpuMsPerStep.toFixed(3)} ms)`,
      );
    }
    const peers: PeerTiming[] = options.peers.map((peer) => {
      const slot = peerBest.get(peer.name)!;
      const ms = Number.isFinite(slot.ms) ? slot.ms : null;
      const cpu = Number.isFinite(slot.cpu) ? slot.cpu : null;
      return {
        peer: peer.name,
        msPerStep: ms,
        threads: slot.threads,
        gflops: ms === null ? null : flops / (ms * 1e6),
        ratio: ms === null ? null : (peerTimesLoading[peer.name] ? best.msPerStep : best.msPerStepResident) / ms,
        ratioLoaded: ms === null ? null : best.msPerStep / ms,
        cpuMsPerStep: cpu,
        cpuRatio: cpu === null ? null : best.cpuMsPerStep / cpu,
        ...(ms === null && slot.error ? { error: slot.error } : {}),
      };
    });
    const ran = peers.filter((p) => p.msPerStep !== null);
    const hardest = ran.length ? ran.reduce((a, b) => (b.ratio! > a.ratio! ? b : a)) : null;
    const fastest = ran.length ? ran.reduce((a, b) => (b.msPerStep! < a.msPerStep! ? b : a)) : null;
    const peerMs = hardest?.msPerStep ?? null;
    const ratio = hardest?.ratio ?? null;
    const ratioLoaded = fastest ? best.msPerStep / fastest.msPerStep! : null;
    const peerError = peers.find((p) => p.error)?.error;
    const peerCpus = peers.map((p) => p.cpuMsPerStep).filter((c): c is number => c !== null);
    const cpuRatio = peerCpus.length ? best.cpuMsPerStep / Math.min(...peerCpus) : null;
    const others: OtherTiming[] = [];
    if (options.othersAt.includes(shape.name)) {
      for (const name of availableBackends()) {
        if (name === fast.name || (options.otherBackends && !options.otherBackends.includes(name))) continue;
        const other = timeOther(getBackend(name), shape, options, fastest?.msPerStep ?? null);
        options.onProgress?.(`${shape.name} ${name}: ${other.msPerStep.toFixed(3)} ms over ${other.iterations} steps`);
        others.push(other);
      }
    }
    const gflops = flops / (best.msPerStepResident * 1e6);
    rows.push({
      shape,
      iterations,
      peers,
      bestPeer: hardest?.peer ?? null,
      peerMsPerStep: peerMs,
      ...(peerMs === null && peerError ? { peerError } : {}),
      backend: fast.name,
      device: fast.device,
      ...(fast.fallbackReason ? { fallbackReason: fast.fallbackReason } : {}),
      msPerStep: best.msPerStep,
      msPerStepResident: best.msPerStepResident,
      cpuMsPerStep: best.cpuMsPerStep,
      gflops,
      peakFraction: gflops / machine.peakGflops,
      measuredPeakFraction: null,
      ratio,
      ratioLoaded,
      cpuRatio,
      withinTarget: ratio === null ? null : ratio <= shape.target,
      withinGoal: ratio === null ? null : ratio <= shape.goal,
      others,
    });
    const again = withMeasuredPeak(machine, fmaPeak);
    if (again.measured && again.measured.gflops > (machine.measured?.gflops ?? 0)) machine = again;
  }
  const measured = machine.measured;
  const withFractions = rows.map((row) => ({ ...row, measuredPeakFraction: measured ? row.gflops / measured.gflops : null }));
  return { machine, loadAverage: { before, after: loadavg()[0] }, peers: probes, rows: withFractions };
}

function fmt(ms: number | null): string {
  if (ms === null) return 'n/a';
  return ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0);
}

const ratioText = (r: number | null) => (r === null ? 'n/a' : `${r.toFixed(2)}×`);

/** The tables `npm run bench` prints (Markdown, so they can go straight into docs/performance.md). */
export function formatBench(report: BenchReport): string {
  const { rows, machine } = report;
  const lines: string[] = [];
  lines.push(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.simd}, ${machine.fmaUnits} FMA/cycle, ${machine.clockMHz.toFixed(0)} MHz → float32 peak ${machine.peakGflops.toFixed(0)} GFLOP/s`,
  );
  lines.push(`  assumptions: ${machine.assumptions.join('; ')}`);
  if (machine.measured) lines.push(`measured float32 FMA peak: ${machine.measured.gflops.toFixed(0)} GFLOP/s (${machine.measured.how})`);
  lines.push(`load average (1 min): ${report.loadAverage.before.toFixed(2)} before, ${report.loadAverage.after.toFixed(2)} after`);
  for (const p of report.peers)
    lines.push(
      p.available
        ? `${p.peer} peer: ${p.peer} ${p.version} (${p.python})`
        : `${p.peer} peer: not run — ${p.reason}${p.install ? `; to install: ${p.install}` : ''}`,
    );
  const first = rows[0];
  if (first) lines.push(`ours: ${first.backend} — ${first.device}${first.fallbackReason ? ` (fallback: ${first.fallbackReason})` : ''}`);
  lines.push('');
  const peerNames = report.peers.map((p) => p.peer);
  const peerHeads = peerNames.map((n) => `${n === 'numpy' ? 'NumPy' : 'JAX'} ms/step`);
  const ratioHeads = peerNames.map((n) => `ours${peerTimesLoading[n] ? '' : ' resident'}/${n === 'numpy' ? 'NumPy' : 'JAX'}`);
  const cpuHeads = peerNames.map((n) => `${n === 'numpy' ? 'NumPy' : 'JAX'} CPU ms/step`);
  lines.push(
    `| shape | n | P | d | m | steps | ${peerHeads.join(' | ')} | ours ms/step | ours resident ms/step | ours GFLOP/s (resident) | of nominal peak | of measured peak | ${ratioHeads.join(' | ')} | ours/faster peer (like for like) | ours loading included/fastest peer | target (goal) | ${cpuHeads.join(' | ')} | ours CPU ms/step | CPU ratio to the leaner peer |`,
  );
  lines.push(`|${' --- |'.repeat(16 + 3 * peerNames.length)}`);
  for (const r of rows) {
    const s = r.shape;
    const peerCells = peerNames.map((n) => {
      const p = r.peers.find((q) => q.peer === n)!;
      return `${fmt(p.msPerStep)}${p.peer === 'numpy' && p.threads ? ` (${p.threads} thr)` : ''}`;
    });
    const ratioCells = peerNames.map((n) => ratioText(r.peers.find((q) => q.peer === n)!.ratio));
    const verdict =
      r.withinTarget === null
        ? 'n/a'
        : `≤ ${s.target}× ${r.withinTarget ? 'met' : 'MISSED'} (≤ ${s.goal}× ${r.withinGoal ? 'met' : 'not yet'})`;
    const cpuCells = peerNames.map((n) => fmt(r.peers.find((q) => q.peer === n)!.cpuMsPerStep));
    lines.push(
      `| ${s.name} | ${s.samples} | ${s.patches} | ${s.dim} | ${s.filtersPerClass} | ${r.iterations} | ${peerCells.join(' | ')} | ${fmt(r.msPerStep)} | ${fmt(r.msPerStepResident)} | ${r.gflops.toFixed(1)} | ${(100 * r.peakFraction).toFixed(0)}% | ${r.measuredPeakFraction === null ? 'n/a' : `${(100 * r.measuredPeakFraction).toFixed(0)}%`} | ${ratioCells.join(' | ')} | ${ratioText(r.ratio)}${r.bestPeer ? ` (${r.bestPeer})` : ''} | ${ratioText(r.ratioLoaded)} | ${verdict} | ${cpuCells.join(' | ')} | ${fmt(r.cpuMsPerStep)} | ${ratioText(r.cpuRatio)} |`,
    );
  }
  for (const r of rows) for (const p of r.peers) if (p.error) lines.push(`${p.peer} peer at ${r.shape.name} did not run: ${p.error}`);
  const others = rows.flatMap((r) => r.others.map((o) => ({ shape: r.shape.name, ...o })));
  if (others.length) {
    lines.push('');
    lines.push('| shape | other backend | device | steps | ms/step | ratio to faster peer |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const o of others)
      lines.push(
        `| ${o.shape} | ${o.backend} | ${o.device} | ${o.iterations} | ${fmt(o.msPerStep)} | ${o.ratio === null ? 'n/a' : `${o.ratio.toFixed(1)}×`} |`,
      );
  }
  return lines.join('\n');
}
