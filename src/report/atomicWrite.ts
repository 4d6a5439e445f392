import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** A file written beside its destination, not yet visible there. */
export interface StagedFile {
  readonly path: string;
  readonly temporary: string;
  /** Makes the new content visible at `path` in one rename. */
  commit(): void;
  discard(): void;
}

/**
 * Writes the content to a temporary file in the destination's folder (same filesystem, so the
 * later rename is atomic) and flushes it to disk. Nothing at `path` changes until commit().
 */
export function stageFile(path: string, content: string | Uint8Array): StagedFile {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  return {
    path,
    temporary,
    commit: () => renameSync(temporary, path),
    discard: () => rmSync(temporary, { force: true }),
  };
}

/**
 * Writes a file so that readers see either the old or the new content, never a half-written
 * one: write beside it, then rename (atomic on one filesystem).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  stageFile(path, content).commit();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what writers that died mid-write left staged beside `path` (their process is gone);
 * staging files of live writers are left alone. Returns the files removed.
 */
export function removeStaleStaging(path: string): string[] {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && !alive(Number(match[1]))) {
      rmSync(join(dirname(path), name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
