#!/usr/bin/env node
// In a clone, runs the TypeScript CLI from source through tsx (no build step between a clone and
// a run) with the built-in papers of properties/. Installed as a package, runs the compiled CLI
// in dist/; tsx is registered either way so that --claims modules and theorycheck.config.ts may
// be TypeScript.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
// An exception nothing caught (a library failing asynchronously) is one line, exit 3 and a crash log.
const { installCrashHandlers } = await import(fromSource ? '../src/cli/errors.ts' : '../dist/cli/errors.js');
installCrashHandlers();
const { main } = await import(fromSource ? '../src/cli/main.ts' : '../dist/cli/main.js');
const builtinIndex = new URL('../properties/index.ts', import.meta.url);
const host = existsSync(builtinIndex)
  ? {
      builtin: async () => (await import(builtinIndex.href)).builtinRegistry,
      builtinCorpusDirectory: fileURLToPath(new URL('../fixtures/counterexamples', import.meta.url)),
      builtinModule: builtinIndex.href,
    }
  : {};
process.exitCode = await main(process.argv, host);
