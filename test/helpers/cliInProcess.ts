import { main } from '../../src/cli/main.ts';
import { join } from 'node:path';
import { builtinRegistry } from '../../properties/index.ts';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI's main() (what bin/theorycheck.mjs calls) in this process, capturing stdout and
 * stderr: spawning pays seconds of start-up per case on a loaded two-core machine. Environment
 * variables and process.exitCode are restored afterwards; a call that outlives `timeoutMs` fails
 * as a hang.
 */
export async function runCliInProcess(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliOutcome> {
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  Object.assign(process.env, options.env ?? {});
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  let timer: NodeJS.Timeout | undefined;
  try {
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hung: theorycheck ${args.join(' ')}`)), options.timeoutMs ?? 120_000);
    });
    const code = await Promise.race([
      main(['node', 'theorycheck', ...args], {
        builtin: async () => builtinRegistry,
        builtinCorpusDirectory: join(repositoryRoot, 'fixtures', 'counterexamples'),
      }),
      hang,
    ]);
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = savedExitCode;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}
