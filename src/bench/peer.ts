import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchShape } from './shapes.ts';

/** The NumPy peer shipped with the papers (../shared/bench/peer_numpy.py from the repository root). */
export const defaultPeerScript = fileURLToPath(new URL('../../../shared/bench/peer_numpy.py', import.meta.url));

export type PeerResult = { msPerStep: number; finalLoss: number } | { error: string };

/**
 * Runs the peer once on a shape, float32, with the same step count; its timing includes its own
 * setup, as ours does. `threads` pins the BLAS thread count (undefined: NumPy's default).
 */
export function runPeer(script: string, shape: BenchShape, iterations: number, python = 'python3', threads?: number): PeerResult {
  if (!existsSync(script)) return { error: `peer script not found at ${script}` };
  const args = [script, '--n', String(shape.samples), '--patches', String(shape.patches), '--dim', String(shape.dim), '--filters', String(shape.filtersPerClass), '--iters', String(iterations), '--dtype', 'float32'];
  const pinned = threads === undefined ? {} : { OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const run = spawnSync(python, args, { encoding: 'utf8', timeout: 600_000, env: { ...process.env, ...pinned } });
  if (run.error) return { error: `${python}: ${run.error.message}` };
  if (run.status !== 0) return { error: `peer exited ${run.status}: ${(run.stderr ?? '').trim().split('\n').pop()}` };
  try {
    const line = run.stdout.trim().split('\n').pop()!;
    const parsed = JSON.parse(line) as { ms_per_iter: number; final_loss: number };
    return { msPerStep: parsed.ms_per_iter, finalLoss: parsed.final_loss };
  } catch {
    return { error: `peer printed no JSON line: ${run.stdout.slice(0, 200)}` };
  }
}
