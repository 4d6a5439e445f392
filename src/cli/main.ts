import { Command, CommanderError } from 'commander';
import { describeError, EXIT_BAD_INPUT } from './errors.ts';
import { registerVerify } from './commands/verify.ts';
import { registerReproduce } from './commands/reproduce.ts';
import { registerReport } from './commands/report.ts';
import { registerExplore } from './commands/explore.ts';
import { registerCorpus } from './commands/corpus.ts';
import { registerTrain } from './commands/train.ts';
import { registerBench } from './commands/bench.ts';

/** Builds the CLI; each command lives in its own file under commands/. */
export function createProgram(): Command {
  const program = new Command('theorycheck')
    .description('Executable, randomized checks of the theorems of machine-learning theory papers')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') })
    .showSuggestionAfterError(true);
  registerVerify(program);
  registerReproduce(program);
  registerReport(program);
  registerExplore(program);
  registerCorpus(program);
  registerTrain(program);
  registerBench(program);
  return program;
}

/** Runs the CLI and returns the exit code (0 as expected, 1 unexpected verdict, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
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
