import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
let cached: string | null = null;

function sourceFiles(directory: string): string[] {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    });
}

/**
 * The version of everything that can change a measurement: the package version plus a hash of
 * the source of the engine and the claims. Any edit to a kernel, a data model or a claim makes
 * a new version, so a cached result is never served for code that would now compute otherwise.
 */
export function engineVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  // The lockfile too: a new gpu.js or mathjs can change the numbers a backend returns.
  for (const file of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'properties')), join(root, 'package-lock.json')]) {
    hash.update(file.slice(root.length));
    hash.update('\0');
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('missing');
    }
  }
  cached = `${packageVersion()}+${hash.digest('hex').slice(0, 12)}`;
  return cached;
}

export function packageVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

export const repositoryRoot = root;
