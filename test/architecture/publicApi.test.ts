import { expect, test } from 'vitest';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error: a plain-JS script without declarations
import { compilerOptions, renderApiDocs } from '../../scripts/api-docs.mjs';

/**
 * Every public export (what `theorycheck` and `theorycheck/vitest` export) carries a doc comment
 * on its declaration, so an editor shows what it is.
 */
test('each public export has a doc comment', () => {
  const entries = [resolve('src/index.ts'), resolve('src/vitest.ts')];
  const program = ts.createProgram(entries, compilerOptions);
  const checker = program.getTypeChecker();
  const undocumented: string[] = [];
  let exported = 0;
  for (const entry of entries) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    for (const symbol of checker.getExportsOfModule(module)) {
      exported++;
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const documented = (target.declarations ?? []).some(
        (d) =>
          ts.getJSDocCommentsAndTags(d).length > 0 ||
          (ts.isVariableDeclaration(d) && ts.getJSDocCommentsAndTags(d.parent.parent).length > 0),
      );
      if (!documented) undocumented.push(symbol.name);
    }
  }
  expect(exported).toBeGreaterThan(60);
  expect(undocumented).toEqual([]);
});

test('docs/api.md lists every public export as the doc comments say (regenerate: npm run docs:api)', () => {
  const rendered = (renderApiDocs as (root: string) => string)(resolve('.'));
  expect(rendered).toMatch(/\*\*`defineClaim`\*\*/);
  expect(rendered).toMatch(/\*\*`checkClaims`\*\*/);
  expect(readFileSync('docs/api.md', 'utf8') === rendered, 'docs/api.md is stale: run npm run docs:api').toBe(true);
});
