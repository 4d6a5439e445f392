// Entry of a `verify` worker process: TypeScript through tsx, as bin/theorycheck.mjs runs the CLI.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
