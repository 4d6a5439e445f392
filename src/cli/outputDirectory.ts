import { statSync } from 'node:fs';
import { InvalidParameterError } from '../parameters/validation.ts';

/**
 * `--out` must be a folder or not exist yet (it is created): an existing file there is bad
 * input, reported before any work rather than as a failed write at the end.
 */
export function requireOutputDirectory(path: string, option = 'out'): void {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new InvalidParameterError(
      option,
      path,
      `a folder, or a path that does not exist yet (${code === 'ENOTDIR' ? 'a part of it is a file' : `cannot use it: ${code}`})`,
    );
  }
  if (!stat.isDirectory())
    throw new InvalidParameterError(option, path, 'a folder, or a path that does not exist yet (it names an existing file)');
}
