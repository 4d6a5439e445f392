import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

/** This machine's float32 peak, cores × SIMD lanes × FMA units × 2 flops × clock, with what it assumed. */
export interface MachinePeak {
  readonly cpu: string;
  readonly cores: number;
  /** float32 lanes of the widest vector unit the CPU reports. */
  readonly simdLanes: number;
  readonly simd: string;
  /** FMA instructions issued per cycle per core at that width. */
  readonly fmaUnits: number;
  readonly clockMHz: number;
  readonly peakGflops: number;
  /** The assumptions behind the figure, one sentence each. */
  readonly assumptions: readonly string[];
  /**
   * The float32 FMA throughput measured on this machine (every core running independent register
   * FMA chains, in the native addon), when the addon is built: what the clock really gives, where
   * the nominal figure above only assumes it. The bench keeps the best of several measurements.
   */
  readonly measured?: { readonly gflops: number; readonly how: string };
}

/** Seconds each core runs FMA chains for the measured peak. */
const measureSeconds = 0.2;

/**
 * Adds the measured FMA throughput to a peak, via the native addon's `fmaPeak`; the peak unchanged
 * when the addon is not built.
 */
export function withMeasuredPeak(peak: MachinePeak, fmaPeak: ((threads: number, seconds: number) => number) | undefined): MachinePeak {
  if (!fmaPeak) return peak;
  const gflops = fmaPeak(peak.cores, measureSeconds);
  return {
    ...peak,
    measured: {
      gflops,
      how: `${peak.cores} threads × 12 independent register FMA chains on the widest vectors the addon was built for, ${measureSeconds} s (native addon)`,
    },
  };
}

/** The first value of a field in /proc/cpuinfo's text. */
function field(text: string, name: string): string | undefined {
  const match = new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text);
  return match?.[1]?.trim();
}

/**
 * Reads the peak from /proc/cpuinfo (flags, vendor, family, MHz); elsewhere from os.cpus(), with
 * SIMD and FMA assumed. `cpuinfo` is injectable for tests.
 */
export function machinePeak(cpuinfo?: string, cores = availableParallelism()): MachinePeak {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      text = '';
    }
  }
  const assumptions: string[] = [];
  const flags = new Set((field(text, 'flags') ?? field(text, 'Features') ?? '').split(/\s+/));
  const vendor = field(text, 'vendor_id') ?? '';
  const family = Number(field(text, 'cpu family') ?? Number.NaN);
  const cpu = field(text, 'model name') ?? cpus()[0]?.model ?? 'unknown CPU';
  let simd: string;
  let simdLanes: number;
  if (flags.has('avx512f')) [simd, simdLanes] = ['AVX-512', 16];
  else if (flags.has('avx2') || flags.has('avx')) [simd, simdLanes] = [flags.has('avx2') ? 'AVX2' : 'AVX', 8];
  else if (flags.has('asimd') || flags.has('neon')) [simd, simdLanes] = ['NEON', 4];
  else if (flags.has('sse2')) [simd, simdLanes] = ['SSE2', 4];
  else {
    [simd, simdLanes] = ['unknown (assumed 128-bit)', 4];
    assumptions.push('no SIMD flags readable: assumed 4 float32 lanes');
  }
  const hasFma = flags.has('fma') || flags.has('asimd') || flags.has('neon');
  let fmaUnits = 2;
  if (!hasFma) {
    // Separate multiply and add ports still retire one multiply and one add per cycle.
    assumptions.push('no FMA flag: counted as one multiply plus one add per cycle (same peak as one FMA unit at 2 flops)');
    fmaUnits = 1;
  } else if (simdLanes === 16 && vendor === 'AuthenticAMD' && family === 25) {
    fmaUnits = 1;
    assumptions.push('AMD family 19h (Zen 4) runs 512-bit FMAs as two 256-bit halves: one 512-bit FMA per cycle');
  } else {
    assumptions.push(`${fmaUnits} FMA units per core at full ${simdLanes * 32}-bit width (Intel since Haswell/Skylake-SP, AMD Zen 5)`);
  }
  const mhzText = field(text, 'cpu MHz');
  let clockMHz = mhzText ? Number(mhzText) : Number.NaN;
  if (!Number.isFinite(clockMHz) || clockMHz <= 0) clockMHz = cpus()[0]?.speed ?? Number.NaN;
  if (!Number.isFinite(clockMHz) || clockMHz <= 0) {
    clockMHz = 2000;
    assumptions.push('no clock readable: assumed 2000 MHz');
  } else {
    assumptions.push(
      `clock ${clockMHz.toFixed(0)} MHz as /proc/cpuinfo reports it (the nominal clock under a hypervisor; turbo can exceed it, so a fraction above 1 is possible)`,
    );
  }
  assumptions.push(`${cores} cores (every core the process may use), one thread each`);
  const peakGflops = (cores * simdLanes * fmaUnits * 2 * clockMHz) / 1000;
  return { cpu, cores, simdLanes, simd, fmaUnits, clockMHz, peakGflops, assumptions };
}
