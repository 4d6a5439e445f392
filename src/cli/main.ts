import { Command, CommanderError } from 'commander';
import { describeError, EXIT_BAD_INPUT } from './errors.ts';
import { registerVerify } from './commands/verify.ts';
import { registerReproduce } from './commands/reproduce.ts';
import { registerReport } from './commands/report.ts';
import { registerExplore } from './commands/explore.ts';
import { registerCorpus } from './commands/corpus.ts';
import { registerTrain } from './commands/train.ts';
import { registerBench } from './commands/bench.ts';
import { registerInit } from './commands/init.ts';
import type { CliHost } from './project.ts';
import { readEnvironment } from '../config/environment.ts';

/** Builds the CLI; each command lives in its own file under commands/. */
export function createProgram(host: CliHost = {}): Command {
  const program = new Command('theorycheck')
    .description('Executable, randomized checks of the theorems of machine-learning theory papers')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') })
    .showSuggestionAfterError(true);
  registerVerify(program, host);
  registerReproduce(program, host);
  registerReport(program);
  registerExplore(program, host);
  registerCorpus(program, host);
  registerTrain(program);
  registerBench(program);
  registerInit(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code (0 as expected, 1 unexpected verdict, 2 bad input).
 * `host.builtin` supplies the claims run when neither --claims nor a config names any.
 */
export async function main(argv: string[], host: CliHost = {}): Promise<number> {
  const program = createProgram(host);
  try {
    // A bad THEORYCHECK_* value is bad input like a bad flag: one line, exit 2, before any work.
    readEnvironment();
    await program.parseAsync(argv);
    return (program.getOptionValue('exitCode') as number | undefined) ?? Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_BAD_INPUT;
    }
    const { message, exitCode } = describeError(error);
    process.stderr.write(`${message}\n`);
    return exitCode;
  }
}
