import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentSetting } from '../config/environment.ts';

/** Where crash logs go: $THEORYCHECK_CRASH_DIR, else the system's temporary folder. */
export function crashDirectory(): string {
  return environmentSetting('crashDirectory');
}

/**
 * Writes what a bug report needs (the command, versions, the whole stack and its causes) to a
 * file, so the user sees one line and the maintainer still gets the trace. Returns the path, or
 * null when even that write failed.
 */
export function writeCrashLog(error: unknown, argv: readonly string[] = process.argv): string | null {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(crashDirectory(), `theorycheck-crash-${stamp}-${process.pid}.log`);
  const chain: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = (e as { cause?: unknown })?.cause, depth++) {
    chain.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
  }
  const text = [
    `theorycheck crash log`,
    `time: ${new Date().toISOString()}`,
    `command: ${argv.slice(2).join(' ')}`,
    `node: ${process.version} on ${process.platform}-${process.arch}`,
    '',
    ...chain.map((c, i) => (i ? `caused by: ${c}` : c)),
    '',
  ].join('\n');
  try {
    mkdirSync(crashDirectory(), { recursive: true });
    writeFileSync(path, text);
    return path;
  } catch {
    return null;
  }
}
