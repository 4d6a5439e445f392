import { spawnSync } from 'node:child_process';

/** Whether `python3` with NumPy runs here; the reason is shown in the test name when it does not. */
export function findNumpy(): { available: boolean; reason: string } {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (probe.error) return { available: false, reason: `python3 not found (${(probe.error as NodeJS.ErrnoException).code})` };
  if (probe.status !== 0) return { available: false, reason: `NumPy not importable: ${probe.stderr.trim().split('\n').pop()}` };
  return { available: true, reason: `NumPy ${probe.stdout.trim()}` };
}

export function runPython(args: string[], input?: string): string {
  const result = spawnSync('python3', args, { encoding: 'utf8', input, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`python3 ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
