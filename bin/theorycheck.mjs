#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so there is no build step between a clone and a run.
import { register } from 'tsx/esm/api';
register();
const { installCrashHandlers } = await import('../src/cli/errors.ts');
installCrashHandlers();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
