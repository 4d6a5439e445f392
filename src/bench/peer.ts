import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchShape } from './shapes.ts';

/** The NumPy peer shipped with the papers (../shared/bench/peer_numpy.py from the repository root). */
export const defaultPeerScript = fileURLToPath(new URL('../../../shared/bench/peer_numpy.py', import.meta.url));
/** The JAX peer next to it: the same model as a JAX user writes it (jax.jit, XLA CPU). */
export const defaultJaxPeerScript = fileURLToPath(new URL('../../../shared/bench/peer_jax.py', import.meta.url));

export type PeerName = 'numpy' | 'jax';

/**
 * Whether a peer's timed span includes putting the data in place. The NumPy peer converts X to
 * float32 inside `train()`, so it is compared with ours loading included (conversion,
 * deduplication, packing); the JAX peer converts and places X (`jnp.asarray`) and compiles the
 * step before its clock starts, so it is compared with ours resident.
 */
export const peerTimesLoading: Record<PeerName, boolean> = { numpy: true, jax: false };

/** One peer: which script, which interpreter, and the Python module it needs. */
export interface PeerSpec {
  readonly name: PeerName;
  readonly script: string;
  readonly python: string;
}

/** Whether a peer can run here; when not, why, and what to do about it. */
export type PeerProbe = { available: true; version: string } | { available: false; reason: string; install?: string };

const peerModule: Record<PeerName, string> = { numpy: 'numpy', jax: 'jax' };
/** Arguments the peers do not share: the JAX peer is float32 only and takes no --dtype. */
const peerArgs: Record<PeerName, string[]> = { numpy: ['--dtype', 'float32'], jax: [] };

/** How to get the JAX peer running, printed when it cannot. */
export const jaxInstallHint = 'python3 -m venv DIR && DIR/bin/pip install jax, then --python DIR/bin/python';

/** Checks the script exists and `python -c 'import <module>'` works. */
export function probePeer(peer: PeerSpec): PeerProbe {
  if (!existsSync(peer.script)) return { available: false, reason: `peer script not found at ${peer.script}` };
  const module = peerModule[peer.name];
  const probe = spawnSync(peer.python, ['-c', `import ${module}; print(${module}.__version__)`], { encoding: 'utf8', timeout: 120_000 });
  if (probe.error || probe.status !== 0) {
    const reason = probe.error ? `${peer.python}: ${probe.error.message}` : `${peer.python} cannot import ${module}`;
    return { available: false, reason, install: peer.name === 'jax' ? jaxInstallHint : `${peer.python} -m pip install numpy` };
  }
  return { available: true, version: probe.stdout.trim() };
}

export type PeerResult = { msPerStep: number; finalLoss: number; cpuMsPerStep?: number } | { error: string };

/**
 * Runs the peer script unchanged, and notes the process CPU time (all threads) at the script's own
 * two time.perf_counter() calls around its timed loop: the peer's CPU time per step over exactly
 * the span it reports, which, unlike its wall time, another job on the machine does not inflate.
 */
const cpuWrapper = [
  'import json, os, runpy, sys, time',
  'script = os.path.abspath(sys.argv[1]); sys.argv = sys.argv[1:]',
  'real = time.perf_counter; marks = []',
  'def counter():',
  '    now = real()',
  '    if os.path.abspath(sys._getframe(1).f_code.co_filename) == script: marks.append(time.process_time())',
  '    return now',
  'time.perf_counter = counter',
  "runpy.run_path(script, run_name='__main__')",
  "print(json.dumps({'cpu_s': marks[-1] - marks[-2] if len(marks) >= 2 else None}))",
].join('\n');

/**
 * Runs the peer once on a shape, float32, with the same step count. `threads` pins the BLAS
 * thread count (undefined: the library's default).
 */
export function runPeer(peer: PeerSpec, shape: BenchShape, iterations: number, threads?: number): PeerResult {
  if (!existsSync(peer.script)) return { error: `peer script not found at ${peer.script}` };
  const args = [
    peer.script,
    '--n',
    String(shape.samples),
    '--patches',
    String(shape.patches),
    '--dim',
    String(shape.dim),
    '--filters',
    String(shape.filtersPerClass),
    '--iters',
    String(iterations),
    ...peerArgs[peer.name],
  ];
  const pinned =
    threads === undefined
      ? {}
      : { OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const run = spawnSync(peer.python, ['-c', cpuWrapper, ...args], {
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, ...pinned },
  });
  if (run.error) return { error: `${peer.python}: ${run.error.message}` };
  if (run.status !== 0) return { error: `peer exited ${run.status}: ${(run.stderr ?? '').trim().split('\n').pop()}` };
  try {
    const lines = run.stdout.trim().split('\n');
    const cpu = JSON.parse(lines.pop()!) as { cpu_s: number | null };
    const line = lines.pop()!;
    const parsed = JSON.parse(line) as { ms_per_iter: number; final_loss: number };
    if (!(parsed.ms_per_iter > 0)) return { error: `peer printed no positive ms_per_iter: ${line.slice(0, 200)}` };
    return {
      msPerStep: parsed.ms_per_iter,
      finalLoss: parsed.final_loss,
      ...(cpu.cpu_s !== null && cpu.cpu_s > 0 ? { cpuMsPerStep: (cpu.cpu_s * 1000) / iterations } : {}),
    };
  } catch {
    return { error: `peer printed no JSON line: ${run.stdout.slice(0, 200)}` };
  }
}
