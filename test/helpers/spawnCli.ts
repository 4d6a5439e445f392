import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';

export interface SpawnedCliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/theorycheck.mjs as a user would, in a separate process from the repository root, with
 * `env` added to this process's environment. Costs seconds of start-up: use runCliInProcess
 * (cliInProcess.ts) unless the binary or a real process (deadlines, exit codes) is under test.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}): Promise<SpawnedCliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'theorycheck.mjs'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
