import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The core's import rules, read from the sources: src/ never imports properties/ (the core takes
 * its claims as a registry), only the vitest entry imports vitest, and the module graph of src/
 * has no import circle.
 */
const root = resolve('.');
const src = join(root, 'src');

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: static imports and re-exports (type-only included) and dynamic import(). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) found.push(match[1]);
  for (const match of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(match[1]);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]);
  return found;
}

const files = sources(src);
const graph = new Map<string, { relativeImports: string[]; packages: string[] }>();
for (const file of files) {
  const all = specifiers(readFileSync(file, 'utf8'));
  graph.set(file, {
    relativeImports: all.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s)),
    packages: all.filter((s) => !s.startsWith('.')),
  });
}
const shown = (path: string) => relative(root, path);

describe('the core', () => {
  test('the scan sees the imports (a sanity check of the scanner itself)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(join(src, 'claims', 'runExecution.ts'))!.relativeImports).toContain(join(src, 'claims', 'verdict.ts'));
    expect(specifiers("const m = await import('../../properties/index.ts');\nimport type { A } from './a.ts';")).toEqual([
      './a.ts',
      '../../properties/index.ts',
    ]);
  });

  test('src/ never imports properties/', () => {
    const offending = [...graph].flatMap(([file, { relativeImports }]) =>
      relativeImports
        .filter((target) => !relative(join(root, 'properties'), target).startsWith('..'))
        .map((target) => `${shown(file)} → ${shown(target)}`),
    );
    expect(offending).toEqual([]);
  });

  test('only the theorycheck/vitest entry imports vitest', () => {
    const allowed = new Set([
      join(src, 'vitest.ts'),
      join(src, 'report', 'vitest', 'checkClaims.ts'),
      join(src, 'report', 'vitest', 'TheorycheckReporter.ts'),
    ]);
    const offending = [...graph]
      .filter(([file, { packages }]) => !allowed.has(file) && packages.some((p) => p === 'vitest' || p.startsWith('vitest/')))
      .map(([file]) => shown(file));
    expect(offending).toEqual([]);
  });

  test('only src/config/environment.ts reads THEORYCHECK_* variables', () => {
    const readers = files
      .filter((file) =>
        /\benv(?:ironment)?\s*(?:\.\s*THEORYCHECK_|\[\s*['"]THEORYCHECK_)|process\.env\.THEORYCHECK_/.test(readFileSync(file, 'utf8')),
      )
      .map(shown);
    expect(readers).toEqual(['src/config/environment.ts']);
  });

  test('the module graph of src/ has no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map(shown).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file)?.relativeImports ?? []) if (graph.has(target)) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect([...new Set(circles)]).toEqual([]);
  });
});
