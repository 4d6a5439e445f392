#!/usr/bin/env node
// Writes docs/api.md from the doc comments of the public entries (src/index.ts, src/vitest.ts),
// grouped by the pipeline-stage comments of src/index.ts. test/architecture/publicApi.test.ts
// checks that the file is current: `npm run docs:api` after changing the public surface.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The compiler options the public surface is read with (here and in test/architecture/publicApi.test.ts). */
export const compilerOptions = {
  allowImportingTsExtensions: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: true,
  types: [],
};

function kindOf(declaration) {
  if (ts.isFunctionDeclaration(declaration)) return 'function';
  if (ts.isClassDeclaration(declaration)) return 'class';
  if (ts.isInterfaceDeclaration(declaration)) return 'interface';
  if (ts.isTypeAliasDeclaration(declaration)) return 'type';
  if (ts.isVariableDeclaration(declaration)) return 'const';
  return 'export';
}

function docOf(declaration) {
  const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
    .join('\n')
    .trim();
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Source text on one line, with the breaks a formatter adds (`( a, b, )`, `= | A | B`) taken out again. */
function oneLine(text) {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/,? \)/g, ')')
    .replace(/= \| /g, '= ')
    .replace(/^export /, '');
}

/** The signature line of a declaration, as written (first line, bodies left out). */
function signatureOf(declaration, checker) {
  const source = declaration.getSourceFile().text;
  if (ts.isFunctionDeclaration(declaration)) {
    const end = declaration.body ? declaration.body.getStart() : declaration.end;
    return oneLine(source.slice(declaration.getStart(), end)).trim();
  }
  if (ts.isVariableDeclaration(declaration)) {
    const type = checker.typeToString(checker.getTypeAtLocation(declaration.name), undefined, ts.TypeFormatFlags.NoTruncation);
    return `const ${declaration.name.getText()}: ${type.length > 160 ? `${type.slice(0, 157)}...` : type}`;
  }
  if (ts.isClassDeclaration(declaration)) return `class ${declaration.name?.getText() ?? ''}`;
  if (ts.isTypeAliasDeclaration(declaration)) {
    const text = oneLine(source.slice(declaration.getStart(), declaration.end));
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  }
  if (ts.isInterfaceDeclaration(declaration)) {
    const members = declaration.members.map((m) => m.name?.getText()).filter(Boolean);
    return `interface ${declaration.name.getText()}${declaration.typeParameters ? `<${declaration.typeParameters.map((p) => p.getText()).join(', ')}>` : ''} { ${members.join('; ')} }`;
  }
  return declaration.getText().split('\n')[0];
}

/** docs/api.md's text for the repository at `root`. */
export function renderApiDocs(root) {
  const entries = [join(root, 'src', 'index.ts'), join(root, 'src', 'vitest.ts')];
  const program = ts.createProgram(entries, compilerOptions);
  const checker = program.getTypeChecker();
  const lines = [
    '# API',
    '',
    'Generated from the doc comments by `npm run docs:api` (do not edit by hand). `theorycheck` exports the',
    'pipeline by stage; `theorycheck/vitest` holds the test-runner glue. Nothing else is public. The',
    'tutorial [writing-a-claim.md](writing-a-claim.md) shows them at work; [architecture.md](architecture.md)',
    'says how they fit.',
    '',
  ];
  for (const [entry, title] of [
    [entries[0], '`theorycheck`'],
    [entries[1], '`theorycheck/vitest`'],
  ]) {
    lines.push(`## ${title}`, '');
    const file = program.getSourceFile(entry);
    for (const statement of file.statements) {
      if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
      const comment = (ts.getLeadingCommentRanges(file.text, statement.pos) ?? [])
        .map((r) => file.text.slice(r.pos, r.end))
        .find((c) => c.startsWith('// '));
      if (comment)
        lines.push(
          `### ${comment.slice(3).split(':')[0]}`,
          '',
          `${comment.slice(3)}`.includes(':') ? comment.slice(3).split(':').slice(1).join(':').trim() : '',
          '',
        );
      for (const element of statement.exportClause.elements) {
        const symbol = checker.getSymbolAtLocation(element.name);
        const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        const declaration = target?.declarations?.[0];
        if (!declaration) continue;
        const from = declaration.getSourceFile().fileName.slice(root.length + 1);
        lines.push(`- **\`${element.name.text}\`** (${kindOf(declaration)}, \`${from}\`): ${docOf(declaration) || '(undocumented)'}`);
        lines.push(`  \`${signatureOf(declaration, checker).replace(/`/g, "'")}\``);
      }
      lines.push('');
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  writeFileSync(join(root, 'docs', 'api.md'), renderApiDocs(root));
  console.log('wrote docs/api.md');
}
