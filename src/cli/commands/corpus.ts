import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { allClaims } from '../../../properties/index.ts';
import { runOnce } from '../../claims/runClaim.ts';
import { availableBackends, getBackend } from '../../compute/backends.ts';
import type { BackendName } from '../../compute/backend.ts';
import { corpusDirectory, displayPath, loadCorpus, saveCounterexample } from '../../corpus/store.ts';
import { reproducesExactly } from '../../corpus/replay.ts';
import { EXIT_OK, EXIT_UNEXPECTED_VERDICT } from '../errors.ts';
import { selectClaims } from './verify.ts';

export interface CorpusOptions {
  claim?: string[];
  prune?: boolean;
}

/**
 * Replays every stored counterexample on the backend that found it and says which still fail
 * exactly. `--prune` deletes the ones that no longer fail (a claim or the engine was fixed), so
 * the committed corpus holds only live cases.
 */
export function registerCorpus(program: Command): void {
  program
    .command('corpus')
    .description('replay the stored counterexamples (fixtures/counterexamples) and report which still fail; --prune deletes the rest')
    .option('--claim <id...>', 'only these claims')
    .option('--prune', 'delete stored cases that no longer fail, and refresh the observation of those whose margin drifted')
    .action(async (options: CorpusOptions) => {
      const directory = corpusDirectory();
      let stale = 0;
      let drifted = 0;
      for (const claim of selectClaims(options.claim, undefined)) {
        for (const stored of loadCorpus(directory, claim.id)) {
          const name = displayPath(stored.path);
          if (!availableBackends().includes(stored.file.backend as BackendName)) {
            process.stdout.write(`skip  ${name}: backend ${stored.file.backend} is not available here\n`);
            continue;
          }
          const backend = getBackend(stored.file.backend as BackendName);
          const record = await runOnce(claim, stored.file.params as never, backend, 24 * 3600 * 1000);
          if (record.outcome === 'fail') {
            if (reproducesExactly(stored, record, backend.name)) {
              process.stdout.write(`exact ${name} [${stored.file.regime}]\n`);
              continue;
            }
            drifted++;
            // Still a counterexample, but the code moved: keep it, with what it measures now.
            if (options.prune) saveCounterexample(directory, { claim, regime: stored.file.regime, expected: stored.file.expected, record, backend, fastCheck: stored.file.fastCheck }, true);
            process.stdout.write(`${options.prune ? 'fresh' : 'drift'} ${name} [${stored.file.regime}]: margin ${record.margin} (stored ${stored.file.observed.margin})\n`);
            continue;
          }
          stale++;
          if (options.prune) rmSync(stored.path);
          process.stdout.write(`${options.prune ? 'gone ' : 'stale'} ${name} [${stored.file.regime}]: now ${record.outcome}${record.detail ? ` — ${record.detail}` : ''}\n`);
        }
      }
      process.stdout.write(`${stale} no longer fail, ${drifted} fail with a different margin${options.prune ? ' (deleted and refreshed)' : '; run with --prune to delete and refresh them'}\n`);
      program.setOptionValue('exitCode', (stale || drifted) && !options.prune ? EXIT_UNEXPECTED_VERDICT : EXIT_OK);
    });
}
