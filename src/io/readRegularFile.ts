import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { InputError } from '../parameters/validation.ts';

export interface ReadRegularFileOptions {
  /** What the file is, for messages: "results file", "counterexample fixture". */
  readonly what: string;
  /** The most bytes the file may hold; checked from its size before anything is read. */
  readonly maxBytes: number;
  /** A symlink must resolve inside this folder (a corpus); without it a symlink to a regular file is followed. */
  readonly within?: string;
  /** How the path is shown in messages (default: as given). */
  readonly shown?: string;
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

/**
 * Reads a file only if it is a regular file of at most `maxBytes`: a FIFO, a device (/dev/zero),
 * a folder or a symlink out of `within` is refused from its lstat/fstat, before a byte is read,
 * so nothing can hang or fill memory. The file is opened non-blocking (a FIFO swapped in after
 * the lstat does not block either) and its fstat is checked again on the open descriptor.
 * Returns null for a missing file; every other problem is an InputError naming the file.
 */
export function readRegularFileIfPresent(path: string, options: ReadRegularFileOptions): Buffer | null {
  const shown = options.shown ?? path;
  const refuse = (why: string): never => {
    throw new InputError(`${options.what} ${shown}: ${why}`);
  };
  let link;
  try {
    link = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return refuse(`cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let target = path;
  if (link.isSymbolicLink()) {
    try {
      target = realpathSync(path);
    } catch {
      return refuse('is a symbolic link whose target does not exist');
    }
    if (options.within !== undefined) {
      const inside = relative(realpathOrSelf(options.within), target);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
        refuse(`is a symbolic link pointing outside ${options.within}; only regular files inside it are read`);
    }
  } else if (!link.isFile()) {
    refuse(`is not a regular file (${kindOf(link)}); only regular files are read`);
  }
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return refuse(`cannot open (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) refuse(`is not a regular file (${kindOf(stat)}); only regular files are read`);
    if (stat.size > options.maxBytes) refuse(`is ${formatBytes(stat.size)}, more than the ${formatBytes(options.maxBytes)} allowed`);
    const bytes = Buffer.allocUnsafe(stat.size);
    let offset = 0;
    while (offset < bytes.length) {
      const read = readSync(fd, bytes, offset, bytes.length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === bytes.length ? bytes : bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/** Like readRegularFileIfPresent, but a missing file is an InputError too. */
export function readRegularFile(path: string, options: ReadRegularFileOptions): Buffer {
  const bytes = readRegularFileIfPresent(path, options);
  if (bytes === null) throw new InputError(`${options.what} ${options.shown ?? path}: no such file`);
  return bytes;
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function kindOf(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a plain file';
}
