import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: above src/ in a clone, above dist/ in an installed package. */
const root = fileURLToPath(new URL('../../', import.meta.url));
/** The engine's own code: src/ (TypeScript, in a clone) or dist/ (compiled, when installed). */
const engineDirectory = fileURLToPath(new URL('../', import.meta.url));
const cached = new Map<string, string>();

const codeFile = /\.(ts|mts|cts|js|mjs|cjs)$/;
/** Folders of a project that hold no claim code: dependencies, outputs, caches, fixtures. */
const skipped = new Set(['node_modules', 'dist', 'build', 'reports', 'fixtures', 'coverage']);
/** A working directory that is not a project (a home directory) must not be walked for ever. */
const MAX_PROJECT_FILES = 5000;

function sourceFiles(directory: string, skip: ReadonlySet<string> = new Set(), budget = { left: Infinity }): string[] {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      if (budget.left <= 0 || entry.name.startsWith('.') || skip.has(entry.name)) return [];
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return sourceFiles(path, skip, budget);
      if (!entry.isFile() || !codeFile.test(entry.name) || entry.name.endsWith('.d.ts')) return [];
      budget.left--;
      return [path];
    });
}

function hashFiles(hash: ReturnType<typeof createHash>, files: string[], base: string): void {
  for (const file of files) {
    hash.update(file.startsWith(base) ? file.slice(base.length) : file);
    hash.update('\0');
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('missing');
    }
  }
}

/**
 * The version of everything that can change a measurement: the package version, a hash of the
 * engine's code and lockfile, and a hash of the code of the project being checked (the working
 * directory: its claims and their helpers, wherever they live). Any edit to a kernel, a data
 * model or a claim makes a new version, so a cached result is never served for code that would
 * now compute otherwise.
 */
export function engineVersion(projectDirectory: string = process.cwd()): string {
  const known = cached.get(projectDirectory);
  if (known) return known;
  const hash = createHash('sha256');
  // The lockfile too: a new gpu.js or mathjs can change the numbers a backend returns.
  hashFiles(hash, [...sourceFiles(engineDirectory), join(root, 'package-lock.json')], root);
  hash.update('\0project\0');
  hashFiles(hash, sourceFiles(projectDirectory, skipped, { left: MAX_PROJECT_FILES }), projectDirectory);
  const version = `${packageVersion()}+${hash.digest('hex').slice(0, 12)}`;
  cached.set(projectDirectory, version);
  return version;
}

export function packageVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/** The package root (the clone, or node_modules/theorycheck when installed). */
export const repositoryRoot = root;
