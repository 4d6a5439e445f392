import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { addClaimsOption, type CliHost, openProject } from '../project.ts';
import { runOnce } from '../../claims/runClaim.ts';
import { availableBackends, getBackend } from '../../compute/backends.ts';
import type { BackendName } from '../../compute/backend.ts';
import { displayPath, saveCounterexample, type StoredCounterexample } from '../../corpus/store.ts';
import { checkCorpus, replayCorpus } from '../../corpus/replay.ts';
import { EXIT_OK, EXIT_UNEXPECTED_VERDICT } from '../errors.ts';
import { selectClaims } from './verify.ts';

export interface CorpusOptions {
  claim?: string[];
  prune?: boolean;
  claims?: string[];
}

/**
 * Replays every stored counterexample on the backend that found it and says which still fail
 * exactly. `--prune` deletes the ones that no longer fail (a claim or the engine was fixed), so
 * the committed corpus holds only live cases.
 */
export function registerCorpus(program: Command, host: CliHost): void {
  addClaimsOption(
    program
      .command('corpus')
      .description('replay the stored counterexamples (fixtures/counterexamples) and report which still fail; --prune deletes the rest')
      .option('--claim <id...>', 'only these claims')
      .option('--prune', 'delete stored cases that no longer fail, and refresh the observation of those whose margin drifted'),
  ).action(async (options: CorpusOptions) => {
    const project = await openProject(host, options.claims);
    const directory = project.corpusDirectory;
    let stale = 0;
    let drifted = 0;
    let errors = 0;
    const claims = selectClaims(project.registry, options.claim, undefined);
    checkCorpus(claims, directory);
    for (const claim of claims) {
      const available = (stored: StoredCounterexample) => {
        if (availableBackends().includes(stored.file.backend as BackendName)) return true;
        process.stdout.write(`skip  ${displayPath(stored.path)}: backend ${stored.file.backend} is not available here\n`);
        return false;
      };
      // Each case replays on the backend that found it.
      const replayed = await replayCorpus(
        claim,
        directory,
        (stored) => getBackend(stored.file.backend as BackendName),
        (params, _stored, backend) => runOnce(claim, params as never, backend, 24 * 3600 * 1000),
        available,
      );
      for (const { stored, record, backend, exact } of replayed) {
        const name = displayPath(stored.path);
        if (record.outcome === 'fail') {
          if (exact) {
            process.stdout.write(`exact ${name} [${stored.file.regime}]\n`);
            continue;
          }
          drifted++;
          // Still a counterexample, but the code moved: keep it, with what it measures now.
          if (options.prune)
            saveCounterexample(
              directory,
              { claim, regime: stored.file.regime, expected: stored.file.expected, record, backend, fastCheck: stored.file.fastCheck },
              true,
            );
          process.stdout.write(
            `${options.prune ? 'fresh' : 'drift'} ${name} [${stored.file.regime}]: margin ${record.margin} (stored ${stored.file.observed.margin})\n`,
          );
          continue;
        }
        // A replay that raised an error says nothing about the claim (a harness bug, a bad value
        // that slipped through): the case is kept, whatever --prune says, and the run is not clean.
        if (record.outcome === 'error') {
          errors++;
          process.stdout.write(
            `error ${name} [${stored.file.regime}]: the replay raised an error, kept${record.detail ? ` — ${record.detail}` : ''}\n`,
          );
          continue;
        }
        stale++;
        if (options.prune) rmSync(stored.path);
        process.stdout.write(
          `${options.prune ? 'gone ' : 'stale'} ${name} [${stored.file.regime}]: now ${record.outcome}${record.detail ? ` — ${record.detail}` : ''}\n`,
        );
      }
    }
    process.stdout.write(
      `${stale} no longer fail, ${drifted} fail with a different margin${options.prune ? ' (deleted and refreshed)' : '; run with --prune to delete and refresh them'}${errors ? `, ${errors} raised an error (kept)` : ''}\n`,
    );
    program.setOptionValue('exitCode', errors || ((stale || drifted) && !options.prune) ? EXIT_UNEXPECTED_VERDICT : EXIT_OK);
  });
}
